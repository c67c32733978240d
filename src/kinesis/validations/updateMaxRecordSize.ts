import { streamArnField, streamIdField } from './common.js';
import type { ActionValidation } from './framework.js';

export const validation: ActionValidation = {
  types: {
    StreamARN: streamArnField(true),
    StreamId: streamIdField(),
    MaxRecordSizeInKiB: { type: 'Integer', notNull: true, greaterThanOrEqual: 1024, lessThanOrEqual: 10240 },
  },
};
