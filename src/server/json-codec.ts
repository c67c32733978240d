/**
 * JSON 1.1 codec. Output is written into one reused buffer by a small dedicated writer (like the CBOR one): blobs
 * are base64-encoded in place, Date becomes epoch seconds, undefined members are dropped. Compared with converting
 * the result to plain JSON values for JSON.stringify, it skips a copy of the whole result and one base64 string per
 * blob; GetRecords with 10,000 records is the hot path. The text is exactly what `JSON.stringify` gives for the
 * converted value.
 */
import { base64Into, base64Length } from './base64-writer.js';

/** The output a `PreEncodedJsonArray` writes into: bytes go to `buf` at `pos`, after `reserve(n)` made room. */
export interface JsonOut {
  readonly buf: Buffer;
  pos: number;
  reserve(n: number): void;
}

/**
 * An array whose JSON the encoder does not derive from its elements but asks it to write (`writeJson`): a result
 * can carry, say, a page of stored records rendered straight into the response buffer. It is still an array of
 * `length` elements to anything else that looks at the result; only the JSON encoders of this module use the hook.
 */
export abstract class PreEncodedJsonArray extends Array<unknown> {
  abstract writeJson(out: JsonOut): void;
}

/** Request contexts whose results are encoded by this module alone (made by the HTTP pipeline for JSON requests). */
const jsonWireContexts = new WeakSet<object>();

export function markJsonWireContext(ctx: object): void {
  jsonWireContexts.add(ctx);
}

/** Whether a result for `ctx` only ever goes to this module's JSON encoder (so a PreEncodedJsonArray may be used). */
export function isJsonWireContext(ctx: object): boolean {
  return jsonWireContexts.has(ctx);
}

/** Parses a request body; throws on anything that is not JSON. */
export function decodeJson(body: Buffer): unknown {
  return JSON.parse(body.toString('utf8'));
}

/** Encodes a service result (blobs → base64, Date → epoch seconds with millisecond fraction, undefined omitted). */
export function encodeJson(value: unknown): string {
  const w = write(value);
  return w.buffer.toString('utf8', 0, w.length);
}

/** Bodies up to this size are sent as strings. */
const STRING_BODY_MAX = 16 * 1024;

/**
 * As `encodeJson`, in the form that costs least to send: a short body as a string (Node's HTTP/1.1 response sends
 * the headers and a string body in one write), a long one as bytes — measured, writing a 1.9 MB string to a socket
 * costs about three times the CPU of writing its bytes.
 */
export function encodeJsonBody(value: unknown): string | Buffer {
  const w = write(value);
  if (w.length <= STRING_BODY_MAX) return w.buffer.toString('utf8', 0, w.length);
  return Buffer.from(w.buffer.subarray(0, w.length));
}

/** As `encodeJson`, as bytes (event-stream payloads, framed into a buffer of their own). */
export function encodeJsonBytes(value: unknown): Buffer {
  const w = write(value);
  return Buffer.from(w.buffer.subarray(0, w.length));
}

function write(value: unknown): JsonWriter {
  const w = new JsonWriter(scratch);
  if (isSkipped(value)) w.raw('null');
  else w.value(value);
  // The writer grew past the scratch buffer: keep the larger one for next time, within reason.
  if (w.buffer !== scratch && w.buffer.length <= SCRATCH_MAX) scratch = w.buffer;
  return w;
}

/**
 * Encoding is synchronous, so one scratch buffer serves every call: the result is copied out of it once, instead of
 * being copied at every doubling of a fresh buffer (a GetRecords answer is megabytes).
 */
let scratch: Buffer = Buffer.allocUnsafe(64 * 1024);
const SCRATCH_MAX = 4 * 1024 * 1024;

/** What JSON.stringify leaves out of objects (and writes as null in arrays). */
function isSkipped(v: unknown): boolean {
  return v === undefined || typeof v === 'function' || typeof v === 'symbol';
}

// `"key":` of member names seen before: results repeat the same few names thousands of times.
const keyCache = new Map<string, Buffer>();
const KEY_CACHE_LIMIT = 2048;

class JsonWriter implements JsonOut {
  buf: Buffer;
  pos = 0;
  private lastDate: Date | undefined;
  private lastDateText = '';

  constructor(buf: Buffer) {
    this.buf = buf;
  }

  get buffer(): Buffer {
    return this.buf;
  }

  /** Bytes written so far. */
  get length(): number {
    return this.pos;
  }

  reserve(n: number): void {
    this.room(n);
  }

  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  /** ASCII text that needs no escaping. */
  raw(s: string): void {
    const n = s.length;
    this.room(n);
    const b = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i++) b[p++] = s.charCodeAt(i);
    this.pos = p;
  }

  private byte(c: number): void {
    this.room(1);
    this.buf[this.pos++] = c;
  }

  private string(s: string): void {
    const n = s.length;
    if (n < 256) {
      // Short strings are nearly always printable ASCII without quotes or backslashes: copied as they are.
      this.room(n + 2);
      const b = this.buf;
      const start = this.pos;
      let p = start;
      b[p++] = 0x22;
      let i = 0;
      for (; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) break;
        b[p++] = c;
      }
      if (i === n) {
        b[p++] = 0x22;
        this.pos = p;
        return;
      }
    }
    // Anything else is escaped exactly as JSON.stringify does it.
    const quoted = JSON.stringify(s);
    const len = Buffer.byteLength(quoted, 'utf8');
    this.room(len);
    this.pos += this.buf.write(quoted, this.pos, len, 'utf8');
  }

  private key(k: string): void {
    let encoded = keyCache.get(k);
    if (encoded === undefined) {
      const start = this.pos;
      this.string(k);
      this.byte(0x3a);
      if (keyCache.size < KEY_CACHE_LIMIT && k.length <= 64) keyCache.set(k, Buffer.from(this.buf.subarray(start, this.pos)));
      return;
    }
    const n = encoded.length;
    this.room(n);
    if (n <= 24) {
      const b = this.buf;
      let p = this.pos;
      for (let i = 0; i < n; i++) b[p++] = encoded[i]!;
      this.pos = p;
    } else {
      encoded.copy(this.buf, this.pos);
      this.pos += n;
    }
  }

  private number(n: number): void {
    // JSON.stringify writes non-finite numbers as null and everything else as String(n) does.
    this.raw(Number.isFinite(n) ? String(n) : 'null');
  }

  private date(d: Date): void {
    if (d !== this.lastDate) {
      const ms = d.getTime();
      this.lastDate = d;
      this.lastDateText = Number.isNaN(ms) ? 'null' : String(ms / 1000);
    }
    this.raw(this.lastDateText);
  }

  private bytes(data: Uint8Array): void {
    const len = base64Length(data.byteLength);
    this.room(len + 2);
    this.buf[this.pos++] = 0x22;
    this.pos = base64Into(data, this.buf, this.pos);
    this.buf[this.pos++] = 0x22;
  }

  value(v: unknown): void {
    switch (typeof v) {
      case 'string':
        return this.string(v);
      case 'number':
        return this.number(v);
      case 'boolean':
        return this.raw(v ? 'true' : 'false');
      case 'bigint':
        // As JSON.stringify: a BigInt has no JSON form.
        throw new TypeError('Do not know how to serialize a BigInt');
      case 'object':
        break;
      default:
        return this.raw('null'); // only reached for array slots; object members are skipped
    }
    if (v === null) return this.raw('null');
    if (v instanceof Uint8Array) return this.bytes(v);
    if (v instanceof Date) return this.date(v);
    if (Array.isArray(v)) {
      if (v instanceof PreEncodedJsonArray) return v.writeJson(this);
      this.byte(0x5b);
      for (let i = 0; i < v.length; i++) {
        if (i > 0) this.byte(0x2c);
        this.value(v[i]);
      }
      return this.byte(0x5d);
    }
    const obj = v as Record<string, unknown>;
    this.byte(0x7b);
    let first = true;
    for (const k in obj) {
      const member = obj[k];
      if (isSkipped(member)) continue;
      if (!first) this.byte(0x2c);
      first = false;
      this.key(k);
      this.value(member);
    }
    this.byte(0x7d);
  }
}
