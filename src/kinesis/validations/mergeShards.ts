/** MergeShards' input, in AWS's error order (kinesalite's recorded table, plus StreamARN). */
import { shardIdField, streamScoped } from './common.js';
import type { ActionValidation } from './framework.js';

export const validation: ActionValidation = {
  types: streamScoped({
    ShardToMerge: shardIdField(true),
    AdjacentShardToMerge: shardIdField(true),
  }),
};
