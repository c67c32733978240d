/**
 * JSON 1.1 codec. Output is first converted to plain JSON values (blobs → base64 strings, Date → epoch seconds,
 * undefined members dropped) and then handed to JSON.stringify in one call: V8's native fast path for plain
 * objects is several times faster than a replacer function (which also sees Buffer#toJSON/Date#toJSON output
 * instead of the original values) or a hand-written string builder. GetRecords with 10,000 records is the hot path.
 */

/** Parses a request body; throws on anything that is not JSON. */
export function decodeJson(body: Buffer): unknown {
  return JSON.parse(body.toString('utf8'));
}

/** Encodes a service result: blobs → base64, Date → epoch seconds with millisecond fraction, undefined omitted. */
export function encodeJson(value: unknown): string {
  return JSON.stringify(toJsonValue(value)) ?? 'null';
}

function toJsonValue(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof Uint8Array) {
    const buf = Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    return buf.toString('base64');
  }
  if (value instanceof Date) {
    const ms = value.getTime();
    return Number.isNaN(ms) ? null : ms / 1000;
  }
  if (Array.isArray(value)) {
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = toJsonValue(value[i]);
    return out;
  }
  const out: Record<string, unknown> = {};
  const obj = value as Record<string, unknown>;
  for (const key in obj) {
    const member = obj[key];
    if (member !== undefined) out[key] = toJsonValue(member);
  }
  return out;
}
