import { shardIdField, streamArnField, streamIdField, streamName } from './common.js';
import type { ActionValidation } from './framework.js';

// No stream member is required here: a NextToken names the stream on its own (the action checks the combinations).
export const validation: ActionValidation = {
  types: {
    ExclusiveStartShardId: shardIdField(),
    MaxResults: { type: 'Integer', greaterThanOrEqual: 1, lessThanOrEqual: 10000 },
    NextToken: { type: 'String', lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 1048576 },
    StreamCreationTimestamp: { type: 'Timestamp' },
    ShardFilter: {
      type: 'Structure',
      children: {
        Type: {
          type: 'String',
          notNull: true,
          enum: ['AFTER_SHARD_ID', 'AT_TRIM_HORIZON', 'FROM_TRIM_HORIZON', 'AT_LATEST', 'AT_TIMESTAMP', 'FROM_TIMESTAMP'],
        },
        ShardId: shardIdField(),
        Timestamp: { type: 'Timestamp' },
      },
    },
    StreamName: streamName(),
    StreamARN: streamArnField(),
    StreamId: streamIdField(),
  },
};
