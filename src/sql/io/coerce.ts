/**
 * KDA's JSON-to-SQL and text-to-SQL coercion rules for ingest (Developer Guide, "Mapping Streaming Source Elements
 * to SQL Input Columns"): a value that does not fit its column's type is a coercion error and the record goes to
 * error_stream; strings into VARCHAR are silently truncated.
 */
import { SqlRuntimeError } from '../errors.js';
import { daysFromCivil, daysInMonth } from '../functions/civil-time.js';
import { parseDate, parseTime, parseTimestamp } from '../functions/datetime-literals.js';
import type { SqlType } from '../types.js';

const INT_RANGE: Record<string, readonly [number, number]> = {
  TINYINT: [-128, 127],
  SMALLINT: [-32768, 32767],
  INTEGER: [-2147483648, 2147483647],
  BIGINT: [-9223372036854775808, 9223372036854775807],
};

function fail(value: unknown, type: SqlType): never {
  const shown = typeof value === 'string' ? `'${value}'` : JSON.stringify(value);
  throw new SqlRuntimeError('Coercion error', `Cannot coerce ${shown} to ${type.name}${type.precision !== undefined ? `(${type.precision}${type.scale !== undefined ? `,${type.scale}` : ''})` : ''}`);
}

function fitNumber(n: number, type: SqlType, original: unknown): number {
  if (!Number.isFinite(n)) fail(original, type);
  const range = INT_RANGE[type.name];
  if (range) {
    if (!Number.isInteger(n) || n < range[0] || n > range[1]) fail(original, type);
    return n;
  }
  if (type.name === 'REAL') {
    const f = Math.fround(n);
    if (!Number.isFinite(f)) fail(original, type);
    return f;
  }
  if (type.name === 'DECIMAL') {
    const scale = type.scale ?? 0;
    const p = type.precision ?? 19;
    const f = 10 ** scale;
    const r = Math.round(n * f) / f;
    if (Math.abs(r) >= 10 ** (p - scale)) fail(original, type);
    return r;
  }
  return n;
}

function truncate(s: string, type: SqlType): string {
  const n = type.precision;
  if (n === undefined || s.length <= n) return type.name === 'CHAR' && n !== undefined ? s.padEnd(n, ' ') : s;
  return s.slice(0, n);
}

/** ISO-8601 with `T` and microseconds is accepted too (three DG examples rely on it); extra digits are dropped. */
function parseDatetime(s: string, type: SqlType): number {
  const text = s.trim().replace(/Z$/, '');
  try {
    if (type.name === 'DATE') return parseDate(text);
    if (type.name === 'TIME') return parseTime(text);
    return parseTimestamp(text);
  } catch {
    return fail(s, type);
  }
}

function parseBinary(s: string, type: SqlType): Uint8Array {
  const hex = /^[xX]'([0-9a-fA-F]*)'$/.exec(s.trim());
  if (hex) {
    if (hex[1]!.length % 2) fail(s, type);
    return Uint8Array.from(hex[1]!.match(/../g) ?? [], (h) => parseInt(h, 16));
  }
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s.trim())) fail(s, type);
  return new Uint8Array(Buffer.from(s.trim(), 'base64'));
}

const NUMERIC = new Set(['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'DECIMAL', 'REAL', 'DOUBLE']);
const DATETIME = new Set(['DATE', 'TIME', 'TIMESTAMP']);

/** A JSON value (parsed) → the column's representation. */
export function coerceJson(v: unknown, type: SqlType): unknown {
  if (v === null || v === undefined) return null;
  const t = type.name;
  if (typeof v === 'boolean') {
    if (NUMERIC.has(t)) return v ? 1 : 0;
    if (t === 'BOOLEAN') return v;
    if (t === 'CHAR' || t === 'VARCHAR') return truncate(v ? 'true' : 'false', type);
    if (t === 'BINARY' || t === 'VARBINARY') return Uint8Array.of(v ? 1 : 0);
    return fail(v, type);
  }
  if (typeof v === 'number') {
    if (NUMERIC.has(t)) return fitNumber(v, type, v);
    if (t === 'BOOLEAN') return v !== 0;
    if (t === 'CHAR' || t === 'VARCHAR') return truncate(String(v), type);
    return fail(v, type);
  }
  if (typeof v === 'string') return coerceText(v, type);
  // Arrays and objects: their JSON text into character columns only.
  if (t === 'CHAR' || t === 'VARCHAR') return truncate(JSON.stringify(v), type);
  return fail(v, type);
}

/** A text value (CSV field, JSON string) → the column's representation. */
export function coerceText(s: string, type: SqlType): unknown {
  const t = type.name;
  if (t === 'CHAR' || t === 'VARCHAR') return truncate(s, type);
  if (NUMERIC.has(t)) {
    const text = s.trim();
    if (text === '') return null;
    const n = Number(text);
    if (Number.isNaN(n) || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) fail(s, type);
    return fitNumber(n, type, s);
  }
  if (t === 'BOOLEAN') return s.trim().toLowerCase() === 'true';
  if (DATETIME.has(t)) return s.trim() === '' ? null : parseDatetime(s, type);
  if (t === 'BINARY' || t === 'VARBINARY') return parseBinary(s, type);
  return fail(s, type);
}

/**
 * The coercion for one column, chosen once: the common cases (a JSON number into a numeric column, a string into
 * VARCHAR) skip the general dispatch on every row.
 */
export function jsonCoercer(type: SqlType): (v: unknown) => unknown {
  const t = type.name;
  if (t === 'DOUBLE') return (v) => (typeof v === 'number' ? v : coerceJson(v, type));
  if (INT_RANGE[t]) {
    const [lo, hi] = INT_RANGE[t]!;
    return (v) => (typeof v === 'number' && Number.isInteger(v) && v >= lo && v <= hi ? v : coerceJson(v, type));
  }
  if (t === 'VARCHAR' || t === 'CHAR') {
    const n = type.precision ?? Infinity;
    return (v) => (typeof v === 'string' && v.length <= n && t === 'VARCHAR' ? v : coerceJson(v, type));
  }
  if (t === 'TIMESTAMP') return (v) => (typeof v === 'string' ? (fastTimestamp(v) ?? coerceJson(v, type)) : coerceJson(v, type));
  return (v) => coerceJson(v, type);
}

/** Digits at s[i..i+n) as a number, or -1 when any is not a digit. */
function digits(s: string, i: number, n: number): number {
  let v = 0;
  for (let k = i; k < i + n; k++) {
    const c = s.charCodeAt(k) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/**
 * `yyyy-MM-dd HH:mm:ss[.f…]` (or with `T`, optionally ending in `Z`) read character by character: the common shape
 * of event times in JSON records. Undefined for anything else, which the general parser then handles.
 */
function fastTimestamp(s: string): number | undefined {
  const n = s.length;
  if (n < 19 || s[4] !== '-' || s[7] !== '-' || (s[10] !== ' ' && s[10] !== 'T') || s[13] !== ':' || s[16] !== ':') return undefined;
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  const hour = digits(s, 11, 2);
  const minute = digits(s, 14, 2);
  const second = digits(s, 17, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return undefined;
  if (day > daysInMonth(year, month)) return undefined;
  let end = n;
  if (s[end - 1] === 'Z') end--;
  let ms = 0;
  if (end > 19) {
    if (s[19] !== '.' || end === 20) return undefined;
    const frac = Math.min(end - 20, 3);
    const f = digits(s, 20, frac);
    if (f < 0 || digits(s, 20, end - 20) < 0) return undefined;
    ms = frac === 1 ? f * 100 : frac === 2 ? f * 10 : f;
  }
  return daysFromCivil(year, month, day) * 86_400_000 + hour * 3_600_000 + minute * 60_000 + second * 1000 + ms;
}
