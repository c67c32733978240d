/** PutRecord's input, in AWS's error order (kinesalite's recorded table; Data up to the 10 MiB model maximum). */
import type { WireProtocol } from '../../server/service.js';
import { FAIL, isPlainObject, optionalString, requiredBlob, requiredString, streamMembers } from '../records/valid-input.js';
import { streamScoped } from './common.js';
import type { ActionValidation } from './framework.js';

export const SEQUENCE_NUMBER_PATTERN = '0|([1-9]\\d{0,128})';
export const HASH_KEY_PATTERN = '0|([1-9]\\d{0,38})';
/** The largest record the model admits; the stream's MaxRecordSizeInKiB is checked by the action. */
export const MAX_DATA_BYTES = 10 * 1024 * 1024;

export const SEQUENCE_NUMBER = new RegExp(`^(?:${SEQUENCE_NUMBER_PATTERN})$`);
export const HASH_KEY = new RegExp(`^(?:${HASH_KEY_PATTERN})$`);

export const validation: ActionValidation = {
  types: streamScoped({
    SequenceNumberForOrdering: { type: 'String', regex: SEQUENCE_NUMBER_PATTERN },
    PartitionKey: { type: 'String', notNull: true, lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 256 },
    ExplicitHashKey: { type: 'String', regex: HASH_KEY_PATTERN },
    Data: { type: 'Blob', notNull: true, lengthLessThanOrEqual: MAX_DATA_BYTES },
  }),
};

/**
 * The framework's result for a valid request, computed directly (no per-member tables or paths, base64 decoded
 * once); undefined when anything is off, so that the framework runs and words the error.
 */
export function fastValidate(input: unknown, _protocol: WireProtocol): Record<string, any> | undefined {
  if (!isPlainObject(input)) return undefined;
  const ordering = optionalString(input.SequenceNumberForOrdering, 0, Infinity, SEQUENCE_NUMBER);
  const partitionKey = requiredString(input.PartitionKey, 1, 256);
  const hashKey = optionalString(input.ExplicitHashKey, 0, Infinity, HASH_KEY);
  const data = requiredBlob(input.Data, MAX_DATA_BYTES);
  if (ordering === FAIL || partitionKey === FAIL || hashKey === FAIL || data === FAIL) return undefined;
  const out: Record<string, any> = {};
  if (ordering !== undefined) out.SequenceNumberForOrdering = ordering;
  out.PartitionKey = partitionKey;
  if (hashKey !== undefined) out.ExplicitHashKey = hashKey;
  out.Data = data;
  return streamMembers(input, out) ? out : undefined;
}
