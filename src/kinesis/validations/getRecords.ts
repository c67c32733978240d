/** GetRecords' input, in AWS's error order (kinesalite's recorded table, plus the newer StreamARN). */
import { streamArnField } from './common.js';
import type { ActionValidation } from './framework.js';

export const validation: ActionValidation = {
  types: {
    Limit: { type: 'Integer', greaterThanOrEqual: 1, lessThanOrEqual: 10000 },
    ShardIterator: { type: 'String', notNull: true, lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 512 },
    StreamARN: streamArnField(),
  },
};
