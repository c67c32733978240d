import { streamArnField, streamIdField } from './common.js';
import type { ActionValidation } from './framework.js';

export const validation: ActionValidation = {
  types: {
    StreamARN: streamArnField(true),
    StreamId: streamIdField(),
    StreamModeDetails: {
      type: 'Structure',
      notNull: true,
      children: { StreamMode: { type: 'String', notNull: true, enum: ['PROVISIONED', 'ON_DEMAND'] } },
    },
    WarmThroughputMiBps: { type: 'Integer', greaterThanOrEqual: 0 },
  },
};
