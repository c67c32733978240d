/**
 * Checks of data-plane request members for the fast validators of PutRecord, PutRecords, GetRecords and
 * GetShardIterator. Each returns the member as the generic framework would normalise it, or FAIL as soon as
 * anything is off — the caller then leaves the whole request to the framework, which builds AWS's exact error.
 * So these checks only have to accept exactly what the framework accepts; they never word an error.
 */

/** Returned by a check that found a problem. */
export const FAIL: unique symbol = Symbol('invalid');
export type Checked<T> = T | typeof FAIL;

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array) && !(v instanceof Date);
}

const STREAM_NAME = /^(?:[a-zA-Z0-9_.-]+)$/;
const STREAM_ARN = /^(?:arn:aws.*:kinesis:.*:\d{12}:stream\/\S+)$/;

/** A `String` member with optional length bounds and pattern; absent (null/undefined) gives undefined. */
export function optionalString(v: unknown, min: number, max: number, pattern?: RegExp): Checked<string | undefined> {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' || v.length < min || v.length > max) return FAIL;
  if (pattern !== undefined && !pattern.test(v)) return FAIL;
  return v;
}

/** A `String` member that must be present. */
export function requiredString(v: unknown, min: number, max: number, pattern?: RegExp): Checked<string> {
  const s = optionalString(v, min, max, pattern);
  return s === undefined ? FAIL : s;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const CODE_OF = new Int8Array(128).fill(-1);
for (let i = 0; i < 64; i++) CODE_OF['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.charCodeAt(i)] = i;

/**
 * A `Blob` member that must be present, as bytes: CBOR's byte string as it is, or JSON's base64 decoded once. The
 * framework accepts base64 only in its canonical form (it re-encodes and compares); the same is checked here from
 * the text: alphabet, length, padding at the end only, and no stray bits in the last character before the padding.
 */
export function requiredBlob(v: unknown, maxBytes: number): Checked<Buffer> {
  let bytes: Buffer;
  if (typeof v === 'string') {
    const n = v.length;
    if (n % 4 !== 0 || !BASE64.test(v)) return FAIL;
    const pads = n === 0 ? 0 : v.charCodeAt(n - 1) !== 0x3d ? 0 : v.charCodeAt(n - 2) !== 0x3d ? 1 : 2;
    if (pads > 0) {
      const last = CODE_OF[v.charCodeAt(n - 1 - pads)]!;
      // Unused low bits of the last character: 2 with one pad (16 of 18 bits used), 4 with two (8 of 12).
      if ((last & (pads === 1 ? 0b11 : 0b1111)) !== 0) return FAIL;
    }
    bytes = Buffer.from(v, 'base64');
  } else if (v instanceof Uint8Array) {
    bytes = Buffer.isBuffer(v) ? v : Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  } else {
    return FAIL;
  }
  return bytes.length > maxBytes ? FAIL : bytes;
}

export interface StreamMembers {
  StreamName?: string;
  StreamARN?: string;
  StreamId?: string;
}

/** `StreamName` / `StreamARN` / `StreamId` (common.ts#streamScoped): a name or an ARN must be there. */
export function streamMembers(raw: Record<string, unknown>, out: Record<string, unknown>): boolean {
  const name = optionalString(raw.StreamName, 1, 128, STREAM_NAME);
  const arn = optionalString(raw.StreamARN, 1, 2048, STREAM_ARN);
  const id = raw.StreamId;
  if (name === FAIL || arn === FAIL || (name === undefined && arn === undefined)) return false;
  if (id !== undefined && id !== null && typeof id !== 'string') return false;
  if (name !== undefined) out.StreamName = name;
  if (arn !== undefined) out.StreamARN = arn;
  if (typeof id === 'string') out.StreamId = id;
  return true;
}

/** `StreamARN` alone (GetRecords), optional. */
export function optionalStreamArn(v: unknown): Checked<string | undefined> {
  return optionalString(v, 1, 2048, STREAM_ARN);
}

export { STREAM_NAME };
