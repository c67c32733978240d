import { shardIdField, streamArnField, streamIdField, streamName } from './common.js';
import type { ActionValidation } from './framework.js';

// No stream member is required here: a NextToken names the stream on its own (the action checks the combinations).
export const validation: ActionValidation = {
  // Failures are listed in this order, as kinesalite 3.3.3 (whose suite was recorded from AWS) lists them:
  // exclusiveStartShardId, maxResults, nextToken, streamName; then the members AWS added later.
  types: {
    ExclusiveStartShardId: shardIdField(),
    MaxResults: { type: 'Integer', greaterThanOrEqual: 1, lessThanOrEqual: 10000 },
    NextToken: { type: 'String', lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 1048576 },
    StreamCreationTimestamp: { type: 'Timestamp' },
    StreamName: streamName(),
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
