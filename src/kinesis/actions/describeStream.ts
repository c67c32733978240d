/** DescribeStream: the stream and a page of its shards (Limit, ExclusiveStartShardId, HasMoreShards). */
import { defineAction } from '../runtime.js';
import { creationTimestamp, encryption, enhancedMonitoring, shardToWire, visibleShards } from '../model/wire-shapes.js';
import { validation } from '../validations/describeStream.js';

/** AWS's default (and maximum) page of shards for DescribeStream. */
const DEFAULT_LIMIT = 100;

export default defineAction(validation, async ({ rt, req }, data) => {
  const stream = rt.registry.get(req, data);
  let shards = visibleShards(stream);
  if (data.ExclusiveStartShardId !== undefined) shards = shards.filter((s) => s.shardId > data.ExclusiveStartShardId);
  const limit = Math.min(data.Limit ?? DEFAULT_LIMIT, DEFAULT_LIMIT);
  return {
    StreamDescription: {
      StreamName: stream.name,
      StreamARN: stream.arn,
      StreamStatus: stream.status,
      // Today's AWS sends the capacity mode; kinesalite's recordings (2015–2020) predate it. We follow AWS.
      StreamModeDetails: { StreamMode: stream.mode },
      Shards: shards.slice(0, limit).map(shardToWire),
      HasMoreShards: shards.length > limit,
      RetentionPeriodHours: stream.retentionHours,
      StreamCreationTimestamp: creationTimestamp(stream),
      EnhancedMonitoring: enhancedMonitoring(stream),
      ...encryption(stream),
    },
  };
});
