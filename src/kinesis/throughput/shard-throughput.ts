/**
 * Per-shard throughput limits, as AWS applies them to provisioned streams: writes 1 MiB/s and 1,000 records/s,
 * reads 5 GetRecords calls/s and 2 MiB/s, 5 GetShardIterator calls/s. On-demand streams write into a stream-wide allowance instead (AWS's
 * default on-demand write capacity, 4 MiB/s and 4,000 records/s), and read with the per-shard read limits.
 * Only consulted when the server runs with throughput limits on.
 */
import { TokenBucket } from './token-bucket.js';

const MiB = 1024 * 1024;

export const SHARD_WRITE_BYTES_PER_SECOND = MiB;
export const SHARD_WRITE_RECORDS_PER_SECOND = 1000;
export const SHARD_READ_CALLS_PER_SECOND = 5;
export const SHARD_READ_BYTES_PER_SECOND = 2 * MiB;
export const SHARD_ITERATOR_CALLS_PER_SECOND = 5;
export const ON_DEMAND_WRITE_BYTES_PER_SECOND = 4 * MiB;
export const ON_DEMAND_WRITE_RECORDS_PER_SECOND = 4000;

interface WriteBuckets {
  bytes: TokenBucket;
  records: TokenBucket;
}

interface ReadBuckets {
  calls: TokenBucket;
  bytes: TokenBucket;
}

export class ThroughputLimiter {
  private readonly writes = new Map<string, WriteBuckets>();
  private readonly reads = new Map<string, ReadBuckets>();
  private readonly iterators = new Map<string, TokenBucket>();

  /** Admits one GetShardIterator call on the shard (AWS: 5 per second per shard). */
  tryIterator(streamKey: string, shardId: string, nowMs: number): boolean {
    const key = `${streamKey}/${shardId}`;
    let b = this.iterators.get(key);
    if (!b) {
      b = new TokenBucket(SHARD_ITERATOR_CALLS_PER_SECOND, nowMs);
      this.iterators.set(key, b);
    }
    return b.tryTake(1, nowMs);
  }

  /**
   * The write allowance a record goes against: the shard's own, or the stream's for an on-demand stream.
   * `streamKey` identifies the stream (account, region, name), `shardId` the shard.
   */
  writeAllowance(streamKey: string, shardId: string, onDemand: boolean): WriteBuckets {
    const key = onDemand ? streamKey : `${streamKey}/${shardId}`;
    let b = this.writes.get(key);
    if (!b) {
      b = onDemand
        ? { bytes: new TokenBucket(ON_DEMAND_WRITE_BYTES_PER_SECOND), records: new TokenBucket(ON_DEMAND_WRITE_RECORDS_PER_SECOND) }
        : { bytes: new TokenBucket(SHARD_WRITE_BYTES_PER_SECOND), records: new TokenBucket(SHARD_WRITE_RECORDS_PER_SECOND) };
      this.writes.set(key, b);
    }
    return b;
  }

  /** Takes one record of `bytes` (data + partition key) from the allowance; false when it is exhausted. */
  tryWrite(allowance: WriteBuckets, bytes: number, nowMs: number): boolean {
    if (!allowance.records.canTake(1, nowMs) || !allowance.bytes.canTake(bytes, nowMs)) return false;
    allowance.records.tryTake(1, nowMs);
    allowance.bytes.charge(bytes, nowMs);
    return true;
  }

  private readBuckets(streamKey: string, shardId: string): ReadBuckets {
    const key = `${streamKey}/${shardId}`;
    let b = this.reads.get(key);
    if (!b) {
      b = { calls: new TokenBucket(SHARD_READ_CALLS_PER_SECOND), bytes: new TokenBucket(SHARD_READ_BYTES_PER_SECOND) };
      this.reads.set(key, b);
    }
    return b;
  }

  /** Admits one GetRecords call on the shard; false when calls or bytes are exhausted. */
  tryRead(streamKey: string, shardId: string, nowMs: number): boolean {
    const b = this.readBuckets(streamKey, shardId);
    if (!b.bytes.hasTokens(nowMs)) return false;
    return b.calls.tryTake(1, nowMs);
  }

  /** Charges what a GetRecords call returned. */
  chargeRead(streamKey: string, shardId: string, bytes: number, nowMs: number): void {
    this.readBuckets(streamKey, shardId).bytes.charge(bytes, nowMs);
  }

  /** Forgets a stream's buckets (deleted stream). */
  forgetStream(streamKey: string): void {
    for (const map of [this.writes, this.reads, this.iterators] as Map<string, unknown>[]) {
      for (const key of map.keys()) if (key === streamKey || key.startsWith(streamKey + '/')) map.delete(key);
    }
  }
}
