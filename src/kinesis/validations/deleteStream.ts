import { streamScoped } from './common.js';
import type { ActionValidation } from './framework.js';

export const validation: ActionValidation = {
  types: streamScoped({ EnforceConsumerDeletion: { type: 'Boolean' } }),
};
