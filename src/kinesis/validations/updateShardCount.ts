/** UpdateShardCount's input (botocore's model: TargetShardCount ≥ 1, ScalingType UNIFORM_SCALING). */
import { streamScoped } from './common.js';
import type { ActionValidation } from './framework.js';

export const validation: ActionValidation = {
  types: streamScoped({
    ScalingType: { type: 'String', notNull: true, enum: ['UNIFORM_SCALING'] },
    TargetShardCount: { type: 'Integer', notNull: true, greaterThanOrEqual: 1 },
  }),
};
