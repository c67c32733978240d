/**
 * The write hot path: routes records to open shards by hash key, appends each shard's records with a single
 * storage append per call, and answers with sequence numbers only once the append is committed. Records for one
 * shard keep their request order; arrival times never go backwards within a shard. PutRecords builds its wire
 * answer directly (one object per record) to keep allocation per record low.
 */
import type { RecordInput } from '../../storage/engine.js';
import { AwsError } from '../../server/service.js';
import type { ShardMeta, StreamMeta } from '../model/types.js';
import type { DataPlane } from './data-plane.js';
import { explicitHashKeyWords, partitionKeyWords } from './hash-keys.js';
import { sequencerFor } from './sequence-format.js';
import { routerFor, type ShardRouter } from './shard-router.js';

/** A record as the request carries it (after validation: Data is bytes). */
export interface PutEntry {
  Data: Uint8Array;
  PartitionKey: string;
  ExplicitHashKey?: string;
}

export function rateExceeded(shardId: string, stream: StreamMeta): AwsError {
  return new AwsError(
    'ProvisionedThroughputExceededException',
    `Rate exceeded for shard ${shardId} in stream ${stream.name} under account ${stream.accountId}.`,
  );
}

// Scratch space for one hash key; routing is synchronous, so one array serves every request.
const KEY = new Uint32Array(4);

function slotFor(router: ShardRouter, entry: PutEntry): number {
  if (entry.ExplicitHashKey !== undefined) explicitHashKeyWords(entry.ExplicitHashKey, KEY);
  else partitionKeyWords(entry.PartitionKey, KEY);
  const slot = router.slot(KEY);
  // Open shards always cover the hash key space; a stream without any would be a broken stream document.
  if (slot < 0) throw new AwsError('InternalFailure', undefined, 500);
  return slot;
}

function streamKey(stream: StreamMeta): string {
  return `${stream.accountId}/${stream.region}/${stream.name}`;
}

function recordBytes(entry: PutEntry): number {
  return entry.Data.byteLength + Buffer.byteLength(entry.PartitionKey, 'utf8');
}

/** PutRecord: one record; throughput refusals throw ProvisionedThroughputExceededException. */
export async function putOne(plane: DataPlane, stream: StreamMeta, entry: PutEntry): Promise<{ shardId: string; sequenceNumber: string }> {
  const router = routerFor(stream.shards);
  const shard = router.shards[slotFor(router, entry)]!;
  const now = plane.now();
  if (plane.throughput) {
    const allowance = plane.throughput.writeAllowance(streamKey(stream), shard.shardId, stream.mode === 'ON_DEMAND');
    if (!plane.throughput.tryWrite(allowance, recordBytes(entry), now)) throw rateExceeded(shard.shardId, stream);
  }
  const arrivalMs = plane.arrivalFor(shard.logKey, now);
  const position = await plane.storage.append(shard.logKey, [{ partitionKey: entry.PartitionKey, data: entry.Data, arrivalMs }]);
  plane.appends.notify(shard.logKey);
  return { shardId: shard.shardId, sequenceNumber: sequencerFor(shard).sequenceNumber(position, arrivalMs) };
}

export interface PutManyResult {
  /** Wire entries in request order: `{SequenceNumber, ShardId}` or `{ErrorCode, ErrorMessage}`. */
  records: Array<Record<string, unknown>>;
  failed: number;
}

/**
 * PutRecords: every record routed, throughput-checked (refused ones get ErrorCode/ErrorMessage and take no
 * sequence number), and appended with one append per shard; all shards' appends run concurrently.
 */
export async function putMany(plane: DataPlane, stream: StreamMeta, entries: readonly PutEntry[]): Promise<PutManyResult> {
  const n = entries.length;
  const records: Array<Record<string, unknown>> = new Array(n);
  let failed = 0;
  const now = plane.now();
  const router = routerFor(stream.shards);
  const shardCount = router.shards.length;
  const inputs: Array<RecordInput[] | undefined> = new Array(shardCount);
  const indexes: Array<number[] | undefined> = new Array(shardCount);
  const limiter = plane.throughput;
  const sk = limiter ? streamKey(stream) : '';
  for (let i = 0; i < n; i++) {
    const entry = entries[i]!;
    const slot = slotFor(router, entry);
    if (limiter) {
      const shardId = router.shards[slot]!.shardId;
      const allowance = limiter.writeAllowance(sk, shardId, stream.mode === 'ON_DEMAND');
      if (!limiter.tryWrite(allowance, recordBytes(entry), now)) {
        const err = rateExceeded(shardId, stream);
        records[i] = { ErrorCode: err.type, ErrorMessage: err.message };
        failed++;
        continue;
      }
    }
    let list = inputs[slot];
    if (list === undefined) {
      list = inputs[slot] = [];
      indexes[slot] = [];
    }
    list.push({ partitionKey: entry.PartitionKey, data: entry.Data, arrivalMs: 0 });
    indexes[slot]!.push(i);
  }

  const appends: Promise<void>[] = [];
  for (let slot = 0; slot < shardCount; slot++) {
    const list = inputs[slot];
    if (list === undefined) continue;
    const shard: ShardMeta = router.shards[slot]!;
    const idx = indexes[slot]!;
    const arrivalMs = plane.arrivalFor(shard.logKey, now);
    for (let k = 0; k < list.length; k++) list[k]!.arrivalMs = arrivalMs;
    appends.push(
      plane.storage.append(shard.logKey, list).then(
        (first) => {
          plane.appends.notify(shard.logKey);
          const seq = sequencerFor(shard).run();
          const shardId = shard.shardId;
          for (let k = 0; k < idx.length; k++) {
            records[idx[k]!] = { SequenceNumber: seq.next(first + k, arrivalMs), ShardId: shardId };
          }
        },
        (err: unknown) => {
          // Only this shard's records failed; the others stand, as with AWS's per-record InternalFailure.
          console.error(`kinesis: append to ${shard.logKey} failed`, err);
          for (const i of idx) records[i] = { ErrorCode: 'InternalFailure', ErrorMessage: 'Internal service failure.' };
          failed += idx.length;
        },
      ),
    );
  }
  await Promise.all(appends);
  return { records, failed };
}
