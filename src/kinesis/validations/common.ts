/** Member specs shared by many Kinesis actions, with the constraints of botocore's model. */
import type { FieldSpec, FieldTable } from './framework.js';

export const STREAM_NAME_PATTERN = '[a-zA-Z0-9_.-]+';

export const streamName = (required = false): FieldSpec => ({
  type: 'String',
  ...(required ? { notNull: true } : {}),
  regex: STREAM_NAME_PATTERN,
  lengthGreaterThanOrEqual: 1,
  lengthLessThanOrEqual: 128,
});

export const streamArnField = (required = false): FieldSpec => ({
  type: 'String',
  ...(required ? { notNull: true } : {}),
  regex: 'arn:aws.*:kinesis:.*:\\d{12}:stream/\\S+',
  lengthGreaterThanOrEqual: 1,
  lengthLessThanOrEqual: 2048,
});

export const resourceArnField = (): FieldSpec => ({
  type: 'String',
  notNull: true,
  regex: 'arn:aws.*:kinesis:.*:\\d{12}:.*stream/\\S+',
  lengthGreaterThanOrEqual: 1,
  lengthLessThanOrEqual: 2048,
});

/** "Not Implemented. Reserved for future use.": type-checked, then ignored. */
export const streamIdField = (): FieldSpec => ({ type: 'String' });

export const shardIdField = (required = false): FieldSpec => ({
  type: 'String',
  ...(required ? { notNull: true } : {}),
  regex: STREAM_NAME_PATTERN,
  lengthGreaterThanOrEqual: 1,
  lengthLessThanOrEqual: 128,
});

// Tag limits follow botocore's model (200 per request, 50 keys to remove), not the 10 kinesalite recorded in 2018.
export const tagMap = (required = true, max = 200): FieldSpec => ({
  type: 'Map',
  ...(required ? { notNull: true } : {}),
  lengthGreaterThanOrEqual: 1,
  lengthLessThanOrEqual: max,
  childKeyLengths: [1, 128],
  childValueLengths: [0, 256],
  children: { type: 'String' },
});

export const tagKeyList = (): FieldSpec => ({
  type: 'List',
  notNull: true,
  lengthGreaterThanOrEqual: 1,
  lengthLessThanOrEqual: 50,
  childLengths: [1, 128],
  children: { type: 'String' },
});

/**
 * The stream a request names: AWS now takes `StreamName` or `StreamARN` (or both); with neither, it reports the
 * name as null, as it did when the name was required. `StreamId` is accepted and ignored.
 * `others` come first in AWS's error order, the stream members last (as kinesalite's tables list them).
 */
export function streamScoped(others: FieldTable = {}): FieldTable {
  return {
    ...others,
    StreamName: { ...streamName(), notNullUnless: 'StreamARN' },
    StreamARN: streamArnField(),
    StreamId: streamIdField(),
  };
}
