/**
 * The resharding changes applied when a stream's UPDATING period ends (registered with the stream registry so that
 * a restart in the middle still completes them). Parents are closed with an EndingSequenceNumber at the closing
 * time; children are created one second later (so their sequence numbers sort after every parent record, as AWS's
 * do) and name their parents. Closed shards stay readable until retention removes them.
 */
import { addShard, closeShard } from '../model/shards.js';
import type { StreamRegistry } from '../model/stream-registry.js';
import { isOpen, type ShardMeta, type StreamMeta } from '../model/types.js';
import { HASH_KEY_SPACE } from '../model/hash-keys.js';

export const SPLIT_SHARD = 'data.splitShard';
export const MERGE_SHARDS = 'data.mergeShards';
export const UPDATE_SHARD_COUNT = 'data.updateShardCount';

/** Children start one second after their parents close. */
const CHILD_DELAY_MS = 1000;

export interface SplitParams {
  shardId: string;
  newStartingHashKey: string;
}

export interface MergeParams {
  shardId: string;
  adjacentShardId: string;
}

export interface ShardCountParams {
  targetShardCount: number;
}

function openShard(stream: StreamMeta, shardId: string): ShardMeta | undefined {
  const s = stream.shards.find((x) => x.shardId === shardId);
  return s && isOpen(s) ? s : undefined;
}

export function applySplit(stream: StreamMeta, params: unknown, now: number): void {
  const p = params as SplitParams;
  const parent = openShard(stream, p.shardId);
  if (!parent) return;
  const split = BigInt(p.newStartingHashKey);
  closeShard(parent, now);
  const created = now + CHILD_DELAY_MS;
  addShard(stream, { StartingHashKey: parent.startingHashKey, EndingHashKey: (split - 1n).toString() }, created, {
    parentShardId: parent.shardId,
  });
  addShard(stream, { StartingHashKey: split.toString(), EndingHashKey: parent.endingHashKey }, created, {
    parentShardId: parent.shardId,
  });
}

export function applyMerge(stream: StreamMeta, params: unknown, now: number): void {
  const p = params as MergeParams;
  const a = openShard(stream, p.shardId);
  const b = openShard(stream, p.adjacentShardId);
  if (!a || !b) return;
  closeShard(a, now);
  closeShard(b, now);
  addShard(stream, { StartingHashKey: a.startingHashKey, EndingHashKey: b.endingHashKey }, now + CHILD_DELAY_MS, {
    parentShardId: a.shardId,
    adjacentParentShardId: b.shardId,
  });
}

/**
 * UNIFORM_SCALING: the open shards are replaced by `targetShardCount` shards of equal width; each new shard names
 * the old shard holding its starting hash key as parent, and the next old shard it overlaps (if any) as adjacent
 * parent.
 */
export function applyShardCount(stream: StreamMeta, params: unknown, now: number): void {
  const { targetShardCount } = params as ShardCountParams;
  const open = stream.shards
    .filter(isOpen)
    .sort((x, y) => (BigInt(x.startingHashKey) < BigInt(y.startingHashKey) ? -1 : 1));
  if (open.length === 0 || open.length === targetShardCount) return;
  const width = HASH_KEY_SPACE / BigInt(targetShardCount);
  const created = now + CHILD_DELAY_MS;
  const ranges: Array<{ start: bigint; end: bigint }> = [];
  for (let i = 0; i < targetShardCount; i++) {
    const start = width * BigInt(i);
    const end = i < targetShardCount - 1 ? width * BigInt(i + 1) - 1n : HASH_KEY_SPACE - 1n;
    ranges.push({ start, end });
  }
  for (const s of open) closeShard(s, now);
  for (const r of ranges) {
    const overlapping = open.filter((s) => BigInt(s.endingHashKey) >= r.start && BigInt(s.startingHashKey) <= r.end);
    const [parent, adjacent] = overlapping;
    addShard(stream, { StartingHashKey: r.start.toString(), EndingHashKey: r.end.toString() }, created, {
      parentShardId: parent?.shardId,
      adjacentParentShardId: adjacent?.shardId,
    });
  }
}

/** Registers the appliers (must run before the registry loads, so pending changes from before a restart apply). */
export function registerReshardingAppliers(registry: StreamRegistry): void {
  registry.registerUpdateKind(SPLIT_SHARD, applySplit);
  registry.registerUpdateKind(MERGE_SHARDS, applyMerge);
  registry.registerUpdateKind(UPDATE_SHARD_COUNT, applyShardCount);
}
