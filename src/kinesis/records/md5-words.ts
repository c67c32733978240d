/**
 * MD5 of a partition key as four big-endian 32-bit words (the 128-bit hash key, most significant word first),
 * written into a caller's array. Kinesis hashes every record's partition key, and keys are short, so the common
 * case — an ASCII key of at most 55 bytes, i.e. a single MD5 block — is computed here in plain integer arithmetic
 * with no allocation; anything else goes through node:crypto.
 */
import { hash } from 'node:crypto';

// K[i] = floor(|sin(i + 1)| · 2^32) and the per-round shift amounts (RFC 1321).
const K = new Int32Array(64);
for (let i = 0; i < 64; i++) K[i] = Math.floor(Math.abs(Math.sin(i + 1)) * 0x100000000) | 0;
const S = new Uint8Array([
  7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20,
  4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
]);
const M = new Int32Array(16);

const bswap = (x: number): number => (((x & 0xff) << 24) | ((x & 0xff00) << 8) | ((x >>> 8) & 0xff00) | (x >>> 24)) >>> 0;

/** Writes MD5(`key` as UTF-8) into `out[0..3]` as big-endian words. */
export function md5Words(key: string, out: Uint32Array): void {
  const n = key.length;
  if (n > 55 || !singleBlock(key, n)) {
    const d = hash('md5', key, 'buffer') as unknown as Buffer;
    out[0] = d.readUInt32BE(0);
    out[1] = d.readUInt32BE(4);
    out[2] = d.readUInt32BE(8);
    out[3] = d.readUInt32BE(12);
    return;
  }
  let a = 0x67452301 | 0;
  let b = 0xefcdab89 | 0;
  let c = 0x98badcfe | 0;
  let d = 0x10325476 | 0;
  for (let i = 0; i < 64; i++) {
    let f: number;
    let g: number;
    if (i < 16) {
      f = (b & c) | (~b & d);
      g = i;
    } else if (i < 32) {
      f = (d & b) | (~d & c);
      g = (5 * i + 1) & 15;
    } else if (i < 48) {
      f = b ^ c ^ d;
      g = (3 * i + 5) & 15;
    } else {
      f = c ^ (b | ~d);
      g = (7 * i) & 15;
    }
    const t = d;
    d = c;
    c = b;
    const x = (a + f + K[i]! + M[g]!) | 0;
    const s = S[i]!;
    b = (b + ((x << s) | (x >>> (32 - s)))) | 0;
    a = t;
  }
  out[0] = bswap((a + 0x67452301) | 0);
  out[1] = bswap((b + 0xefcdab89) | 0);
  out[2] = bswap((c + 0x98badcfe) | 0);
  out[3] = bswap((d + 0x10325476) | 0);
}

/** Fills M with the padded single block of an ASCII key; false if the key has a non-ASCII character. */
function singleBlock(key: string, n: number): boolean {
  M.fill(0);
  for (let i = 0; i < n; i++) {
    const code = key.charCodeAt(i);
    if (code > 0x7f) return false;
    M[i >> 2]! |= code << ((i & 3) << 3);
  }
  M[n >> 2]! |= 0x80 << ((n & 3) << 3);
  M[14] = n * 8;
  return true;
}
