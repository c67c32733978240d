/** PutRecords' input, in AWS's error order (kinesalite's recorded table; Data up to the 10 MiB model maximum). */
import { streamScoped } from './common.js';
import type { ActionValidation } from './framework.js';
import { HASH_KEY_PATTERN, MAX_DATA_BYTES } from './putRecord.js';

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
