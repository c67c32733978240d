/**
 * Hash keys as Kinesis routes by them: the MD5 of a record's partition key (UTF-8) read as an unsigned 128-bit
 * integer, or the ExplicitHashKey the producer sent. Kept as 16-byte big-endian buffers on the hot path so that
 * routing is a native byte comparison rather than BigInt arithmetic per record.
 */
import { createMD5 } from 'hash-wasm';
import { AwsError } from '../../server/service.js';

const MAX_HASH_KEY = (1n << 128n) - 1n;

// One reusable WebAssembly MD5 state: for short partition keys it is several times cheaper per call than
// node:crypto, whose per-call setup dominates when hashing a few bytes (every record of every put pays this).
const md5 = await createMD5();

/** MD5 of the partition key (UTF-8), big-endian: the record's hash key. */
export function partitionKeyHash(partitionKey: string): Buffer {
  md5.init();
  md5.update(partitionKey);
  const digest = md5.digest('binary');
  return Buffer.from(digest.buffer, digest.byteOffset, digest.byteLength);
}

/** A decimal hash key (< 2^128) as 16 big-endian bytes. */
export function hashKeyBytes(value: bigint): Buffer {
  const out = Buffer.allocUnsafe(16);
  out.writeBigUInt64BE(value >> 64n, 0);
  out.writeBigUInt64BE(value & 0xffffffffffffffffn, 8);
  return out;
}

export function hashKeyFromBytes(bytes: Uint8Array): bigint {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, 16);
  return (b.readBigUInt64BE(0) << 64n) | b.readBigUInt64BE(8);
}

/**
 * Parses an ExplicitHashKey (already matched against `0|([1-9]\d{0,38})` by validation) and checks its range with
 * AWS's message.
 */
export function explicitHashKeyBytes(explicitHashKey: string): Buffer {
  const value = BigInt(explicitHashKey);
  if (value > MAX_HASH_KEY) {
    throw new AwsError(
      'InvalidArgumentException',
      'Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was ' + explicitHashKey,
    );
  }
  return hashKeyBytes(value);
}
