import { shardIdField, streamScoped } from './common.js';
import type { ActionValidation } from './framework.js';

export const validation: ActionValidation = {
  types: streamScoped({
    Limit: { type: 'Integer', greaterThanOrEqual: 1, lessThanOrEqual: 10000 },
    ExclusiveStartShardId: shardIdField(),
  }),
};
