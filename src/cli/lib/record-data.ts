/**
 * What a record's bytes are, for display and export: JSON, text or binary. The JSONL export format is the offline
 * SQL runner's: `{"arrival", "data"}` with `data` the JSON value when the bytes are JSON, the text otherwise, or
 * `data_base64` for bytes that are not text.
 */

export type DecodedData =
  | { kind: 'json'; value: unknown; text: string }
  | { kind: 'text'; text: string }
  | { kind: 'binary' };

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function decodeData(bytes: Uint8Array): DecodedData {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { kind: 'binary' };
  }
  // Control characters other than tab/newline/CR mean the bytes merely happen to be valid UTF-8.
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) return { kind: 'binary' };
  if (/^\s*[[{"\-\d]|^\s*(true|false|null)\s*$/.test(text)) {
    try {
      return { kind: 'json', value: JSON.parse(text), text };
    } catch {
      // text that starts like JSON
    }
  }
  return { kind: 'text', text };
}

/**
 * The `data` / `data_base64` fields for a JSONL line. A JSON value is written as itself only when writing it back
 * (compactly) gives the same JSON: no precision lost in big numbers, not a bare JSON string (which would load back
 * without its quotes). Insignificant whitespace is not kept.
 */
export function dataFields(bytes: Uint8Array): { data: unknown } | { data_base64: string } {
  const d = decodeData(bytes);
  if (d.kind === 'binary') return { data_base64: Buffer.from(bytes).toString('base64') };
  if (d.kind === 'json' && typeof d.value !== 'string' && JSON.stringify(d.value) === minifyJson(d.text)) return { data: d.value };
  return { data: d.text };
}

/** The bytes a JSONL line's `data` / `data_base64` stand for (the offline runner's reading). */
export function bytesFromFields(o: Record<string, unknown>, where: string): Uint8Array {
  if ('data_base64' in o) {
    if (typeof o['data_base64'] !== 'string') throw new Error(`${where}: "data_base64" must be a string`);
    return new Uint8Array(Buffer.from(o['data_base64'], 'base64'));
  }
  if ('data' in o) {
    const d = o['data'];
    return new Uint8Array(Buffer.from(typeof d === 'string' ? d : JSON.stringify(d), 'utf8'));
  }
  throw new Error(`${where}: needs "data" or "data_base64"`);
}

/** JSON text without whitespace outside strings. */
export function minifyJson(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      out += c;
      if (c === '\\') out += text[++i] ?? '';
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
      out += c;
    } else if (c !== ' ' && c !== '\n' && c !== '\r' && c !== '\t') out += c;
  }
  return out;
}

/** Hex for binary records: 16 bytes a line, grouped by two. */
export function hexLines(bytes: Uint8Array): string[] {
  const lines: string[] = [];
  for (let i = 0; i < bytes.length; i += 16) {
    const hex = Buffer.from(bytes.subarray(i, i + 16)).toString('hex');
    lines.push(`${i.toString(16).padStart(8, '0')}  ${hex.replace(/(.{4})/g, '$1 ').trim()}`);
  }
  return lines;
}
