/**
 * The write hot path: routes records to open shards by hash key, appends each shard's records with a single
 * storage append per call, and answers with sequence numbers only once the append is committed. Records for one
 * shard keep their request order; arrival times never go backwards within a shard.
 */
import type { RecordInput } from '../../storage/engine.js';
import { AwsError } from '../../server/service.js';
import type { ShardMeta, StreamMeta } from '../model/types.js';
import type { DataPlane } from './data-plane.js';
import { explicitHashKeyBytes, partitionKeyHash } from './hash-keys.js';
import { sequencerFor } from './sequence-format.js';
import { routerFor } from './shard-router.js';

export interface PutEntry {
  data: Uint8Array;
  partitionKey: string;
  explicitHashKey?: string;
}

/** One record's outcome, in request order: either committed (shardId + sequenceNumber) or refused. */
export interface PutOutcome {
  shardId?: string;
  sequenceNumber?: string;
  errorCode?: string;
  errorMessage?: string;
}

export function rateExceeded(shardId: string, stream: StreamMeta): AwsError {
  return new AwsError(
    'ProvisionedThroughputExceededException',
    `Rate exceeded for shard ${shardId} in stream ${stream.name} under account ${stream.accountId}.`,
  );
}

function shardFor(stream: StreamMeta, entry: PutEntry): ShardMeta {
  const key = entry.explicitHashKey !== undefined ? explicitHashKeyBytes(entry.explicitHashKey) : partitionKeyHash(entry.partitionKey);
  const shard = routerFor(stream.shards).route(key);
  // Open shards always cover the hash key space; a stream without any would be a broken stream document.
  if (!shard) throw new AwsError('InternalFailure', undefined, 500);
  return shard;
}

function streamKey(stream: StreamMeta): string {
  return `${stream.accountId}/${stream.region}/${stream.name}`;
}

function recordBytes(entry: PutEntry): number {
  return entry.data.byteLength + Buffer.byteLength(entry.partitionKey, 'utf8');
}

/** PutRecord: one record; throughput refusals throw ProvisionedThroughputExceededException. */
export async function putOne(plane: DataPlane, stream: StreamMeta, entry: PutEntry): Promise<{ shardId: string; sequenceNumber: string }> {
  const shard = shardFor(stream, entry);
  const now = plane.now();
  if (plane.throughput) {
    const allowance = plane.throughput.writeAllowance(streamKey(stream), shard.shardId, stream.mode === 'ON_DEMAND');
    if (!plane.throughput.tryWrite(allowance, recordBytes(entry), now)) throw rateExceeded(shard.shardId, stream);
  }
  const arrivalMs = plane.arrivalFor(shard.logKey, now);
  const position = await plane.storage.append(shard.logKey, [{ partitionKey: entry.partitionKey, data: entry.data, arrivalMs }]);
  plane.appends.notify(shard.logKey);
  return { shardId: shard.shardId, sequenceNumber: sequencerFor(shard).sequenceNumber(position, arrivalMs) };
}

/**
 * PutRecords: every record routed, throughput-checked (refused ones get ErrorCode/ErrorMessage and take no
 * sequence number), and appended with one append per shard; all shards' appends run concurrently.
 */
export async function putMany(plane: DataPlane, stream: StreamMeta, entries: readonly PutEntry[]): Promise<PutOutcome[]> {
  const n = entries.length;
  const outcomes: PutOutcome[] = new Array(n);
  const now = plane.now();
  // Group by shard in request order; a Map keyed by shard keeps insertion (first-seen) order.
  const groups = new Map<ShardMeta, { inputs: RecordInput[]; indexes: number[] }>();
  const sk = plane.throughput ? streamKey(stream) : '';
  for (let i = 0; i < n; i++) {
    const entry = entries[i]!;
    const shard = shardFor(stream, entry);
    if (plane.throughput) {
      const allowance = plane.throughput.writeAllowance(sk, shard.shardId, stream.mode === 'ON_DEMAND');
      if (!plane.throughput.tryWrite(allowance, recordBytes(entry), now)) {
        const err = rateExceeded(shard.shardId, stream);
        outcomes[i] = { errorCode: err.type, errorMessage: err.message };
        continue;
      }
    }
    let g = groups.get(shard);
    if (!g) {
      g = { inputs: [], indexes: [] };
      groups.set(shard, g);
    }
    g.inputs.push({ partitionKey: entry.partitionKey, data: entry.data, arrivalMs: 0 });
    g.indexes.push(i);
  }

  const appends: Promise<void>[] = [];
  for (const [shard, g] of groups) {
    const arrivalMs = plane.arrivalFor(shard.logKey, now);
    for (const r of g.inputs) r.arrivalMs = arrivalMs;
    appends.push(
      plane.storage.append(shard.logKey, g.inputs).then((first) => {
        plane.appends.notify(shard.logKey);
        const seq = sequencerFor(shard);
        const shardId = shard.shardId;
        const idx = g.indexes;
        for (let k = 0; k < idx.length; k++) {
          outcomes[idx[k]!] = { shardId, sequenceNumber: seq.sequenceNumber(first + k, arrivalMs) };
        }
      }, (err: unknown) => {
        // Only this shard's records failed; the others stand, as with AWS's per-record InternalFailure.
        console.error(`kinesis: append to ${shard.logKey} failed`, err);
        for (const i of g.indexes) outcomes[i] = { errorCode: 'InternalFailure', errorMessage: 'Internal service failure.' };
      }),
    );
  }
  await Promise.all(appends);
  return outcomes;
}
