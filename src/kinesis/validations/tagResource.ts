import { resourceArnField, streamIdField, tagMap } from './common.js';
import type { ActionValidation } from './framework.js';

export const validation: ActionValidation = {
  types: { Tags: tagMap(), ResourceARN: resourceArnField(), StreamId: streamIdField() },
};
