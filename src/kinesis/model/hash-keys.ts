/**
 * Shard math: hash key ranges (decimal strings on the wire, bigint inside), the even split kinesalite recorded from
 * AWS, partition key → hash key, and shard ids.
 */
import { createHash } from 'node:crypto';

/** 2^128: one past the largest hash key. */
export const HASH_KEY_SPACE = 1n << 128n;
export const MAX_HASH_KEY = HASH_KEY_SPACE - 1n;

export interface HashKeyRange {
  /** Decimal string, inclusive. */
  StartingHashKey: string;
  /** Decimal string, inclusive. */
  EndingHashKey: string;
}

/**
 * Splits the whole hash key space into `count` ranges the way AWS does: each range is `floor(2^128 / count)` wide and
 * the last one absorbs the remainder up to 2^128 − 1.
 */
export function evenHashKeyRanges(count: number): HashKeyRange[] {
  const width = HASH_KEY_SPACE / BigInt(count);
  const ranges: HashKeyRange[] = [];
  for (let i = 0; i < count; i++) {
    const start = width * BigInt(i);
    const end = i < count - 1 ? width * BigInt(i + 1) - 1n : MAX_HASH_KEY;
    ranges.push({ StartingHashKey: start.toString(), EndingHashKey: end.toString() });
  }
  return ranges;
}

/** MD5 of the UTF-8 partition key read as an unsigned 128-bit integer (what AWS routes on). */
export function partitionKeyToHashKey(partitionKey: string): bigint {
  return BigInt('0x' + createHash('md5').update(partitionKey, 'utf8').digest('hex'));
}

export function hashKeyInRange(hashKey: bigint, range: HashKeyRange): boolean {
  return hashKey >= BigInt(range.StartingHashKey) && hashKey <= BigInt(range.EndingHashKey);
}

/** `shardId-000000000007` for index 7. */
export function shardIdName(index: number): string {
  return 'shardId-' + String(index).padStart(12, '0');
}

/**
 * Reads a shard index out of a shard id the lenient way AWS does (`shardId-7`, `7`, `anything-0007` all name shard
 * 7); undefined when it names no valid index.
 */
export function parseShardIndex(shardId: string): number | undefined {
  const tail = shardId.split('-')[1] ?? shardId;
  if (!/^\d+$/.test(tail)) return undefined;
  const index = Number.parseInt(tail, 10);
  return index >= 0 && index <= 2147483647 ? index : undefined;
}
