import { resourceArnField, streamIdField, tagKeyList } from './common.js';
import type { ActionValidation } from './framework.js';

export const validation: ActionValidation = {
  types: { TagKeys: tagKeyList(), ResourceARN: resourceArnField(), StreamId: streamIdField() },
};
