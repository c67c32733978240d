import { shardIdField, streamArnField, streamIdField, streamName } from './common.js';
import type { ActionValidation } from './framework.js';

// No stream member is required here: a NextToken names the stream on its own (the action checks the combinations).
export const validation: ActionValidation = {
  // Order as AWS reports the failures (kinesalite's recordings): maxResults, exclusiveStartShardId, streamName, nextToken.
  types: {
    MaxResults: { type: 'Integer', greaterThanOrEqual: 1, lessThanOrEqual: 10000 },
    ExclusiveStartShardId: shardIdField(),
    StreamName: streamName(),
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
    StreamARN: streamArnField(),
    StreamId: streamIdField(),
  },
};
