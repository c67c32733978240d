import type { ActionValidation } from './framework.js';

export const validation: ActionValidation = {
  types: {
    MinimumThroughputBillingCommitment: {
      type: 'Structure',
      notNull: true,
      children: { Status: { type: 'String', notNull: true, enum: ['ENABLED', 'DISABLED'] } },
    },
  },
};
