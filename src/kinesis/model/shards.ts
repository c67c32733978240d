/** Building shards and streams: the only place that decides a shard's id, log key and starting sequence number. */
import { streamArn } from './arns.js';
import { evenHashKeyRanges, shardIdName, type HashKeyRange } from './hash-keys.js';
import { shardLogKey } from './keys.js';
import { startingSequenceNumber, stringifySequenceNumber } from './sequence-numbers.js';
import { newStreamId } from './stream-registry.js';
import type { ShardMeta, StreamMeta, StreamMode } from './types.js';

/**
 * AWS back-dates a new stream's shards: the creation time embedded in their sequence numbers lies a couple of
 * seconds before the CreateStream call (kinesalite recorded 2 s; clients only check it is in the recent past).
 */
export const SHARD_CREATE_BACKDATE_MS = 2000;

export const DEFAULT_RETENTION_HOURS = 24;
export const DEFAULT_MAX_RECORD_SIZE_KIB = 1024;
/** An on-demand stream starts with 4 shards (4 MiB/s of write capacity). */
export const ON_DEMAND_INITIAL_SHARDS = 4;

/**
 * Appends a new open shard to `stream` (taking the next shard index) and returns it; use inside
 * `StreamRegistry.mutate` when splitting, merging or resharding.
 */
export function addShard(
  stream: StreamMeta,
  range: HashKeyRange,
  createdMs: number,
  parents: { parentShardId?: string; adjacentParentShardId?: string } = {},
): ShardMeta {
  const index = stream.nextShardIndex++;
  const shardId = shardIdName(index);
  const shard: ShardMeta = {
    shardId,
    index,
    ...(parents.parentShardId !== undefined ? { parentShardId: parents.parentShardId } : {}),
    ...(parents.adjacentParentShardId !== undefined ? { adjacentParentShardId: parents.adjacentParentShardId } : {}),
    startingHashKey: range.StartingHashKey,
    endingHashKey: range.EndingHashKey,
    createdMs,
    startingSequenceNumber: startingSequenceNumber(createdMs, index),
    logKey: shardLogKey(stream.accountId, stream.region, stream.name, stream.streamId, shardId),
  };
  stream.shards.push(shard);
  return shard;
}

/**
 * Closes an open shard: its EndingSequenceNumber is the largest sequence number it could ever have held, i.e. one
 * with the maximal counter at the closing time (so every record written before sorts below it).
 */
export function closeShard(shard: ShardMeta, closedMs: number): void {
  shard.endingSequenceNumber = stringifySequenceNumber({
    shardCreateTime: shard.createdMs,
    shardIx: shard.index,
    seqIx: 0x7fffffffffffffffn,
    seqTime: closedMs,
  });
  shard.closedMs = closedMs;
}

export interface NewStreamSpec {
  accountId: string;
  region: string;
  name: string;
  shardCount: number;
  mode: StreamMode;
  tags?: Record<string, string>;
  maxRecordSizeKiB?: number;
  warmThroughputMiBps?: number;
  now: number;
  /** CREATING lasts until then. */
  activeAt: number;
}

/** A CREATING stream with `shardCount` evenly split shards. */
export function newStream(spec: NewStreamSpec): StreamMeta {
  const stream: StreamMeta = {
    name: spec.name,
    arn: streamArn(spec.region, spec.accountId, spec.name),
    accountId: spec.accountId,
    region: spec.region,
    streamId: newStreamId(),
    status: 'CREATING',
    transitionAt: spec.activeAt,
    createdMs: spec.now,
    mode: spec.mode,
    retentionHours: DEFAULT_RETENTION_HOURS,
    encryptionType: 'NONE',
    shardLevelMetrics: [],
    tags: { ...(spec.tags ?? {}) },
    maxRecordSizeKiB: spec.maxRecordSizeKiB ?? DEFAULT_MAX_RECORD_SIZE_KIB,
    shards: [],
    nextShardIndex: 0,
    consumers: [],
  };
  if (spec.warmThroughputMiBps !== undefined) {
    stream.warmThroughput = { targetMiBps: spec.warmThroughputMiBps, currentMiBps: spec.warmThroughputMiBps };
  }
  const shardCreated = spec.now - SHARD_CREATE_BACKDATE_MS;
  for (const range of evenHashKeyRanges(spec.shardCount)) addShard(stream, range, shardCreated);
  return stream;
}
