import { SqlRuntimeError } from '../errors.js';
import type { SqlType, SqlTypeName } from '../types.js';
import { MS_PER_DAY, epochDay, msOfDay } from './civil-time.js';
import {
  formatDate,
  formatDaySecondInterval,
  formatTime,
  formatTimestamp,
  formatYearMonthInterval,
  parseDate,
  parseDaySecondInterval,
  parseTime,
  parseTimestamp,
} from './datetime-literals.js';
import { javaDoubleToString, javaFloatToString } from './java-number-format.js';
import { typeToString } from './type-rules.js';

/**
 * Conversions behind CAST and ingest coercion (KDA SR "CAST": numeric ↔ char, char → datetime/boolean/interval,
 * datetime ↔ datetime, boolean → char). `castFunction(from, to)` picks the conversion once at plan time and
 * returns a per-row closure; the helpers are exported for other callers (ingest, output encoding).
 */

export {
  parseDate,
  parseTime,
  parseTimestamp,
  formatDate,
  formatTime,
  formatTimestamp,
  parseDaySecondInterval,
  formatDaySecondInterval,
  formatYearMonthInterval,
} from './datetime-literals.js';
export { javaDoubleToString, javaFloatToString } from './java-number-format.js';

const INTEGRAL_RANGE: Partial<Record<SqlTypeName, readonly [number, number]>> = {
  TINYINT: [-128, 127],
  SMALLINT: [-32768, 32767],
  INTEGER: [-2147483648, 2147483647],
  BIGINT: [-9223372036854775808, 9223372036854775807],
};

function conversionError(value: unknown, to: string): SqlRuntimeError {
  return new SqlRuntimeError('Conversion error', `Cannot convert '${String(value)}' to ${to}`);
}

function overflow(value: unknown, to: string): SqlRuntimeError {
  return new SqlRuntimeError('Overflow', `Value ${String(value)} is out of range for ${to}`);
}

/** Java BigDecimal HALF_UP rounding (away from zero at .5), which KDA uses when casting to exact types. */
export function roundHalfUp(x: number, scale = 0): number {
  if (scale === 0) return Math.sign(x) * Math.round(Math.abs(x));
  const f = 10 ** scale;
  // toPrecision guards against binary noise such as 1.005 * 100 = 100.49999999999999.
  const shifted = Number((Math.abs(x) * f).toPrecision(15));
  return (Math.sign(x) * Math.round(shifted)) / f;
}

/** A number → TINYINT/SMALLINT/INTEGER/BIGINT: rounded half-up, range-checked. */
export function toIntegral(x: number, to: SqlTypeName): number {
  if (!Number.isFinite(x)) throw overflow(x, to);
  const r = Number.isInteger(x) ? x : roundHalfUp(x);
  const range = INTEGRAL_RANGE[to];
  if (range && (r < range[0] || r > range[1])) throw overflow(x, to);
  return r === 0 ? 0 : r;
}

/** A number → DECIMAL(p,s): rounded half-up to the scale, overflow when more than p−s integer digits remain. */
export function toDecimal(x: number, precision = 19, scale = 0): number {
  if (!Number.isFinite(x)) throw overflow(x, `DECIMAL(${precision}, ${scale})`);
  const r = roundHalfUp(x, scale);
  if (Math.abs(r) >= 10 ** (precision - scale)) throw overflow(x, `DECIMAL(${precision}, ${scale})`);
  return r;
}

const INTEGER_TEXT = /^\s*[+-]?\d+\s*$/;
const NUMBER_TEXT = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;

/** Text → number as Java's parsers accept it (surrounding blanks allowed), or a conversion error. */
export function parseNumber(text: string, to: SqlTypeName): number {
  if (NUMBER_TEXT.test(text)) return Number(text);
  const t = text.trim();
  if (to === 'DOUBLE' || to === 'REAL') {
    if (t === 'NaN') return NaN;
    if (t === 'Infinity' || t === '+Infinity') return Infinity;
    if (t === '-Infinity') return -Infinity;
  }
  throw conversionError(text, to);
}

/** Text → an integral type. Decimal text is accepted and rounded like a numeric cast. */
export function parseIntegral(text: string, to: SqlTypeName): number {
  if (INTEGER_TEXT.test(text)) {
    const n = Number(text);
    const range = INTEGRAL_RANGE[to];
    if (range && (n < range[0] || n > range[1])) throw overflow(text.trim(), to);
    return n === 0 ? 0 : n;
  }
  return toIntegral(parseNumber(text, to), to);
}

/** Text → BOOLEAN: TRUE/FALSE/UNKNOWN, case-insensitive, blanks trimmed. */
export function parseBoolean(text: string): boolean | null {
  const t = text.trim().toUpperCase();
  if (t === 'TRUE') return true;
  if (t === 'FALSE') return false;
  if (t === 'UNKNOWN') return null;
  throw conversionError(text, 'BOOLEAN');
}

const HEX_LITERAL = /^\s*[xX]'((?:[0-9a-fA-F]{2})*)'\s*$/;

/**
 * A binary value written as KDA's input coercion documents it: the hex literal form `X'3F67A23A'` (an even number
 * of hex digits). Anything else is a conversion error.
 */
export function parseBinaryLiteral(text: string): Uint8Array {
  const m = HEX_LITERAL.exec(text);
  if (!m) throw conversionError(text, 'VARBINARY');
  return new Uint8Array(Buffer.from(m[1]!, 'hex'));
}

/** DECIMAL text with exactly `scale` fraction digits, never in exponent form. */
export function formatDecimal(x: number, scale = 0): string {
  const s = x.toFixed(scale);
  return s.startsWith('-') && Number(s) === 0 ? s.slice(1) : s;
}

/** A value of a numeric type as KDA prints it: integers plainly, REAL/DOUBLE like Java's toString. */
export function formatNumber(x: number, type: SqlType): string {
  switch (type.name) {
    case 'DOUBLE':
      return javaDoubleToString(x);
    case 'REAL':
      return javaFloatToString(x);
    case 'DECIMAL':
      return formatDecimal(x, type.scale ?? 0);
    default:
      return Number.isInteger(x) ? String(x) : javaDoubleToString(x);
  }
}

/** Any value as text the way CAST(x AS VARCHAR) shows it. */
export function valueToString(value: unknown, type: SqlType): string {
  switch (type.name) {
    case 'BOOLEAN':
      return value ? 'TRUE' : 'FALSE';
    case 'DATE':
      return formatDate(value as number);
    case 'TIME':
      return formatTime(value as number);
    case 'TIMESTAMP':
      return formatTimestamp(value as number);
    case 'INTERVAL_DAY_SECOND':
      return formatDaySecondInterval(value as number);
    case 'INTERVAL_YEAR_MONTH':
      return formatYearMonthInterval(value as number);
    case 'CHAR':
    case 'VARCHAR':
      return value as string;
    case 'BINARY':
    case 'VARBINARY':
      return Buffer.from(value as Uint8Array).toString('hex').toUpperCase();
    default:
      if (typeof value === 'number') return formatNumber(value, type);
      if (typeof value === 'bigint') return value.toString();
      return String(value);
  }
}

/** Fits text into CHAR(n) (blank-padded) or VARCHAR(n) (truncated, as on INSERT). */
export function fitString(text: string, type: SqlType): string {
  const n = type.precision;
  if (n === undefined) return text;
  if (text.length > n) return text.slice(0, n);
  if (type.name === 'CHAR' && text.length < n) return text.padEnd(n, ' ');
  return text;
}

type Cast = (value: unknown) => unknown;

const CHARACTER = new Set<SqlTypeName>(['CHAR', 'VARCHAR']);
const NUMERIC = new Set<SqlTypeName>(['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'DECIMAL', 'REAL', 'DOUBLE']);

function numberFrom(value: unknown): number {
  return typeof value === 'bigint' ? Number(value) : (value as number);
}

function castToNumeric(to: SqlType): (x: number) => number {
  switch (to.name) {
    case 'REAL':
      return (x) => {
        const f = Math.fround(x);
        if (!Number.isFinite(f) && Number.isFinite(x)) throw overflow(x, 'REAL');
        return f;
      };
    case 'DOUBLE':
      return (x) => x;
    case 'DECIMAL':
      return (x) => toDecimal(x, to.precision ?? 19, to.scale ?? 0);
    default:
      return (x) => toIntegral(x, to.name);
  }
}

/** Text → a value of `to`, for CAST(char AS to) and ingest. */
function castFromString(to: SqlType): Cast | undefined {
  if (NUMERIC.has(to.name)) {
    const fit = castToNumeric(to);
    if (to.name === 'DECIMAL' || to.name === 'REAL' || to.name === 'DOUBLE') return (v) => fit(parseNumber(v as string, to.name));
    return (v) => parseIntegral(v as string, to.name);
  }
  switch (to.name) {
    case 'CHAR':
    case 'VARCHAR':
      return (v) => fitString(v as string, to);
    case 'BOOLEAN':
      return (v) => parseBoolean(v as string);
    case 'DATE':
      return (v) => parseDate(v as string);
    case 'TIME':
      return (v) => parseTime(v as string);
    case 'TIMESTAMP':
      return (v) => parseTimestamp(v as string);
    case 'INTERVAL_DAY_SECOND':
      return (v) => parseDaySecondInterval(v as string);
    default:
      return undefined;
  }
}

/**
 * The conversion CAST(x AS to) for a value of type `from`, chosen once per expression. Returns undefined when KDA
 * does not allow the cast (the planner reports it); the closure returns null for null and throws SqlRuntimeError
 * ('Conversion error' / 'Overflow') for values that do not convert. Casting to CHAR/VARCHAR(n) from a
 * non-character type fails when the text does not fit (the SR: a DATE into VARCHAR(9) selects no rows).
 */
export function castFunction(from: SqlType, to: SqlType): ((value: unknown) => unknown) | undefined {
  const inner = castNonNull(from, to);
  if (!inner) return undefined;
  return (value) => (value === null || value === undefined ? null : inner(value));
}

function castNonNull(from: SqlType, to: SqlType): Cast | undefined {
  if (from.name === 'NULL' || from.name === 'ANY') return (v) => v;
  if (CHARACTER.has(from.name)) return castFromString(to);
  if (CHARACTER.has(to.name)) {
    const n = to.precision;
    return (v) => {
      const s = valueToString(v, from);
      if (n !== undefined && s.length > n) throw new SqlRuntimeError('Conversion error', `Value '${s}' does not fit ${typeToString(to)}`);
      return fitString(s, to);
    };
  }
  if (NUMERIC.has(from.name) && NUMERIC.has(to.name)) {
    const fit = castToNumeric(to);
    return (v) => fit(numberFrom(v));
  }
  if (from.name === to.name) return (v) => v;
  switch (`${from.name}>${to.name}`) {
    case 'DATE>TIMESTAMP':
      return (v) => v;
    case 'TIMESTAMP>DATE':
      return (v) => epochDay(v as number) * MS_PER_DAY;
    case 'TIMESTAMP>TIME':
      return (v) => msOfDay(v as number);
    // A TIME becomes a timestamp on 1970-01-01: a cast has no CURRENT_DATE at hand to put it on.
    case 'TIME>TIMESTAMP':
      return (v) => v;
    case 'INTERVAL_DAY_SECOND>BIGINT':
    case 'INTERVAL_DAY_SECOND>DECIMAL':
    case 'INTERVAL_YEAR_MONTH>BIGINT':
    case 'INTERVAL_YEAR_MONTH>DECIMAL':
      return (v) => v;
    default:
      return undefined;
  }
}
