/** PutRecord's input, in AWS's error order (kinesalite's recorded table; Data up to the 10 MiB model maximum). */
import { streamScoped } from './common.js';
import type { ActionValidation } from './framework.js';

export const SEQUENCE_NUMBER_PATTERN = '0|([1-9]\\d{0,128})';
export const HASH_KEY_PATTERN = '0|([1-9]\\d{0,38})';
/** The largest record the model admits; the stream's MaxRecordSizeInKiB is checked by the action. */
export const MAX_DATA_BYTES = 10 * 1024 * 1024;

export const validation: ActionValidation = {
  types: streamScoped({
    SequenceNumberForOrdering: { type: 'String', regex: SEQUENCE_NUMBER_PATTERN },
    PartitionKey: { type: 'String', notNull: true, lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 256 },
    ExplicitHashKey: { type: 'String', regex: HASH_KEY_PATTERN },
    Data: { type: 'Blob', notNull: true, lengthLessThanOrEqual: MAX_DATA_BYTES },
  }),
};
