/** LIKE and SIMILAR TO patterns translated to anchored JavaScript regular expressions (cached per pattern). */
import { SqlRuntimeError } from '../errors.js';

const cache = new Map<string, RegExp>();

function escapeRegex(ch: string): string {
  return /[\\^$.*+?()[\]{}|/-]/.test(ch) ? '\\' + ch : ch;
}

function checkEscape(escape: string | undefined): void {
  if (escape !== undefined && escape.length !== 1) {
    throw new SqlRuntimeError('Invalid escape character', `The escape string '${escape}' must be one character long`);
  }
}

/** `%` any run, `_` one character, the escape character makes the next one literal. */
export function likeRegex(pattern: string, escape?: string): RegExp {
  const key = 'L' + (escape ?? '') + '\u0000' + pattern;
  let re = cache.get(key);
  if (re) return re;
  checkEscape(escape);
  let src = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === escape) {
      const next = pattern[++i];
      if (next === undefined) throw new SqlRuntimeError('Invalid escape sequence', `LIKE pattern '${pattern}' ends with its escape character`);
      src += escapeRegex(next);
    } else if (ch === '%') src += '[\\s\\S]*';
    else if (ch === '_') src += '[\\s\\S]';
    else src += escapeRegex(ch);
  }
  re = new RegExp('^' + src + '$', 'u');
  remember(key, re);
  return re;
}

/**
 * SQL:2008 SIMILAR TO: `%` and `_` as in LIKE, and the regular-expression operators `| * + ? {m,n} ( ) [ ]`;
 * every other character, `.` included, is literal.
 */
export function similarRegex(pattern: string, escape?: string): RegExp {
  const key = 'S' + (escape ?? '') + '\u0000' + pattern;
  let re = cache.get(key);
  if (re) return re;
  checkEscape(escape);
  let src = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === escape) {
      const next = pattern[++i];
      if (next === undefined) throw new SqlRuntimeError('Invalid escape sequence', `SIMILAR TO pattern '${pattern}' ends with its escape character`);
      src += escapeRegex(next);
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      src += ch === '\\' ? '\\\\' : ch;
      continue;
    }
    switch (ch) {
      case '%':
        src += '[\\s\\S]*';
        break;
      case '_':
        src += '[\\s\\S]';
        break;
      case '[':
        inClass = true;
        src += ch;
        if (pattern[i + 1] === '^') src += pattern[++i];
        break;
      case '|':
      case '*':
      case '+':
      case '?':
      case '{':
      case '}':
      case '(':
      case ')':
        src += ch;
        break;
      default:
        src += escapeRegex(ch);
    }
  }
  try {
    re = new RegExp('^(?:' + src + ')$', 'u');
  } catch {
    throw new SqlRuntimeError('Invalid regular expression', `Invalid SIMILAR TO pattern '${pattern}'`);
  }
  remember(key, re);
  return re;
}

function remember(key: string, re: RegExp): void {
  if (cache.size > 10_000) cache.clear();
  cache.set(key, re);
}
