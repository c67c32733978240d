/** PutRecords' input, in AWS's error order (kinesalite's recorded table; Data up to the 10 MiB model maximum). */
import type { WireProtocol } from '../../server/service.js';
import { FAIL, isPlainObject, optionalString, requiredBlob, requiredString, streamMembers } from '../records/valid-input.js';
import { streamScoped } from './common.js';
import type { ActionValidation } from './framework.js';
import { HASH_KEY, HASH_KEY_PATTERN, MAX_DATA_BYTES } from './putRecord.js';

export const validation: ActionValidation = {
  types: streamScoped({
    Records: {
      type: 'List',
      notNull: true,
      lengthGreaterThanOrEqual: 1,
      lengthLessThanOrEqual: 500,
      memberStr: 'com.amazonaws.kinesis.v20131202.PutRecordsRequestEntry@c965e310',
      children: {
        type: 'Structure',
        children: {
          PartitionKey: { type: 'String', notNull: true, lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 256 },
          ExplicitHashKey: { type: 'String', regex: HASH_KEY_PATTERN },
          Data: { type: 'Blob', notNull: true, lengthLessThanOrEqual: MAX_DATA_BYTES },
        },
      },
    },
  }),
};

/**
 * The framework's result for a valid request, computed directly: one pass over the records, no member paths,
 * base64 decoded once; undefined when anything is off, so that the framework runs and words the error.
 */
export function fastValidate(input: unknown, _protocol: WireProtocol): Record<string, any> | undefined {
  if (!isPlainObject(input)) return undefined;
  const list = input.Records;
  if (!Array.isArray(list) || list.length < 1 || list.length > 500) return undefined;
  const records: Array<Record<string, unknown>> = new Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const entry: unknown = list[i];
    if (!isPlainObject(entry)) return undefined;
    const partitionKey = requiredString(entry.PartitionKey, 1, 256);
    const hashKey = optionalString(entry.ExplicitHashKey, 0, Infinity, HASH_KEY);
    const data = requiredBlob(entry.Data, MAX_DATA_BYTES);
    if (partitionKey === FAIL || hashKey === FAIL || data === FAIL) return undefined;
    records[i] = hashKey === undefined ? { PartitionKey: partitionKey, Data: data } : { PartitionKey: partitionKey, ExplicitHashKey: hashKey, Data: data };
  }
  const out: Record<string, any> = { Records: records };
  return streamMembers(input, out) ? out : undefined;
}
