import { streamScoped } from './common.js';
import type { ActionValidation } from './framework.js';

export const SHARD_LEVEL_METRICS = [
  'IncomingBytes',
  'IncomingRecords',
  'OutgoingBytes',
  'OutgoingRecords',
  'WriteProvisionedThroughputExceeded',
  'ReadProvisionedThroughputExceeded',
  'IteratorAgeMilliseconds',
] as const;

export const validation: ActionValidation = {
  types: streamScoped({
    ShardLevelMetrics: {
      type: 'List',
      notNull: true,
      lengthGreaterThanOrEqual: 1,
      lengthLessThanOrEqual: 7,
      children: { type: 'String', enum: [...SHARD_LEVEL_METRICS, 'ALL'] },
    },
  }),
};
