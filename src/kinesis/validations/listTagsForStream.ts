import { streamScoped } from './common.js';
import type { ActionValidation } from './framework.js';

export const validation: ActionValidation = {
  types: streamScoped({
    // The model's 50; kinesalite recorded 10 when streams could hold no more tags than that.
    Limit: { type: 'Integer', greaterThanOrEqual: 1, lessThanOrEqual: 50 },
    ExclusiveStartTagKey: { type: 'String', lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 128 },
  }),
};
