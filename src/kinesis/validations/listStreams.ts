import { streamName } from './common.js';
import type { ActionValidation } from './framework.js';

export const validation: ActionValidation = {
  types: {
    Limit: { type: 'Integer', greaterThanOrEqual: 1, lessThanOrEqual: 10000 },
    ExclusiveStartStreamName: streamName(),
    NextToken: { type: 'String', lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 1048576 },
  },
};
