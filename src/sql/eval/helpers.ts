/**
 * The row-level operations behind `strict` expression nodes, shared by the interpreter and the code generator so
 * both evaluate with the same KDA semantics: integer arithmetic truncates and fails on overflow, DECIMAL rounds to
 * its scale, division by zero fails even for REAL/DOUBLE, time arithmetic is on epoch milliseconds.
 * Arguments are never NULL here (the evaluators short-circuit NULLs).
 */
import { SqlRuntimeError } from '../errors.js';
import { addMonths, civilFromDays, epochDay, MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE, MS_PER_SECOND, daysFromCivil } from '../functions/civil-time.js';
import { roundHalfUp } from '../functions/conversions.js';
import { extractFromDatetime, extractFromDaySecondInterval, extractFromYearMonthInterval } from '../functions/datetime-units.js';
import { likeToRegex, similarToRegex } from '../functions/sql-patterns.js';

function overflow(value: number, type: string): SqlRuntimeError {
  return new SqlRuntimeError('Overflow', `Value ${value} is out of range for ${type}`);
}

function divisionByZero(): SqlRuntimeError {
  return new SqlRuntimeError('Division by zero', 'Division by zero');
}

function checkInt(v: number, lo: number, hi: number, type: string): number {
  if (v < lo || v > hi || !Number.isFinite(v)) throw overflow(v, type);
  return v;
}

const UNIT_MS: Record<string, number> = { DAY: MS_PER_DAY, HOUR: MS_PER_HOUR, MINUTE: MS_PER_MINUTE, SECOND: MS_PER_SECOND, MILLISECOND: 1 };

export const helpers = {
  // ---- exact integers (TINYINT … BIGINT): range-checked, `/` truncates
  addI: (a: number, b: number, lo: number, hi: number, t: string): number => checkInt(a + b, lo, hi, t),
  subI: (a: number, b: number, lo: number, hi: number, t: string): number => checkInt(a - b, lo, hi, t),
  mulI: (a: number, b: number, lo: number, hi: number, t: string): number => checkInt(a * b, lo, hi, t),
  divI: (a: number, b: number, lo: number, hi: number, t: string): number => {
    if (b === 0) throw divisionByZero();
    return checkInt(Math.trunc(a / b), lo, hi, t);
  },
  negI: (a: number, lo: number, hi: number, t: string): number => checkInt(-a, lo, hi, t),
  // ---- approximate (DOUBLE; REAL results go through Math.fround)
  addF: (a: number, b: number): number => a + b,
  subF: (a: number, b: number): number => a - b,
  mulF: (a: number, b: number): number => a * b,
  divF: (a: number, b: number): number => {
    if (b === 0) throw divisionByZero();
    return a / b;
  },
  negF: (a: number): number => -a,
  addR: (a: number, b: number): number => Math.fround(a + b),
  subR: (a: number, b: number): number => Math.fround(a - b),
  mulR: (a: number, b: number): number => Math.fround(a * b),
  divR: (a: number, b: number): number => {
    if (b === 0) throw divisionByZero();
    return Math.fround(a / b);
  },
  // ---- DECIMAL(p, s): the result rounded half-up to its scale, overflow past its precision
  addD: (a: number, b: number, scale: number, limit: number): number => checkDec(snap(a + b, scale), limit),
  subD: (a: number, b: number, scale: number, limit: number): number => checkDec(snap(a - b, scale), limit),
  mulD: (a: number, b: number, scale: number, limit: number): number => checkDec(snap(a * b, scale), limit),
  divD: (a: number, b: number, scale: number, limit: number): number => {
    if (b === 0) throw divisionByZero();
    return checkDec(roundHalfUp(a / b, scale), limit);
  },
  // ---- datetime and interval arithmetic
  /** TIMESTAMP ± day-time interval, interval ± interval: plain milliseconds. */
  addMs: (a: number, b: number): number => a + b,
  subMs: (a: number, b: number): number => a - b,
  /** DATE ± interval stays on a day boundary. */
  dateAddMs: (a: number, b: number): number => Math.floor((a + b) / MS_PER_DAY) * MS_PER_DAY,
  /** TIME ± interval wraps around midnight. */
  timeAddMs: (a: number, b: number): number => (((a + b) % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY,
  /** TIMESTAMP/DATE ± year-month interval: calendar months, clamped to the month's last day. */
  addMonths: (ts: number, months: number): number => addMonths(ts, months),
  monthsBetween,
  /** interval × number, interval / number (day-time intervals are whole milliseconds). */
  ivMul: (iv: number, n: number): number => Math.round(iv * n),
  ivDiv: (iv: number, n: number): number => {
    if (n === 0) throw divisionByZero();
    return Math.round(iv / n);
  },
  // ---- strings, binary
  concat: (a: string, b: string): string => a + b,
  concatBin: (a: Uint8Array, b: Uint8Array): Uint8Array => {
    const out = new Uint8Array(a.length + b.length);
    out.set(a, 0);
    out.set(b, a.length);
    return out;
  },
  like: (s: string, pattern: string, escape?: string): boolean => likeToRegex(pattern, escape).test(s),
  similar: (s: string, pattern: string, escape?: string): boolean => similarToRegex(pattern, escape).test(s),
  // ---- comparison (numbers, strings by UTF-16 code units like Java, booleans false < true)
  eq: (a: unknown, b: unknown): boolean => a === b,
  ne: (a: unknown, b: unknown): boolean => a !== b,
  lt: (a: number | string, b: number | string): boolean => a < b,
  le: (a: number | string, b: number | string): boolean => a <= b,
  gt: (a: number | string, b: number | string): boolean => a > b,
  ge: (a: number | string, b: number | string): boolean => a >= b,
  cmpBin: (a: Uint8Array, b: Uint8Array, op: string): boolean => compareOp(compareBytes(a, b), op),
  /** CHAR(n) values are blank-padded: they compare with trailing blanks ignored (PAD SPACE). */
  cmpPad: (a: string, b: string, op: string): boolean => {
    const x = a.replace(/ +$/, '');
    const y = b.replace(/ +$/, '');
    return compareOp(x < y ? -1 : x > y ? 1 : 0, op);
  },
  // ---- conversions and access
  cast: (v: unknown, fn: (v: unknown) => unknown): unknown => fn(v),
  member: (row: Record<string, unknown>, field: string): unknown => row[field] ?? null,
  // ---- time bucketing and fields
  floorTo: (ts: number, unit: string): number => floorTo(ts, unit),
  ceilTo: (ts: number, unit: string): number => {
    const f = floorTo(ts, unit);
    if (f === ts) return ts;
    return unit === 'YEAR' ? addMonths(f, 12) : unit === 'MONTH' ? addMonths(f, 1) : f + UNIT_MS[unit]!;
  },
  /** STEP(ts BY interval): `((ts − epoch) / i) * i + epoch`, with floor so instants before 1970 bucket too. */
  stepMs: (ts: number, width: number): number => {
    if (width <= 0) throw new SqlRuntimeError('Invalid argument', `STEP width must be positive, got ${width}`);
    return Math.floor(ts / width) * width;
  },
  stepMonths: (ts: number, months: number): number => {
    if (months <= 0) throw new SqlRuntimeError('Invalid argument', `STEP width must be positive, got ${months}`);
    const { year, month } = civilFromDays(epochDay(ts));
    const index = (year - 1970) * 12 + (month - 1);
    const bucket = Math.floor(index / months) * months;
    return daysFromCivil(1970 + Math.floor(bucket / 12), (((bucket % 12) + 12) % 12) + 1, 1) * MS_PER_DAY;
  },
  /** STEP(n BY k) on numbers: `(n / k) * k` with integer division. */
  stepNum: (n: number, k: number): number => {
    if (k === 0) throw divisionByZero();
    return Math.trunc(n / k) * k;
  },
  extract: (v: number, unit: string, kind: string): number => extract(v, unit, kind),
};

export type Helpers = typeof helpers;

const POW10 = Array.from({ length: 20 }, (_, i) => 10 ** i);

/**
 * The exact result of +, − and × of DECIMALs has no more digits than the result scale, so the double only carries
 * binary noise: snapping to the nearest multiple of 10^-scale recovers it (no half-way cases to decide).
 */
function snap(x: number, scale: number): number {
  const f = POW10[scale]!;
  return Math.round(x * f) / f;
}

function checkDec(v: number, limit: number): number {
  if (Math.abs(v) >= limit) throw overflow(v, 'DECIMAL');
  return v;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

function compareOp(c: number, op: string): boolean {
  switch (op) {
    case '=':
      return c === 0;
    case '<>':
      return c !== 0;
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    default:
      return c >= 0;
  }
}

function floorTo(ts: number, unit: string): number {
  if (unit === 'YEAR' || unit === 'MONTH') {
    const { year, month } = civilFromDays(epochDay(ts));
    return daysFromCivil(year, unit === 'YEAR' ? 1 : month, 1) * MS_PER_DAY;
  }
  const u = UNIT_MS[unit]!;
  return Math.floor(ts / u) * u;
}

/**
 * `(t0 - t1) YEAR TO MONTH` / `MONTH`: the whole months from t1 to t0 (negative when t0 is earlier), counted the way
 * interval arithmetic adds them: the largest m with t1 + m months ≤ t0 (day clamped to the month's end, time of day
 * kept), so 2020-01-31 → 2020-03-01 is 1 month and 2020-01-20 → 2021-03-15 is 13.
 */
function monthsBetween(t0: number, t1: number): number {
  if (t0 < t1) return -monthsBetween(t1, t0);
  const a = civilFromDays(epochDay(t0));
  const b = civilFromDays(epochDay(t1));
  let m = (a.year - b.year) * 12 + (a.month - b.month);
  while (m > 0 && addMonths(t1, m) > t0) m--;
  return m;
}

/**
 * EXTRACT(unit FROM v): the same fields as the EXTRACT function (`functions/datetime-units.ts`), so SECOND keeps its
 * milliseconds (DECIMAL(5,3)) and interval fields keep the interval's sign.
 */
function extract(v: number, unit: string, kind: string): number {
  if (kind === 'INTERVAL_YEAR_MONTH') return extractFromYearMonthInterval(unit, v);
  if (kind === 'INTERVAL_DAY_SECOND') return extractFromDaySecondInterval(unit, v);
  return extractFromDatetime(unit, v);
}
