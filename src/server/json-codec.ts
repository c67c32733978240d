/**
 * JSON 1.1 codec. Output is written by hand rather than with JSON.stringify + replacer, because Buffer#toJSON and
 * Date#toJSON run before a replacer sees the value (turning blobs into `{type,data}` arrays), and because a
 * replacer call per value is the hot path of GetRecords.
 */

/** Parses a request body; throws on anything that is not JSON. */
export function decodeJson(body: Buffer): unknown {
  return JSON.parse(body.toString('utf8'));
}

/** Encodes a service result: blobs → base64, Date → epoch seconds with millisecond fraction, undefined omitted. */
export function encodeJson(value: unknown): string {
  return write(value) ?? 'null';
}

function write(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return value.toString();
    case 'object':
      break;
    default:
      return undefined; // undefined, functions, symbols: omitted like JSON.stringify does
  }
  if (value === null) return 'null';
  if (value instanceof Uint8Array) return '"' + base64(value) + '"';
  if (value instanceof Date) {
    const ms = value.getTime();
    return Number.isNaN(ms) ? 'null' : String(ms / 1000);
  }
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      out += write(value[i]) ?? 'null';
    }
    return out + ']';
  }
  let out = '{';
  let first = true;
  const obj = value as Record<string, unknown>;
  for (const key in obj) {
    const encoded = write(obj[key]);
    if (encoded === undefined) continue;
    if (!first) out += ',';
    first = false;
    out += JSON.stringify(key) + ':' + encoded;
  }
  return out + '}';
}

function base64(bytes: Uint8Array): string {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return buf.toString('base64');
}
