import type { ActionValidation } from './framework.js';

export const validation: ActionValidation = { types: {} };
