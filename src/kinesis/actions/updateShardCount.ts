/**
 * UpdateShardCount (UNIFORM_SCALING), provisioned streams only: between half and double the open shard count, at
 * most 10,000 shards per stream, at most ten scalings per rolling 24 hours, within the account's shard limit; the
 * stream is UPDATING while it reshards.
 */
import { limitExceeded, streamNotActive } from '../model/errors.js';
import { requireProvisioned } from '../resharding/provisioned-only.js';
import { isOpen } from '../model/types.js';
import { UPDATE_SHARD_COUNT, type ShardCountParams } from '../resharding/appliers.js';
import { defineAction } from '../runtime.js';
import { validation } from '../validations/updateShardCount.js';

const MAX_SHARDS_PER_STREAM = 10_000;
const MAX_SCALINGS_PER_DAY = 10;
const DAY_MS = 86_400_000;

export default defineAction(validation, async ({ rt, req }, data) => {
  const target = data.TargetShardCount as number;
  return rt.registry.mutate(req, data, (stream) => {
    if (stream.status !== 'ACTIVE') throw streamNotActive(stream.name, stream.accountId, stream.status);
    requireProvisioned(stream, 'UpdateShardCount');
    const now = rt.now();
    // Scalings of the last 24 hours, kept with the stream so the limit survives restarts.
    const recent = ((stream.extra?.shardCountUpdates as number[] | undefined) ?? []).filter((t) => t > now - DAY_MS);
    if (recent.length >= MAX_SCALINGS_PER_DAY) {
      throw limitExceeded(
        `Stream ${stream.name} under account ${stream.accountId} has already been scaled ${MAX_SCALINGS_PER_DAY} times in the last 24 hours.`,
      );
    }
    const open = stream.shards.filter(isOpen).length;
    const accountOpen = rt.registry.openShardCount(stream.accountId, stream.region);
    const limit = rt.options.shardLimit;
    const counts = `Current open shard count: ${open}, Target shard count: ${target}`;
    if (target > limit || accountOpen - open + target > limit) {
      throw limitExceeded(`Target shard count or number of open shards cannot be greater than ${limit}. ${counts}`);
    }
    if (target > open * 2) throw limitExceeded(`UpdateShardCount cannot scale up over double your current open shard count. ${counts}`);
    if (target * 2 < open) throw limitExceeded(`UpdateShardCount cannot scale down below half your current open shard count. ${counts}`);
    if (target > MAX_SHARDS_PER_STREAM) {
      throw limitExceeded(`UpdateShardCount cannot scale up beyond ${MAX_SHARDS_PER_STREAM} shards per stream. ${counts}`);
    }
    const params: ShardCountParams = { targetShardCount: target };
    if (target !== open) {
      stream.extra = { ...stream.extra, shardCountUpdates: [...recent, now] };
      rt.registry.beginUpdating(stream, { kind: UPDATE_SHARD_COUNT, params });
    }
    return { StreamName: stream.name, CurrentShardCount: open, TargetShardCount: target, StreamARN: stream.arn };
  });
});
