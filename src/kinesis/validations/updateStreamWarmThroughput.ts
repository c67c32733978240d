import { streamScoped } from './common.js';
import type { ActionValidation } from './framework.js';

export const validation: ActionValidation = {
  types: streamScoped({ WarmThroughputMiBps: { type: 'Integer', notNull: true, greaterThanOrEqual: 0 } }),
};
