import { SqlRuntimeError } from '../errors.js';

/**
 * java.text.SimpleDateFormat as KDA runs it: Locale US, time zone UTC, non-lenient parsing (the SR: every element
 * must be in range, "dd cannot be 30 or 31 when MM is 2"). Letters G y Y M L w W D d F E u a H k K h m s S z Z X,
 * quoting with '…' and '' , padding by letter count, text forms for MMM/MMMM, EEE/EEEE, a, G, z.
 * Week fields follow US rules (weeks start on Sunday, week 1 is the week holding January 1).
 * Compiled patterns are cached by pattern string.
 */

export type Token = { readonly lit: string } | { readonly ch: string; readonly count: number };

export interface CompiledDatePattern {
  readonly pattern: string;
  readonly tokens: ReadonlyArray<Token>;
}

const PATTERN_LETTERS = 'GyYMLwWDdFEuaHkKhmsSzZX';
export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
export const SHORT_MONTHS = MONTHS.map((m) => m.slice(0, 3));
export const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
export const SHORT_DAYS = DAYS.map((d) => d.slice(0, 3));

const cache = new Map<string, CompiledDatePattern>();
const CACHE_LIMIT = 512;

function patternError(message: string): SqlRuntimeError {
  return new SqlRuntimeError('Illegal date format', message);
}

/** Tokenises a SimpleDateFormat pattern (cached). Throws SqlRuntimeError for illegal letters or open quotes. */
export function compileDatePattern(pattern: string): CompiledDatePattern {
  const hit = cache.get(pattern);
  if (hit) return hit;
  const tokens: Token[] = [];
  let lit = '';
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === "'") {
      if (pattern[i + 1] === "'") {
        lit += "'";
        i += 2;
        continue;
      }
      const end = findQuoteEnd(pattern, i + 1);
      if (end < 0) throw patternError(`Unterminated quote in date format '${pattern}'`);
      lit += pattern.slice(i + 1, end).replace(/''/g, "'");
      i = end + 1;
      continue;
    }
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      if (!PATTERN_LETTERS.includes(c)) throw patternError(`Illegal pattern character '${c}' in date format '${pattern}'`);
      let j = i + 1;
      while (pattern[j] === c) j++;
      if (lit) tokens.push({ lit });
      lit = '';
      tokens.push({ ch: c, count: j - i });
      i = j;
      continue;
    }
    lit += c;
    i++;
  }
  if (lit) tokens.push({ lit });
  const compiled = { pattern, tokens };
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(pattern, compiled);
  return compiled;
}

function findQuoteEnd(p: string, from: number): number {
  for (let i = from; i < p.length; i++) {
    if (p[i] === "'") {
      if (p[i + 1] === "'") i++;
      else return i;
    }
  }
  return -1;
}
