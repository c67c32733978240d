/**
 * Hash keys as Kinesis routes by them: the MD5 of a record's partition key (UTF-8) read as an unsigned 128-bit
 * integer, or the ExplicitHashKey the producer sent. On the hot path a hash key is four big-endian 32-bit words in a
 * reused array, so routing is integer comparison with no allocation or BigInt arithmetic per record.
 */
import { AwsError } from '../../server/service.js';
import { md5Words } from './md5-words.js';

const MAX_HASH_KEY = (1n << 128n) - 1n;

/** Writes the hash key of a partition key into `out` (4 big-endian words). */
export function partitionKeyWords(partitionKey: string, out: Uint32Array): void {
  md5Words(partitionKey, out);
}

/** Writes a 128-bit value into `out` as 4 big-endian words (from index `at`). */
export function bigintToWords(value: bigint, out: Uint32Array, at = 0): void {
  out[at] = Number((value >> 96n) & 0xffffffffn);
  out[at + 1] = Number((value >> 64n) & 0xffffffffn);
  out[at + 2] = Number((value >> 32n) & 0xffffffffn);
  out[at + 3] = Number(value & 0xffffffffn);
}

/**
 * Parses an ExplicitHashKey (already matched against `0|([1-9]\d{0,38})` by validation) into `out`, checking its
 * range with AWS's message.
 */
export function explicitHashKeyWords(explicitHashKey: string, out: Uint32Array): void {
  const value = BigInt(explicitHashKey);
  if (value > MAX_HASH_KEY) {
    throw new AwsError(
      'InvalidArgumentException',
      'Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was ' + explicitHashKey,
    );
  }
  bigintToWords(value, out);
}
