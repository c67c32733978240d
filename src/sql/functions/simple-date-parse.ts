import { MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE, MS_PER_SECOND, dayOfWeek, daysFromCivil, daysInMonth, isLeapYear } from './civil-time.js';
import { DAYS, MONTHS, SHORT_DAYS, SHORT_MONTHS, type CompiledDatePattern, type Token } from './simple-date-pattern.js';

/**
 * Parsing with a compiled SimpleDateFormat pattern the way KDA's JDK does it with setLenient(false): blanks skipped
 * before each field, abutting numeric fields read by their letter count, names matched case-insensitively, fields
 * range-checked, then resolved to UTC epoch ms (defaults 1970-01-01 00:00:00.000). Checked case by case against a JDK.
 */

/** Fields gathered while parsing; unset fields take SimpleDateFormat's defaults (1970-01-01 00:00:00.000). */
interface Parsed {
  era?: number;
  year?: number;
  month?: number;
  day?: number;
  dayOfYear?: number;
  dow?: number;
  ampm?: number;
  hour24?: number;
  hour12?: number;
  minute?: number;
  second?: number;
  milli?: number;
  offsetMs?: number;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

const NUMERIC_LETTERS = 'yYwWDdFuHkKhmsS';

function isNumericToken(t: Token | undefined): boolean {
  if (!t || 'lit' in t) return false;
  return NUMERIC_LETTERS.includes(t.ch) || ((t.ch === 'M' || t.ch === 'L') && t.count <= 2);
}

/** Case-insensitive longest match of one of `names` at `pos`; returns [index, length] or undefined. */
function matchName(text: string, pos: number, names: ReadonlyArray<string>): [number, number] | undefined {
  let best: [number, number] | undefined;
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    if (best && name.length <= best[1]) continue;
    if (text.length - pos >= name.length && text.substr(pos, name.length).toLowerCase() === name.toLowerCase()) best = [i, name.length];
  }
  return best;
}

const ZONE_OFFSETS: Readonly<Record<string, number>> = {
  UTC: 0, GMT: 0, UT: 0, Z: 0, EST: -5, EDT: -4, CST: -6, CDT: -5, MST: -7, MDT: -6, PST: -8, PDT: -7,
  CET: 1, CEST: 2, BST: 1, IST: 5.5, JST: 9, AEST: 10,
};

/** Parses `+hh[:]mm`, `+hh`, `GMT+h:mm`, `Z`, or a zone abbreviation at `pos`; returns [offsetMs, length]. */
function parseZone(text: string, pos: number, letter: string): [number, number] | undefined {
  let p = pos;
  if (letter === 'X' && (text[p] === 'Z' || text[p] === 'z')) return [0, 1];
  let base = 0;
  const gmt = /^(GMT|UTC|UT)/i.exec(text.slice(p, p + 3));
  if (gmt) {
    p += gmt[0].length;
    if (text[p] !== '+' && text[p] !== '-') return [0, p - pos];
  }
  const sign = text[p];
  if (sign === '+' || sign === '-') {
    const m = /^(\d{1,2})(?::?(\d{2}))?/.exec(text.slice(p + 1, p + 6));
    if (!m) return undefined;
    const mins = Number(m[1]) * 60 + Number(m[2] ?? 0);
    if (Number(m[1]) > 23 || Number(m[2] ?? 0) > 59) return undefined;
    base = (sign === '-' ? -1 : 1) * mins * MS_PER_MINUTE;
    return [base, p + 1 + m[0].length - pos];
  }
  const word = /^[A-Za-z]+/.exec(text.slice(pos, pos + 5));
  if (word) {
    for (let len = word[0].length; len > 1; len--) {
      const h = ZONE_OFFSETS[word[0].slice(0, len).toUpperCase()];
      if (h !== undefined) return [h * MS_PER_HOUR, len];
    }
  }
  return undefined;
}

/**
 * Parses `text` from its start with a SimpleDateFormat pattern, non-leniently; trailing text is ignored, as in
 * `DateFormat.parse(String)`. Returns epoch ms (UTC), or undefined when the text does not fit the pattern.
 */
export function parseDatePattern(compiled: CompiledDatePattern, text: string): number | undefined {
  const f: Parsed = {};
  const tokens = compiled.tokens;
  let pos = 0;
  for (let ti = 0; ti < tokens.length; ti++) {
    const t = tokens[ti]!;
    if ('lit' in t) {
      if (!text.startsWith(t.lit, pos)) return undefined;
      pos += t.lit.length;
      continue;
    }
    // Java skips blanks before every field.
    while (pos < text.length && (text[pos] === ' ' || text[pos] === '\t')) pos++;
    if (pos >= text.length) return undefined;
    if (isNumericToken(t)) {
      // Abutting fields (no literal in between) read exactly `count` digits, as Java's obeyCount does.
      const next = tokens[ti + 1];
      const obeyCount = next !== undefined && !('lit' in next);
      const limit = obeyCount ? Math.min(text.length, pos + t.count) : text.length;
      let end = pos;
      let value = 0;
      for (let c = text.charCodeAt(end); end < limit && isDigit(c); c = text.charCodeAt(++end)) value = value * 10 + (c - 48);
      if (end === pos) return undefined;
      if (!setNumeric(f, t.ch, t.count, value, end - pos)) return undefined;
      pos = end;
      continue;
    }
    switch (t.ch) {
      case 'M':
      case 'L': {
        const m = matchName(text, pos, MONTHS) ?? matchName(text, pos, SHORT_MONTHS);
        if (!m) return undefined;
        f.month = m[0] + 1;
        pos += m[1];
        break;
      }
      case 'E': {
        const m = matchName(text, pos, DAYS) ?? matchName(text, pos, SHORT_DAYS);
        if (!m) return undefined;
        f.dow = m[0] + 1;
        pos += m[1];
        break;
      }
      case 'a': {
        const m = matchName(text, pos, ['AM', 'PM']);
        if (!m) return undefined;
        f.ampm = m[0];
        pos += m[1];
        break;
      }
      case 'G': {
        const m = matchName(text, pos, ['BC', 'AD']);
        if (!m) return undefined;
        f.era = m[0];
        pos += m[1];
        break;
      }
      case 'z':
      case 'Z':
      case 'X': {
        const z = parseZone(text, pos, t.ch);
        if (!z) return undefined;
        f.offsetMs = z[0];
        pos += z[1];
        break;
      }
    }
  }
  return resolve(f);
}

/** Two-digit years map into the 100 years starting 80 years before now (SimpleDateFormat's default century). */
function twoDigitYear(yy: number): number {
  const now = new Date().getUTCFullYear();
  const start = now - 80;
  let y = Math.floor(start / 100) * 100 + yy;
  if (y < start) y += 100;
  return y;
}

function setNumeric(f: Parsed, ch: string, count: number, value: number, digits: number): boolean {
  switch (ch) {
    case 'y':
    case 'Y':
      // 'y' or 'yy' reading exactly two digits picks the year in the century window, as SimpleDateFormat does
      // (checked against the JDK). The SR's template table claims 'MMM dd,y' reads '10' as the year 0010; KDA runs
      // SimpleDateFormat, which gives 2010, so the JDK wins.
      f.year = count <= 2 && digits === 2 ? twoDigitYear(value) : value;
      return true;
    case 'M':
    case 'L':
      f.month = value;
      return value >= 1 && value <= 12;
    case 'd':
      f.day = value;
      return value >= 1 && value <= 31;
    case 'D':
      f.dayOfYear = value;
      return value >= 1 && value <= 366;
    case 'u':
      if (value < 1 || value > 7) return false;
      f.dow = (value % 7) + 1;
      return true;
    case 'H':
      f.hour24 = value;
      return value <= 23;
    case 'k':
      f.hour24 = value === 24 ? 0 : value;
      return value >= 1 && value <= 24;
    case 'K':
      f.hour12 = value;
      return value <= 11;
    case 'h':
      f.hour12 = value === 12 ? 0 : value;
      return value >= 1 && value <= 12;
    case 'm':
      f.minute = value;
      return value <= 59;
    case 's':
      f.second = value;
      return value <= 59;
    case 'S':
      f.milli = value;
      return value <= 999;
    default:
      // w, W, F: parsed and range-checked loosely, not used to resolve the date.
      return value >= 0 && value <= 53;
  }
}

function resolve(f: Parsed): number | undefined {
  let year = f.year ?? 1970;
  if (f.era === 0) year = 1 - year;
  if (f.year !== undefined && f.year < 1) return undefined;
  let days: number;
  if (f.month === undefined && f.day === undefined && f.dayOfYear !== undefined) {
    if (f.dayOfYear > (isLeapYear(year) ? 366 : 365)) return undefined;
    days = daysFromCivil(year, 1, 1) + f.dayOfYear - 1;
  } else if (f.day === undefined && f.dow !== undefined) {
    // A day name without a day of month: Calendar resolves it as the first such weekday of the month.
    const first = daysFromCivil(year, f.month ?? 1, 1);
    days = first + ((f.dow - dayOfWeek(first) + 7) % 7);
  } else {
    const month = f.month ?? 1;
    const day = f.day ?? 1;
    if (day > daysInMonth(year, month)) return undefined;
    days = daysFromCivil(year, month, day);
  }
  // Non-lenient Calendar rejects a day name that disagrees with the date.
  if (f.dow !== undefined && (f.day !== undefined || f.dayOfYear !== undefined) && dayOfWeek(days) !== f.dow) return undefined;
  let hour = f.hour24 ?? 0;
  if (f.hour24 === undefined && (f.hour12 !== undefined || f.ampm !== undefined)) hour = (f.hour12 ?? 0) + (f.ampm === 1 ? 12 : 0);
  return (
    days * MS_PER_DAY +
    hour * MS_PER_HOUR +
    (f.minute ?? 0) * MS_PER_MINUTE +
    (f.second ?? 0) * MS_PER_SECOND +
    (f.milli ?? 0) -
    (f.offsetMs ?? 0)
  );
}
