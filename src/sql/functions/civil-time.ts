/**
 * Calendar arithmetic on the engine's representations (UTC, proleptic Gregorian like java.util.Date after 1582;
 * KDA timestamps carry no time zone). Everything is integer math on epoch milliseconds: no Date objects on the hot path.
 */

export const MS_PER_SECOND = 1000;
export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of a civil date (month 1..12). Howard Hinnant's days_from_civil. */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/** Civil date of a day number (inverse of daysFromCivil). */
export function civilFromDays(days: number): CivilDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]!;
}

/** Day number of an epoch-ms instant (floor, so instants before 1970 land on the right day). */
export function epochDay(ms: number): number {
  return Math.floor(ms / MS_PER_DAY);
}

/** Milliseconds since midnight of an epoch-ms instant, 0..86399999. */
export function msOfDay(ms: number): number {
  return ms - epochDay(ms) * MS_PER_DAY;
}

/** Day of week of a day number: 1 = Sunday .. 7 = Saturday (java.util.Calendar numbering). */
export function dayOfWeek(days: number): number {
  // 1970-01-01 was a Thursday (5).
  return ((((days + 4) % 7) + 7) % 7) + 1;
}

/** Adds months to a civil date, clamping the day to the target month's length (as SQL interval arithmetic does). */
export function addMonths(ms: number, months: number): number {
  const days = epochDay(ms);
  const { year, month, day } = civilFromDays(days);
  const total = year * 12 + (month - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12 + 1;
  const nd = Math.min(day, daysInMonth(ny, nm));
  return daysFromCivil(ny, nm, nd) * MS_PER_DAY + (ms - days * MS_PER_DAY);
}
