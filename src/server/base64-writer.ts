/**
 * Standard base64 (with padding) written straight into an output buffer. Node can only produce base64 as a new
 * string, which for thousands of small records means a native call, a string and a second copy each; a plain loop
 * into the response buffer is cheaper for small blobs. Large blobs still go through the native encoder.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const CODES = new Uint8Array(64);
for (let i = 0; i < 64; i++) CODES[i] = ALPHABET.charCodeAt(i);
const PAD = 0x3d;

/** Above this many bytes the native encoder's per-call cost no longer matters. */
const NATIVE_FROM = 1024;

export function base64Length(bytes: number): number {
  return Math.ceil(bytes / 3) * 4;
}

/** Writes base64 of `data` into `out` at `at` (which must have room for `base64Length`); returns the end. */
export function base64Into(data: Uint8Array, out: Buffer, at: number): number {
  const n = data.byteLength;
  if (n >= NATIVE_FROM) {
    const buf = Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, n);
    return at + out.write(buf.toString('base64'), at, 'latin1');
  }
  let p = at;
  let i = 0;
  const whole = n - (n % 3);
  for (; i < whole; i += 3) {
    const x = (data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!;
    out[p] = CODES[x >>> 18]!;
    out[p + 1] = CODES[(x >>> 12) & 63]!;
    out[p + 2] = CODES[(x >>> 6) & 63]!;
    out[p + 3] = CODES[x & 63]!;
    p += 4;
  }
  const rest = n - whole;
  if (rest === 1) {
    const x = data[i]! << 16;
    out[p] = CODES[x >>> 18]!;
    out[p + 1] = CODES[(x >>> 12) & 63]!;
    out[p + 2] = PAD;
    out[p + 3] = PAD;
    p += 4;
  } else if (rest === 2) {
    const x = (data[i]! << 16) | (data[i + 1]! << 8);
    out[p] = CODES[x >>> 18]!;
    out[p + 1] = CODES[(x >>> 12) & 63]!;
    out[p + 2] = CODES[(x >>> 6) & 63]!;
    out[p + 3] = PAD;
    p += 4;
  }
  return p;
}
