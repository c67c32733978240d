/**
 * CBOR 1.1 codec as AWS speaks it.
 *
 * Decoding uses cbor-x. AWS puts epoch *milliseconds* under tag 1 (RFC 8949 says seconds), so the tag-1 decoder is
 * replaced once, process-wide, to read milliseconds: a tagged timestamp reaches the service as a `Date`.
 *
 * Encoding is a small dedicated writer instead of cbor-x, because AWS's conventions need two things cbor-x cannot
 * be told per call: `undefined` members must be omitted (cbor-x writes CBOR `undefined`) and `Date` must be tag 1
 * wrapping integer milliseconds (cbor-x writes seconds). Blobs are byte strings (major type 2).
 */
import { Decoder, addExtension } from 'cbor-x';

// Without `Class` the extension is decode-only: encoding is done by `encodeCbor` below.
addExtension({
  tag: 1,
  decode: (ms: unknown) => new Date(typeof ms === 'number' || typeof ms === 'bigint' ? Math.round(Number(ms)) : Number.NaN),
} as unknown as Parameters<typeof addExtension>[0]);

// 64-bit integers (millisecond timestamps) as numbers, not BigInt: services expect plain JSON-like values.
const decoder = new Decoder({ useRecords: false, mapsAsObjects: true, int64AsNumber: true } as ConstructorParameters<typeof Decoder>[0]);

/** Parses a request body; throws on malformed CBOR. */
export function decodeCbor(body: Buffer): unknown {
  return decoder.decode(body);
}

/** Encodes a service result (see the module comment for the conventions). */
export function encodeCbor(value: unknown): Buffer {
  const w = new Writer(scratch);
  w.value(value);
  const out = w.finish();
  // The writer grew past the scratch buffer: keep the larger one for next time, within reason.
  if (w.buffer !== scratch && w.buffer.length <= SCRATCH_MAX) scratch = w.buffer;
  return out;
}

/**
 * Encoding is synchronous, so one scratch buffer serves every call: the result is copied out of it once, instead of
 * being copied at every doubling of a fresh buffer (a GetRecords answer is megabytes).
 */
let scratch: Buffer = Buffer.allocUnsafe(64 * 1024);
const SCRATCH_MAX = 4 * 1024 * 1024;

class Writer {
  private buf: Buffer;
  private pos = 0;
  constructor(buf: Buffer) {
    this.buf = buf;
  }

  get buffer(): Buffer {
    return this.buf;
  }

  /** A copy of what was written (the writer's buffer is reused). */
  finish(): Buffer {
    return Buffer.from(this.buf.subarray(0, this.pos));
  }

  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  /** Writes a major type with its argument in the shortest form. */
  private head(major: number, n: number): void {
    this.room(9);
    const m = major << 5;
    const b = this.buf;
    if (n < 24) b[this.pos++] = m | n;
    else if (n < 0x100) {
      b[this.pos++] = m | 24;
      b[this.pos++] = n;
    } else if (n < 0x10000) {
      b[this.pos++] = m | 25;
      b.writeUInt16BE(n, this.pos);
      this.pos += 2;
    } else if (n < 0x100000000) {
      b[this.pos++] = m | 26;
      b.writeUInt32BE(n, this.pos);
      this.pos += 4;
    } else {
      b[this.pos++] = m | 27;
      b.writeBigUInt64BE(BigInt(n), this.pos);
      this.pos += 8;
    }
  }

  private bytes(data: Uint8Array): void {
    this.head(2, data.byteLength);
    this.room(data.byteLength);
    this.buf.set(data, this.pos);
    this.pos += data.byteLength;
  }

  private string(s: string): void {
    const n = s.length;
    if (n < 256) {
      // Short strings (keys, sequence numbers, shard ids) are nearly always ASCII: copying them in JS is much
      // cheaper than the two native calls of the general path below.
      this.room(n + 2);
      const b = this.buf;
      const start = this.pos;
      let p = start + (n < 24 ? 1 : 2);
      let i = 0;
      for (; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c >= 0x80) break;
        b[p++] = c;
      }
      if (i === n) {
        if (n < 24) b[start] = 0x60 | n;
        else {
          b[start] = 0x78;
          b[start + 1] = n;
        }
        this.pos = p;
        return;
      }
    }
    const len = Buffer.byteLength(s, 'utf8');
    this.head(3, len);
    this.room(len);
    this.pos += this.buf.write(s, this.pos, 'utf8');
  }

  private number(n: number): void {
    if (Number.isSafeInteger(n)) {
      if (n >= 0) this.head(0, n);
      else this.head(1, -1 - n);
      return;
    }
    this.room(9);
    this.buf[this.pos++] = 0xfb;
    this.buf.writeDoubleBE(n, this.pos);
    this.pos += 8;
  }

  value(v: unknown): void {
    switch (typeof v) {
      case 'string':
        return this.string(v);
      case 'number':
        return this.number(v);
      case 'boolean':
        this.room(1);
        this.buf[this.pos++] = v ? 0xf5 : 0xf4;
        return;
      case 'bigint':
        return this.number(Number(v));
      case 'object':
        break;
      default:
        this.room(1);
        this.buf[this.pos++] = 0xf6; // only reached for array slots; object members are skipped
        return;
    }
    if (v === null) {
      this.room(1);
      this.buf[this.pos++] = 0xf6;
      return;
    }
    if (v instanceof Uint8Array) return this.bytes(v);
    if (v instanceof Date) {
      this.head(6, 1);
      return this.number(v.getTime());
    }
    if (Array.isArray(v)) {
      this.head(4, v.length);
      for (let i = 0; i < v.length; i++) this.value(v[i]);
      return;
    }
    const obj = v as Record<string, unknown>;
    let count = 0;
    for (const key in obj) if (isPresent(obj[key])) count++;
    this.head(5, count);
    for (const key in obj) {
      const member = obj[key];
      if (!isPresent(member)) continue;
      this.string(key);
      this.value(member);
    }
  }
}

function isPresent(v: unknown): boolean {
  return v !== undefined && typeof v !== 'function' && typeof v !== 'symbol';
}
