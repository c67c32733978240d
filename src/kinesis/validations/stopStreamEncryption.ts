import { streamScoped } from './common.js';
import type { ActionValidation } from './framework.js';

export const validation: ActionValidation = {
  types: streamScoped({
    EncryptionType: { type: 'String', notNull: true, enum: ['NONE', 'KMS'] },
    KeyId: { type: 'String', notNull: true, lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 2048 },
  }),
};
