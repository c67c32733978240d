import { streamScoped } from './common.js';
import type { ActionValidation } from './framework.js';

// The upper bound (8760 hours since 2020) is the action's InvalidArgumentException, as AWS answers it; kinesalite's
// 168-hour validation predates extended retention.
export const validation: ActionValidation = {
  types: streamScoped({ RetentionPeriodHours: { type: 'Integer', notNull: true, greaterThanOrEqual: 1 } }),
};
