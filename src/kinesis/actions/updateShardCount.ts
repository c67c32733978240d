/**
 * UpdateShardCount (UNIFORM_SCALING): between half and double the open shard count, at most 10,000 shards per
 * stream, within the account's shard limit; the stream is UPDATING while it reshards.
 */
import { limitExceeded, streamNotActive } from '../model/errors.js';
import { isOpen } from '../model/types.js';
import { UPDATE_SHARD_COUNT, type ShardCountParams } from '../resharding/appliers.js';
import { defineAction } from '../runtime.js';
import { validation } from '../validations/updateShardCount.js';

const MAX_SHARDS_PER_STREAM = 10_000;

export default defineAction(validation, async ({ rt, req }, data) => {
  const target = data.TargetShardCount as number;
  return rt.registry.mutate(req, data, (stream) => {
    if (stream.status !== 'ACTIVE') throw streamNotActive(stream.name, stream.accountId, stream.status);
    const open = stream.shards.filter(isOpen).length;
    if (target > open * 2) {
      throw limitExceeded(
        `UpdateShardCount cannot scale up over double your current open shard count. Current open shard count: ${open} Target shard count: ${target}`,
      );
    }
    if (target * 2 < open) {
      throw limitExceeded(
        `UpdateShardCount cannot scale down below half your current open shard count. Current open shard count: ${open} Target shard count: ${target}`,
      );
    }
    if (target > MAX_SHARDS_PER_STREAM) {
      throw limitExceeded(`UpdateShardCount cannot scale up beyond ${MAX_SHARDS_PER_STREAM} shards per stream. Target shard count: ${target}`);
    }
    if (target > open) rt.registry.checkShardLimit(stream.accountId, stream.region, target - open);
    const params: ShardCountParams = { targetShardCount: target };
    if (target !== open) rt.registry.beginUpdating(stream, { kind: UPDATE_SHARD_COUNT, params });
    return { StreamName: stream.name, CurrentShardCount: open, TargetShardCount: target, StreamARN: stream.arn };
  });
});
