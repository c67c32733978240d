import { MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE, MS_PER_SECOND, civilFromDays, dayOfWeek, daysFromCivil, epochDay } from './civil-time.js';
import { DAYS, MONTHS, SHORT_DAYS, SHORT_MONTHS, type CompiledDatePattern } from './simple-date-pattern.js';

/** Formatting with a compiled SimpleDateFormat pattern (Locale US, UTC); see simple-date-pattern.ts. */

export { compileDatePattern, type CompiledDatePattern } from './simple-date-pattern.js';
export { parseDatePattern } from './simple-date-parse.js';

function pad(n: number, width: number): string {
  const s = String(n);
  return s.length >= width ? s : '0'.repeat(width - s.length) + s;
}

/** US week-of-year and its week-based year (minimal days in first week = 1, weeks start Sunday). */
function weekOfYear(days: number, year: number): [week: number, weekYear: number] {
  const nextJan1 = daysFromCivil(year + 1, 1, 1);
  if (days >= nextJan1 - (dayOfWeek(nextJan1) - 1)) return [1, year + 1];
  const jan1 = daysFromCivil(year, 1, 1);
  const offset = dayOfWeek(jan1) - 1;
  return [Math.floor((days - jan1 + offset) / 7) + 1, year];
}

/** Formats an epoch-ms instant (UTC) with a SimpleDateFormat pattern. */
export function formatDatePattern(compiled: CompiledDatePattern, ms: number): string {
  const days = epochDay(ms);
  const { year, month, day } = civilFromDays(days);
  const inDay = ms - days * MS_PER_DAY;
  const hour = Math.floor(inDay / MS_PER_HOUR);
  let out = '';
  for (const t of compiled.tokens) {
    if ('lit' in t) {
      out += t.lit;
      continue;
    }
    const n = t.count;
    switch (t.ch) {
      case 'G':
        out += year > 0 ? 'AD' : 'BC';
        break;
      case 'y':
      case 'Y': {
        const y = t.ch === 'Y' ? weekOfYear(days, year)[1] : year;
        const shown = y > 0 ? y : 1 - y;
        out += n === 2 ? pad(shown % 100, 2) : pad(shown, n);
        break;
      }
      case 'M':
      case 'L':
        out += n >= 4 ? MONTHS[month - 1] : n === 3 ? SHORT_MONTHS[month - 1] : pad(month, n);
        break;
      case 'w':
        out += pad(weekOfYear(days, year)[0], n);
        break;
      case 'W': {
        const first = days - day + 1;
        out += pad(Math.floor((day - 1 + dayOfWeek(first) - 1) / 7) + 1, n);
        break;
      }
      case 'D':
        out += pad(days - daysFromCivil(year, 1, 1) + 1, n);
        break;
      case 'd':
        out += pad(day, n);
        break;
      case 'F':
        out += pad(Math.floor((day - 1) / 7) + 1, n);
        break;
      case 'E':
        out += n >= 4 ? DAYS[dayOfWeek(days) - 1] : SHORT_DAYS[dayOfWeek(days) - 1];
        break;
      case 'u':
        out += pad(((dayOfWeek(days) + 5) % 7) + 1, n);
        break;
      case 'a':
        out += hour < 12 ? 'AM' : 'PM';
        break;
      case 'H':
        out += pad(hour, n);
        break;
      case 'k':
        out += pad(hour === 0 ? 24 : hour, n);
        break;
      case 'K':
        out += pad(hour % 12, n);
        break;
      case 'h':
        out += pad(hour % 12 === 0 ? 12 : hour % 12, n);
        break;
      case 'm':
        out += pad(Math.floor((inDay % MS_PER_HOUR) / MS_PER_MINUTE), n);
        break;
      case 's':
        out += pad(Math.floor((inDay % MS_PER_MINUTE) / MS_PER_SECOND), n);
        break;
      case 'S':
        out += pad(inDay % MS_PER_SECOND, n);
        break;
      case 'z':
        out += n >= 4 ? 'Coordinated Universal Time' : 'UTC';
        break;
      case 'Z':
        out += '+0000';
        break;
      case 'X':
        out += 'Z';
        break;
    }
  }
  return out;
}
