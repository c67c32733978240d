/**
 * UpdateShardCount's input in AWS's error order (scalingType, streamName, targetShardCount, as recorded against
 * AWS by kinesalite's tests), with botocore's bounds: TargetShardCount 1–100000, ScalingType UNIFORM_SCALING.
 */
import { streamArnField, streamIdField, streamName } from './common.js';
import type { ActionValidation } from './framework.js';

export const validation: ActionValidation = {
  types: {
    ScalingType: { type: 'String', notNull: true, enum: ['UNIFORM_SCALING'] },
    StreamName: { ...streamName(), notNullUnless: 'StreamARN' },
    TargetShardCount: { type: 'Integer', notNull: true, greaterThanOrEqual: 1, lessThanOrEqual: 100000 },
    StreamARN: streamArnField(),
    StreamId: streamIdField(),
  },
};
