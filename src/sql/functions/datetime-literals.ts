import { SqlRuntimeError } from '../errors.js';
import {
  MS_PER_DAY,
  MS_PER_HOUR,
  MS_PER_MINUTE,
  MS_PER_SECOND,
  civilFromDays,
  daysFromCivil,
  daysInMonth,
  epochDay,
  msOfDay,
} from './civil-time.js';

/**
 * The fixed textual forms of DATE, TIME and TIMESTAMP used by literals, CAST and JSON/CSV ingest:
 * `yyyy-MM-dd`, `HH:mm:ss[.fff]`, `yyyy-MM-dd HH:mm:ss[.fff]`. Ingest also sees ISO-8601 with a `T` and
 * microseconds (`2018-05-09T12:50:41.337510`); fractions beyond milliseconds are truncated.
 */

const DATE_RE = /^\s*([+-]?\d{1,9})-(\d{1,2})-(\d{1,2})\s*$/;
const TIME_RE = /^\s*(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d*))?)?\s*$/;
const TIMESTAMP_RE = /^\s*([+-]?\d{1,9})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d*))?)?)?\s*$/;

function fractionToMs(frac: string | undefined): number {
  if (!frac) return 0;
  return Number((frac + '00').slice(0, 3));
}

function badFormat(type: string, text: string): SqlRuntimeError {
  return new SqlRuntimeError('Conversion error', `Cannot convert '${text}' to ${type}`);
}

function checkedDays(type: string, text: string, y: string, m: string, d: string): number {
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) throw badFormat(type, text);
  return daysFromCivil(year, month, day);
}

function checkedTime(type: string, text: string, h: string, mi: string, s: string | undefined, f: string | undefined): number {
  const hour = Number(h);
  const minute = Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (hour > 23 || minute > 59 || second > 59) throw badFormat(type, text);
  return hour * MS_PER_HOUR + minute * MS_PER_MINUTE + second * MS_PER_SECOND + fractionToMs(f);
}

/** `yyyy-MM-dd` → DATE (epoch ms at UTC midnight). A timestamp string is accepted and its time dropped. */
export function parseDate(text: string): number {
  const m = DATE_RE.exec(text);
  if (m) return checkedDays('DATE', text, m[1]!, m[2]!, m[3]!) * MS_PER_DAY;
  const ts = TIMESTAMP_RE.exec(text);
  if (ts) return checkedDays('DATE', text, ts[1]!, ts[2]!, ts[3]!) * MS_PER_DAY;
  throw badFormat('DATE', text);
}

/** `HH:mm[:ss[.fff]]` → TIME (ms of day). */
export function parseTime(text: string): number {
  const m = TIME_RE.exec(text);
  if (!m) throw badFormat('TIME', text);
  return checkedTime('TIME', text, m[1]!, m[2]!, m[3], m[4]);
}

/** `yyyy-MM-dd[( |T)HH:mm[:ss[.f…]]]` → TIMESTAMP (epoch ms). */
export function parseTimestamp(text: string): number {
  const m = TIMESTAMP_RE.exec(text);
  if (!m) throw badFormat('TIMESTAMP', text);
  const days = checkedDays('TIMESTAMP', text, m[1]!, m[2]!, m[3]!);
  const time = m[4] === undefined ? 0 : checkedTime('TIMESTAMP', text, m[4], m[5]!, m[6], m[7]);
  return days * MS_PER_DAY + time;
}

function pad(n: number, width: number): string {
  const s = String(Math.abs(n));
  const padded = s.length >= width ? s : '0'.repeat(width - s.length) + s;
  return n < 0 ? '-' + padded : padded;
}

export function formatDate(ms: number): string {
  const { year, month, day } = civilFromDays(epochDay(ms));
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

function formatClock(ms: number, alwaysFraction: boolean): string {
  const h = Math.floor(ms / MS_PER_HOUR);
  const mi = Math.floor((ms % MS_PER_HOUR) / MS_PER_MINUTE);
  const s = Math.floor((ms % MS_PER_MINUTE) / MS_PER_SECOND);
  const f = ms % MS_PER_SECOND;
  const base = `${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}`;
  if (f === 0) return alwaysFraction ? base + '.0' : base;
  return `${base}.${pad(f, 3).replace(/0+$/, '')}`;
}

/** TIME as `HH:mm:ss`, with the milliseconds only when there are some. */
export function formatTime(msOfDayValue: number): string {
  return formatClock(msOfDayValue, false);
}

/**
 * TIMESTAMP as KDA prints it in results and CAST: `yyyy-MM-dd HH:mm:ss.S` in the java.sql.Timestamp style
 * (fraction with trailing zeros removed, at least one digit): `2018-11-01 01:00:00.0`, `… 01:00:00.25`.
 */
export function formatTimestamp(ms: number): string {
  return `${formatDate(ms)} ${formatClock(msOfDay(ms), true)}`;
}

/** INTERVAL DAY TO SECOND as `[-]d hh:mm:ss.fff` (SQL standard layout). */
export function formatDaySecondInterval(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  let rest = Math.abs(ms);
  const days = Math.floor(rest / MS_PER_DAY);
  rest -= days * MS_PER_DAY;
  const h = Math.floor(rest / MS_PER_HOUR);
  const mi = Math.floor((rest % MS_PER_HOUR) / MS_PER_MINUTE);
  const s = Math.floor((rest % MS_PER_MINUTE) / MS_PER_SECOND);
  const f = rest % MS_PER_SECOND;
  return `${sign}${days} ${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}.${pad(f, 3)}`;
}

/** INTERVAL YEAR TO MONTH as `[-]y-m`. */
export function formatYearMonthInterval(months: number): string {
  const sign = months < 0 ? '-' : '';
  const abs = Math.abs(months);
  return `${sign}${Math.floor(abs / 12)}-${abs % 12}`;
}

const DAY_SECOND_RE = /^\s*([+-])?\s*(?:(\d+)\s+)?(\d+)(?::(\d+))?(?::(\d+))?(?:\.(\d*))?\s*$/;

/**
 * A day-time interval string in its most common forms, `'d hh:mm:ss.fff'`, `'hh:mm:ss'`, or a plain number of
 * `unit`s (`'10'` with unit SECOND) → milliseconds. Used by CAST(varchar AS INTERVAL …) and interval literals.
 */
export function parseDaySecondInterval(text: string, unit: 'DAY' | 'HOUR' | 'MINUTE' | 'SECOND' = 'SECOND'): number {
  const m = DAY_SECOND_RE.exec(text);
  if (!m) throw badFormat('INTERVAL', text);
  const sign = m[1] === '-' ? -1 : 1;
  const parts = [m[2], m[3], m[4], m[5]].filter((p): p is string => p !== undefined).map(Number);
  const frac = fractionToMs(m[6]);
  const unitMs = { DAY: MS_PER_DAY, HOUR: MS_PER_HOUR, MINUTE: MS_PER_MINUTE, SECOND: MS_PER_SECOND }[unit];
  let ms: number;
  if (m[2] !== undefined) {
    // 'd h[:m[:s]]'
    const [d = 0, h = 0, mi = 0, s = 0] = parts;
    ms = d * MS_PER_DAY + h * MS_PER_HOUR + mi * MS_PER_MINUTE + s * MS_PER_SECOND;
  } else if (parts.length === 1) {
    ms = parts[0]! * unitMs + (unit === 'SECOND' ? frac : 0);
    return sign * ms;
  } else {
    // 'a:b[:c]' read from the leading unit downwards
    const scale = [MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE, MS_PER_SECOND];
    const start = unit === 'DAY' ? 0 : unit === 'HOUR' ? 1 : unit === 'MINUTE' ? 2 : 1;
    ms = parts.reduce((acc, p, i) => acc + p * scale[Math.min(start + i, 3)]!, 0);
  }
  return sign * (ms + frac);
}
