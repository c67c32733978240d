import { streamScoped, tagKeyList } from './common.js';
import type { ActionValidation } from './framework.js';

export const validation: ActionValidation = { types: streamScoped({ TagKeys: tagKeyList() }) };
