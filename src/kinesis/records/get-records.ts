/**
 * The read hot path: one storage read per call (at most `limit` records and 10 MiB), records rendered for the
 * response with one sequence-number conversion each and shared Date objects per arrival millisecond, then the
 * next iterator — or, once a closed shard is drained, no iterator and the shard's children.
 */
import type { StoredRecord } from '../../storage/engine.js';
import { shardNotFound } from '../model/errors.js';
import type { ShardMeta, StreamMeta } from '../model/types.js';
import { isOpen } from '../model/types.js';
import { positionOfSequenceNumber } from '../model/sequence-numbers.js';
import type { DataPlane } from './data-plane.js';
import { iteratorAt } from './iterator-start.js';
import { rateExceeded } from './put-records.js';
import { RecordsJsonPage } from './records-json.js';
import { sequencerFor } from './sequence-format.js';
import { decodeShardIterator, invalidShardIterator } from './shard-iterator.js';

export const MAX_GET_RECORDS_BYTES = 10 * 1024 * 1024;
export const DEFAULT_GET_RECORDS_LIMIT = 10_000;

export interface WireRecord {
  SequenceNumber: string;
  ApproximateArrivalTimestamp: Date;
  Data: Uint8Array;
  PartitionKey: string;
  EncryptionType?: string;
}

export interface ChildShard {
  ShardId: string;
  ParentShards: string[];
  HashKeyRange: { StartingHashKey: string; EndingHashKey: string };
}

export interface ReadResult {
  /** With `jsonPage`, a RecordsJsonPage: an array of the right length that only the JSON encoder can render. */
  records: WireRecord[];
  /** Position the next read starts at. */
  nextPosition: number;
  /** Set once a closed shard has been read to its end. */
  shardEnded: boolean;
  millisBehindLatest: number;
  childShards?: ChildShard[];
  bytes: number;
}

/** The shards that replaced `shard` (split children or the merged shard), in AWS's ChildShards shape. */
export function childShardsOf(stream: StreamMeta, shard: ShardMeta): ChildShard[] {
  const out: ChildShard[] = [];
  for (const s of stream.shards) {
    if (s.parentShardId !== shard.shardId && s.adjacentParentShardId !== shard.shardId) continue;
    const parents = [s.parentShardId!];
    if (s.adjacentParentShardId !== undefined) parents.push(s.adjacentParentShardId);
    out.push({ ShardId: s.shardId, ParentShards: parents, HashKeyRange: { StartingHashKey: s.startingHashKey, EndingHashKey: s.endingHashKey } });
  }
  return out;
}

export function toWireRecords(stream: StreamMeta, shard: ShardMeta, stored: StoredRecord[], cutoffMs: number): WireRecord[] {
  const seq = sequencerFor(shard).run();
  const encryption = stream.encryptionType === 'KMS' ? 'KMS' : undefined;
  const out: WireRecord[] = [];
  let lastMs = -1;
  let lastDate: Date | undefined;
  for (let i = 0; i < stored.length; i++) {
    const r = stored[i]!;
    // Past retention but not yet trimmed from disk: as good as gone.
    if (r.arrivalMs < cutoffMs) continue;
    if (r.arrivalMs !== lastMs) {
      lastMs = r.arrivalMs;
      lastDate = new Date(lastMs);
    }
    const w: WireRecord = {
      SequenceNumber: seq.next(r.position, r.arrivalMs),
      ApproximateArrivalTimestamp: lastDate!,
      Data: r.data,
      PartitionKey: r.partitionKey,
    };
    if (encryption) w.EncryptionType = encryption;
    out.push(w);
  }
  return out;
}

/**
 * Reads up to `limit` records of `shard` from `from` and works out what comes next. `jsonPage`: the records are
 * only ever encoded as JSON by the server's encoder (see isJsonWireContext), so they are rendered straight from
 * storage when the answer is written.
 */
export async function readShard(
  plane: DataPlane,
  stream: StreamMeta,
  shard: ShardMeta,
  from: number,
  limit: number,
  maxBytes = MAX_GET_RECORDS_BYTES,
  jsonPage = false,
): Promise<ReadResult> {
  const now = plane.now();
  const cutoffMs = now - stream.retentionHours * 3_600_000;
  const start = Math.max(0, from);
  const stored = await plane.storage.read(shard.logKey, start, { limit, maxBytes });
  const records = jsonPage
    ? (RecordsJsonPage.page(stored, sequencerFor(shard), cutoffMs, stream.encryptionType === 'KMS') as unknown as WireRecord[])
    : toWireRecords(stream, shard, stored, cutoffMs);
  let bytes = 0;
  for (const r of stored) bytes += r.data.byteLength;
  const last = stored[stored.length - 1];
  const nextPosition = last ? last.position + 1 : start;
  const tip = await plane.storage.nextPosition(shard.logKey);
  const caughtUp = nextPosition >= tip;
  // Like AWS, the end of a closed shard is announced by a read that finds nothing more (the call that returns the
  // last records still hands out a NextShardIterator).
  const shardEnded = caughtUp && stored.length === 0 && !isOpen(shard);
  let millisBehindLatest = 0;
  if (!caughtUp && last) millisBehindLatest = Math.max(0, now - last.arrivalMs);
  const result: ReadResult = { records, nextPosition, shardEnded, millisBehindLatest, bytes };
  if (shardEnded) result.childShards = childShardsOf(stream, shard);
  return result;
}

export interface GetRecordsRequest {
  ShardIterator: string;
  Limit?: number;
  StreamARN?: string;
}

/** GetRecords: decode the iterator, find its shard, read, answer. */
export async function getRecords(
  plane: DataPlane,
  scope: { accountId: string; region: string },
  req: GetRecordsRequest,
  jsonPage = false,
): Promise<Record<string, unknown>> {
  const now = plane.now();
  const it = decodeShardIterator(req.ShardIterator, plane.iteratorTtlMs, now);
  // The iterator names the stream; a StreamARN, when given, says which account and region it lives in.
  const where = plane.registry.address(scope, { StreamName: it.streamName, StreamARN: req.StreamARN });
  const stream = plane.registry.find(where.accountId, where.region, it.streamName);
  if (!stream) throw shardNotFound(it.shardId, it.streamName, where.accountId);
  const shard = plane.registry.findShard(stream, it.shardId);
  if (!shard) throw shardNotFound(it.shardId, it.streamName, stream.accountId);
  let from: number;
  try {
    from = positionOfSequenceNumber(it.sequenceNumber);
  } catch {
    throw invalidShardIterator();
  }
  const sk = `${stream.accountId}/${stream.region}/${stream.name}`;
  if (plane.throughput && !plane.throughput.tryRead(sk, shard.shardId, now)) throw rateExceeded(shard.shardId, stream);

  const r = await readShard(plane, stream, shard, from, req.Limit ?? DEFAULT_GET_RECORDS_LIMIT, MAX_GET_RECORDS_BYTES, jsonPage);
  if (plane.throughput) plane.throughput.chargeRead(sk, shard.shardId, r.bytes, now);

  const out: Record<string, unknown> = { Records: r.records };
  if (!r.shardEnded) out.NextShardIterator = iteratorAt(stream, shard, r.nextPosition, now);
  out.MillisBehindLatest = r.millisBehindLatest;
  if (r.childShards) out.ChildShards = r.childShards;
  return out;
}
