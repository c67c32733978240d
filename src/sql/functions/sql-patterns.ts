import { SqlRuntimeError } from '../errors.js';

/**
 * SQL pattern languages compiled to JavaScript RegExps (cached by pattern and escape): LIKE (`%`, `_`) and
 * SQL:2008 SIMILAR TO (`%`, `_`, `|`, `*`, `+`, `?`, `{m,n}`, `( )`, `[ ]`). Both must match the whole string.
 * The one translation of these patterns: the engine's LIKE / SIMILAR TO operators (`eval/helpers.ts`) and
 * SUBSTRING … SIMILAR both use it.
 */

const REGEX_SPECIAL = /[\\^$.*+?()[\]{}|/]/;

function escapeChar(c: string): string {
  return REGEX_SPECIAL.test(c) ? '\\' + c : c;
}

function checkEscape(escape: string | undefined): void {
  if (escape !== undefined && escape.length !== 1) {
    throw new SqlRuntimeError('Invalid escape character', `Invalid escape character '${escape}'`);
  }
}

const likeCache = new Map<string, RegExp>();
const similarCache = new Map<string, RegExp>();
const CACHE_LIMIT = 1024;

function cached(cache: Map<string, RegExp>, key: string, build: () => RegExp): RegExp {
  let re = cache.get(key);
  if (!re) {
    re = build();
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, re);
  }
  return re;
}

/** LIKE pattern → anchored RegExp. */
export function likeToRegex(pattern: string, escape?: string): RegExp {
  checkEscape(escape);
  return cached(likeCache, `${escape ?? ''}\u0000${pattern}`, () => {
    let src = '';
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern[i]!;
      if (c === escape) {
        const next = pattern[++i];
        if (next === undefined || (next !== '%' && next !== '_' && next !== escape)) {
          throw new SqlRuntimeError('Invalid escape sequence', `Invalid escape sequence in LIKE pattern '${pattern}'`);
        }
        src += escapeChar(next);
      } else if (c === '%') src += '[\\s\\S]*';
      else if (c === '_') src += '[\\s\\S]';
      else src += escapeChar(c);
    }
    return new RegExp(`^${src}$`, 'u');
  });
}

/** The regex source (not anchored) of a SIMILAR TO pattern fragment. */
export function similarFragment(pattern: string, escape?: string): string {
  checkEscape(escape);
  let src = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === escape) {
      const next = pattern[++i];
      if (next === undefined) throw new SqlRuntimeError('Invalid escape sequence', `Pattern '${pattern}' ends with the escape character`);
      src += escapeChar(next);
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      src += c === '\\' ? '\\\\' : c;
      continue;
    }
    switch (c) {
      case '%':
        src += '[\\s\\S]*';
        break;
      case '_':
        src += '[\\s\\S]';
        break;
      case '[':
        inClass = true;
        src += c;
        break;
      case '|':
      case '*':
      case '+':
      case '?':
      case '(':
      case ')':
      case '{':
      case '}':
        src += c;
        break;
      default:
        src += escapeChar(c);
    }
  }
  return src;
}

/** SIMILAR TO pattern → anchored RegExp. */
export function similarToRegex(pattern: string, escape?: string): RegExp {
  return cached(similarCache, `${escape ?? ''}\u0000${pattern}`, () => {
    try {
      return new RegExp(`^(?:${similarFragment(pattern, escape)})$`, 'u');
    } catch (e) {
      if (e instanceof SqlRuntimeError) throw e;
      throw new SqlRuntimeError('Invalid regular expression', `Invalid SIMILAR TO pattern '${pattern}'`);
    }
  });
}
