import { resourceArnField, streamIdField } from './common.js';
import type { ActionValidation } from './framework.js';

export const validation: ActionValidation = { types: { ResourceARN: resourceArnField(), StreamId: streamIdField() } };
