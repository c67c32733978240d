/**
 * SplitShard: the stream turns UPDATING; when that ends the shard closes and two children take its hash key range.
 * A shard that is already closed (split or merged before) cannot be split again.
 */
import { invalidArgument, streamNotActive } from '../model/errors.js';
import { isOpen } from '../model/types.js';
import { SPLIT_SHARD, type SplitParams } from '../resharding/appliers.js';
import { shardNotEligible } from '../resharding/errors.js';
import { requireProvisioned } from '../resharding/provisioned-only.js';
import { canonicalShardId, shardOrNotFound } from '../resharding/shard-lookup.js';
import { defineAction } from '../runtime.js';
import { validation } from '../validations/splitShard.js';

export default defineAction(validation, async ({ rt, req }, data) => {
  const where = rt.registry.address(req, data);
  const shardId = canonicalShardId(data.ShardToSplit, where.streamName, where.accountId);
  await rt.registry.mutate(req, data, (stream) => {
    if (stream.status !== 'ACTIVE') throw streamNotActive(stream.name, stream.accountId, stream.status);
    requireProvisioned(stream, 'SplitShard');
    const shard = shardOrNotFound(stream, shardId);
    if (!isOpen(shard)) throw shardNotEligible(shardId, stream);
    rt.registry.checkShardLimit(stream.accountId, stream.region, 1);
    const hashKey = BigInt(data.NewStartingHashKey);
    if (hashKey <= BigInt(shard.startingHashKey) + 1n || hashKey >= BigInt(shard.endingHashKey)) {
      throw invalidArgument(
        `NewStartingHashKey ${data.NewStartingHashKey} used in SplitShard() on shard ${shardId} in stream ${stream.name} ` +
          `under account ${stream.accountId} is not both greater than one plus the shard's StartingHashKey ` +
          `${shard.startingHashKey} and less than the shard's EndingHashKey ${shard.endingHashKey}.`,
      );
    }
    const params: SplitParams = { shardId, newStartingHashKey: hashKey.toString() };
    rt.registry.beginUpdating(stream, { kind: SPLIT_SHARD, params });
  });
  return {};
});
