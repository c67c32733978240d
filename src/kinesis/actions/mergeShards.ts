/**
 * MergeShards: two adjacent open shards close when the stream's UPDATING period ends, and one child covering both
 * ranges takes over (ParentShardId = ShardToMerge, AdjacentParentShardId = AdjacentShardToMerge).
 */
import { invalidArgument, streamNotActive } from '../model/errors.js';
import { isOpen } from '../model/types.js';
import { MERGE_SHARDS, type MergeParams } from '../resharding/appliers.js';
import { shardNotEligible } from '../resharding/errors.js';
import { requireProvisioned } from '../resharding/provisioned-only.js';
import { canonicalShardId, shardOrNotFound } from '../resharding/shard-lookup.js';
import { defineAction } from '../runtime.js';
import { validation } from '../validations/mergeShards.js';

export default defineAction(validation, async ({ rt, req }, data) => {
  const where = rt.registry.address(req, data);
  const ids = [data.ShardToMerge as string, data.AdjacentShardToMerge as string].map((raw) =>
    canonicalShardId(raw, where.streamName, where.accountId),
  ) as [string, string];
  await rt.registry.mutate(req, data, (stream) => {
    if (stream.status !== 'ACTIVE') throw streamNotActive(stream.name, stream.accountId, stream.status);
    requireProvisioned(stream, 'MergeShards');
    const [a, b] = ids.map((id) => shardOrNotFound(stream, id)) as [ReturnType<typeof shardOrNotFound>, ReturnType<typeof shardOrNotFound>];
    for (const s of [a, b]) if (!isOpen(s)) throw shardNotEligible(s.shardId, stream);
    // AWS wants them in hash key order: ShardToMerge's range must end right before AdjacentShardToMerge's.
    if (BigInt(a.endingHashKey) + 1n !== BigInt(b.startingHashKey)) {
      throw invalidArgument(
        `Shards ${ids[0]} and ${ids[1]} in stream ${stream.name} under account ${stream.accountId} are not an adjacent ` +
          'pair of shards eligible for merging',
      );
    }
    const params: MergeParams = { shardId: ids[0], adjacentShardId: ids[1] };
    rt.registry.beginUpdating(stream, { kind: MERGE_SHARDS, params });
  });
  return {};
});
