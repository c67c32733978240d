/** ListStreamConsumers' input (botocore's model). */
import { streamArnField } from './common.js';
import type { ActionValidation } from './framework.js';

export const validation: ActionValidation = {
  types: {
    StreamARN: streamArnField(true),
    NextToken: { type: 'String', lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 1048576 },
    MaxResults: { type: 'Integer', greaterThanOrEqual: 1, lessThanOrEqual: 10000 },
    StreamCreationTimestamp: { type: 'Timestamp' },
  },
};
