/** Resolving the shard ids a resharding request names, the lenient way AWS parses them. */
import { parseShardIndex, shardIdName } from '../model/hash-keys.js';
import type { ShardMeta, StreamMeta } from '../model/types.js';
import { couldNotFindShard } from './errors.js';

/** The canonical shard id a request names (`shard-0` → `shardId-000000000000`); throws for unparseable ones. */
export function canonicalShardId(raw: string, streamName: string, accountId: string): string {
  const index = parseShardIndex(raw);
  if (index === undefined) throw couldNotFindShard(raw, streamName, accountId);
  return shardIdName(index);
}

export function shardOrNotFound(stream: StreamMeta, shardId: string): ShardMeta {
  const shard = stream.shards.find((s) => s.shardId === shardId);
  if (!shard) throw couldNotFindShard(shardId, stream.name, stream.accountId);
  return shard;
}
