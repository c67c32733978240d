import { SqlRuntimeError } from '../errors.js';
import {
  MS_PER_DAY,
  MS_PER_HOUR,
  MS_PER_MINUTE,
  MS_PER_SECOND,
  addMonths,
  civilFromDays,
  dayOfWeek,
  daysFromCivil,
  epochDay,
} from './civil-time.js';

/**
 * FLOOR/CEIL(datetime TO unit), STEP(datetime BY interval) and EXTRACT(unit FROM datetime | interval) on the
 * engine's representations (epoch ms for TIMESTAMP and DATE, ms of day for TIME, ms or months for intervals).
 */

export type TimeUnit = 'YEAR' | 'QUARTER' | 'MONTH' | 'WEEK' | 'DAY' | 'HOUR' | 'MINUTE' | 'SECOND' | 'MILLISECOND';

const FIXED_UNIT_MS: Partial<Record<TimeUnit, number>> = {
  DAY: MS_PER_DAY,
  HOUR: MS_PER_HOUR,
  MINUTE: MS_PER_MINUTE,
  SECOND: MS_PER_SECOND,
  MILLISECOND: 1,
};

function badUnit(unit: string): SqlRuntimeError {
  return new SqlRuntimeError('Invalid time unit', `Invalid time unit '${unit}'`);
}

/** Rounds an epoch-ms (or ms-of-day) value down to the start of its unit. */
export function floorToUnit(ms: number, unit: string): number {
  const fixed = FIXED_UNIT_MS[unit as TimeUnit];
  if (fixed !== undefined) return Math.floor(ms / fixed) * fixed;
  const days = epochDay(ms);
  const { year, month } = civilFromDays(days);
  switch (unit) {
    case 'YEAR':
      return daysFromCivil(year, 1, 1) * MS_PER_DAY;
    case 'QUARTER':
      return daysFromCivil(year, month - ((month - 1) % 3), 1) * MS_PER_DAY;
    case 'MONTH':
      return daysFromCivil(year, month, 1) * MS_PER_DAY;
    case 'WEEK':
      // Weeks start on Sunday (US locale, as KDA's Java runtime).
      return (days - (dayOfWeek(days) - 1)) * MS_PER_DAY;
    default:
      throw badUnit(unit);
  }
}

/** Rounds up to the next unit boundary (unchanged when already on one). */
export function ceilToUnit(ms: number, unit: string): number {
  const floor = floorToUnit(ms, unit);
  if (floor === ms) return ms;
  const fixed = FIXED_UNIT_MS[unit as TimeUnit];
  if (fixed !== undefined) return floor + fixed;
  switch (unit) {
    case 'YEAR':
      return addMonths(floor, 12);
    case 'QUARTER':
      return addMonths(floor, 3);
    case 'MONTH':
      return addMonths(floor, 1);
    default:
      return floor + 7 * MS_PER_DAY;
  }
}

/** STEP(ts BY INTERVAL day-time): the largest multiple of the interval since the epoch that is ≤ ts. */
export function stepByMillis(ms: number, intervalMs: number): number {
  if (intervalMs <= 0) throw new SqlRuntimeError('Invalid argument', `STEP interval must be positive`);
  return Math.floor(ms / intervalMs) * intervalMs;
}

/** STEP(ts BY INTERVAL year-month): rounds down to a multiple of `months` months since 1970-01. */
export function stepByMonths(ms: number, months: number): number {
  if (months <= 0) throw new SqlRuntimeError('Invalid argument', `STEP interval must be positive`);
  const { year, month } = civilFromDays(epochDay(ms));
  const index = (year - 1970) * 12 + (month - 1);
  const stepped = Math.floor(index / months) * months;
  return daysFromCivil(1970 + Math.floor(stepped / 12), (((stepped % 12) + 12) % 12) + 1, 1) * MS_PER_DAY;
}

/** EXTRACT(unit FROM timestamp | date | time). TIME values are ms of day on 1970-01-01. */
export function extractFromDatetime(unit: string, ms: number): number {
  const days = epochDay(ms);
  const inDay = ms - days * MS_PER_DAY;
  switch (unit) {
    case 'YEAR':
      return civilFromDays(days).year;
    case 'QUARTER':
      return Math.floor((civilFromDays(days).month - 1) / 3) + 1;
    case 'MONTH':
      return civilFromDays(days).month;
    case 'DAY':
      return civilFromDays(days).day;
    case 'DOW':
      return dayOfWeek(days);
    case 'DOY': {
      const { year } = civilFromDays(days);
      return days - daysFromCivil(year, 1, 1) + 1;
    }
    case 'HOUR':
      return Math.floor(inDay / MS_PER_HOUR);
    case 'MINUTE':
      return Math.floor((inDay % MS_PER_HOUR) / MS_PER_MINUTE);
    case 'SECOND':
      // DECIMAL(5,3): the SR's EXTRACT returns the seconds with their milliseconds.
      return (inDay % MS_PER_MINUTE) / MS_PER_SECOND;
    case 'MILLISECOND':
      return inDay % MS_PER_MINUTE;
    case 'EPOCH':
      return Math.floor(ms / MS_PER_SECOND);
    default:
      throw badUnit(unit);
  }
}

/** EXTRACT(unit FROM day-time interval in ms): the field of the normalised interval, with the interval's sign. */
export function extractFromDaySecondInterval(unit: string, ms: number): number {
  const sign = ms < 0 ? -1 : 1;
  const abs = Math.abs(ms);
  let v: number;
  switch (unit) {
    case 'DAY':
      v = Math.floor(abs / MS_PER_DAY);
      break;
    case 'HOUR':
      v = Math.floor((abs % MS_PER_DAY) / MS_PER_HOUR);
      break;
    case 'MINUTE':
      v = Math.floor((abs % MS_PER_HOUR) / MS_PER_MINUTE);
      break;
    case 'SECOND':
      v = (abs % MS_PER_MINUTE) / MS_PER_SECOND;
      break;
    case 'MILLISECOND':
      v = abs % MS_PER_MINUTE;
      break;
    default:
      throw badUnit(unit);
  }
  return v === 0 ? 0 : sign * v;
}

/** EXTRACT(YEAR | MONTH FROM year-month interval in months). */
export function extractFromYearMonthInterval(unit: string, months: number): number {
  const sign = months < 0 ? -1 : 1;
  const abs = Math.abs(months);
  let v: number;
  if (unit === 'YEAR') v = Math.floor(abs / 12);
  else if (unit === 'MONTH') v = abs % 12;
  else throw badUnit(unit);
  return v === 0 ? 0 : sign * v;
}
