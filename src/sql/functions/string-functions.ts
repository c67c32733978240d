import { SqlRuntimeError } from '../errors.js';
import type { SqlType } from '../types.js';
import type { ScalarFunctionDef } from './definition.js';
import { compileJavaRegex } from './java-regex.js';
import { isNull, strict1 } from './nulls.js';
import { similarFragment } from './sql-patterns.js';
import { anyNullable, cannotApply, isBinary, isCharacter, isIntegral, requireArgs, sqlType } from './type-rules.js';

/** KDA SR "String and Search Functions": CHAR_LENGTH, INITCAP, LOWER, UPPER, OVERLAY, POSITION, SUBSTRING, TRIM. */

function varcharLike(argTypes: SqlType[], precision?: number): SqlType {
  const first = argTypes[0];
  const p = precision ?? first?.precision;
  return sqlType('VARCHAR', anyNullable(argTypes), p);
}

function charLength(name: string): ScalarFunctionDef {
  return {
    name,
    minArgs: 1,
    maxArgs: 1,
    returnType(argTypes) {
      requireArgs(name, argTypes, [isCharacter], `${name}(<CHARACTER>)`);
      return sqlType('INTEGER', anyNullable(argTypes));
    },
    impl: strict1((s: string) => s.length),
  };
}

function caseMapping(name: string, map: (s: string) => string): ScalarFunctionDef {
  return {
    name,
    minArgs: 1,
    maxArgs: 1,
    returnType(argTypes) {
      requireArgs(name, argTypes, [isCharacter], `${name}(<CHARACTER>)`);
      return varcharLike(argTypes);
    },
    impl: strict1(map),
  };
}

const WHITESPACE = /\s/;

/** First letter of each blank-delimited word upper-cased, every other letter lower-cased. */
export function initcap(s: string): string {
  let out = '';
  let startOfWord = true;
  for (const ch of s) {
    if (WHITESPACE.test(ch)) {
      out += ch;
      startOfWord = true;
    } else {
      out += startOfWord ? ch.toUpperCase() : ch.toLowerCase();
      startOfWord = false;
    }
  }
  return out;
}

/**
 * POSITION(needle IN haystack [FROM start]): 1-based index of the first occurrence at or after `start`, 0 when
 * absent; an empty needle is found at the start position.
 */
export function position(needle: string, haystack: string, start = 1): number {
  if (start > haystack.length + 1) return 0;
  return haystack.indexOf(needle, Math.max(0, start - 1)) + 1;
}

/**
 * OVERLAY(s PLACING r FROM start [FOR len]); len defaults to the length of r. The SR departs from SQL:2008 for a
 * start below 1: the replacement still covers positions start … start+len−1, so its first (1 − start) characters
 * land before the original ('12345' PLACING 'foo' FROM 0 → 'foo345'). A negative length is an error.
 */
export function overlay(s: string, r: string, start: number, len?: number): string {
  const l = len === undefined ? r.length : len;
  if (l < 0) throw new SqlRuntimeError('Invalid argument', `OVERLAY length ${l} is negative`);
  return s.slice(0, Math.max(0, start - 1)) + r + s.slice(Math.max(0, start - 1 + l));
}

/**
 * SUBSTRING(s FROM start [FOR len]) on strings or binaries. A start below 1 shortens the length by (1 − start);
 * a start past the end or a length of 0 gives ''. A negative length is an error (SQL:2008).
 */
export function substringByPosition<T extends string | Uint8Array>(s: T, start: number, len?: number): T {
  let from = start;
  let count = len === undefined ? Infinity : len;
  if (count < 0) throw new SqlRuntimeError('Invalid argument', `SUBSTRING length ${count} is negative`);
  if (from < 1) {
    count -= 1 - from;
    from = 1;
  }
  const begin = from - 1;
  const end = count === Infinity ? s.length : Math.max(begin, Math.min(s.length, begin + count));
  if (begin >= s.length) return (typeof s === 'string' ? '' : new Uint8Array(0)) as T;
  return (typeof s === 'string' ? s.slice(begin, end) : (s as Uint8Array).slice(begin, end)) as T;
}

/** SUBSTRING(s FROM regex [FOR len]): the first match of the Java regex (cut to len), NULL when nothing matches. */
export function substringByRegex(s: string, regex: string, len?: number): string | null {
  const re = compileJavaRegex(regex).find;
  re.lastIndex = 0;
  const m = re.exec(s);
  if (!m) return null;
  return len === undefined ? m[0] : substringByPosition(m[0], 1, len);
}

const similarSubstringCache = new Map<string, RegExp>();

/** SUBSTRING(s SIMILAR 'r1<esc>"r2<esc>"r3' ESCAPE esc): the part matching r2 when the whole string matches. */
export function substringSimilar(s: string, pattern: string, escape: string): string | null {
  if (escape.length !== 1) throw new SqlRuntimeError('Invalid escape character', `ESCAPE must be one character, got '${escape}'`);
  const marker = escape + '"';
  const parts = pattern.split(marker);
  if (parts.length !== 3) throw new SqlRuntimeError('Invalid argument', `SUBSTRING SIMILAR pattern '${pattern}' needs two ${marker} markers`);
  const key = escape + '\u0000' + pattern;
  let re = similarSubstringCache.get(key);
  if (!re) {
    const [r1, r2, r3] = parts.map((p) => similarFragment(p, escape));
    re = new RegExp(`^(?:${r1})(${r2})(?:${r3})$`, 'u');
    if (similarSubstringCache.size > 1024) similarSubstringCache.clear();
    similarSubstringCache.set(key, re);
  }
  const m = re.exec(s);
  return m ? (m[1] ?? null) : null;
}

function substringImpl(s: unknown, second: unknown, third?: unknown): unknown {
  if (s === null || s === undefined || second === null || second === undefined) return null;
  if (typeof second === 'string') {
    if (typeof third === 'string') return substringSimilar(s as string, second, third);
    if (third === null) return null;
    return substringByRegex(s as string, second, third as number | undefined);
  }
  if (third === null) return null;
  return substringByPosition(s as string | Uint8Array, second as number, third as number | undefined);
}

const SUBSTRING: ScalarFunctionDef = {
  name: 'SUBSTRING',
  minArgs: 2,
  maxArgs: 3,
  returnType(argTypes) {
    const [s, second, third] = argTypes as [SqlType, SqlType, SqlType | undefined];
    const forms = [
      'SUBSTRING(<CHARACTER> FROM <INTEGER> [FOR <INTEGER>])',
      'SUBSTRING(<BINARY> FROM <INTEGER> [FOR <INTEGER>])',
      'SUBSTRING(<CHARACTER> FROM <CHARACTER> [FOR <INTEGER>])',
      'SUBSTRING(<CHARACTER> SIMILAR <CHARACTER> ESCAPE <CHARACTER>)',
    ];
    const positional = isIntegral(second) && (!third || isIntegral(third));
    if (isBinary(s) && s.name !== 'NULL' && s.name !== 'ANY' && positional) {
      return sqlType('VARBINARY', anyNullable(argTypes), s.precision);
    }
    if (!isCharacter(s)) throw cannotApply('SUBSTRING', argTypes, forms);
    if (positional) return varcharLike(argTypes);
    if (isCharacter(second) && (!third || isIntegral(third) || isCharacter(third))) return varcharLike(argTypes.slice(0, 1), s.precision);
    throw cannotApply('SUBSTRING', argTypes, forms);
  },
  returnTypeWithConstants(argTypes, constants) {
    const type = SUBSTRING.returnType(argTypes);
    // A literal regex is checked when the query is validated.
    if (typeof constants[1] === 'string' && (argTypes[2] === undefined || isIntegral(argTypes[2]))) compileJavaRegex(constants[1]);
    return type;
  },
  impl: substringImpl,
};

/** The parser's name for SUBSTRING(s SIMILAR pattern ESCAPE esc). */
const SUBSTRING_SIMILAR: ScalarFunctionDef = {
  name: 'SUBSTRING_SIMILAR',
  minArgs: 3,
  maxArgs: 3,
  returnType(argTypes) {
    requireArgs('SUBSTRING', argTypes, [isCharacter], 'SUBSTRING(<CHARACTER> SIMILAR <CHARACTER> ESCAPE <CHARACTER>)');
    return sqlType('VARCHAR', true, argTypes[0]!.precision);
  },
  impl: (s, pattern, escape) =>
    isNull(s) || isNull(pattern) || isNull(escape) ? null : substringSimilar(s as string, pattern as string, escape as string),
};

/** TRIM([BOTH|LEADING|TRAILING] [c] FROM s): exactly one trim character, blank by default. */
export function trim(spec: string, chars: string, s: string): string {
  if (chars.length !== 1) throw new SqlRuntimeError('Invalid trim character', `TRIM character must be exactly one character, got '${chars}'`);
  let begin = 0;
  let end = s.length;
  const mode = spec.toUpperCase();
  if (mode !== 'TRAILING') while (begin < end && s[begin] === chars) begin++;
  if (mode !== 'LEADING') while (end > begin && s[end - 1] === chars) end--;
  return s.slice(begin, end);
}

/**
 * Call shape: TRIM(s), or TRIM(spec, char, s) where spec is 'BOTH' | 'LEADING' | 'TRAILING' (the parser passes
 * the keyword as a string and ' ' when no character is written).
 */
const TRIM: ScalarFunctionDef = {
  name: 'TRIM',
  minArgs: 1,
  maxArgs: 3,
  returnType(argTypes) {
    if (argTypes.length === 2) throw cannotApply('TRIM', argTypes, ['TRIM([BOTH|LEADING|TRAILING] [<CHARACTER>] FROM <CHARACTER>)']);
    requireArgs('TRIM', argTypes, [isCharacter], 'TRIM([BOTH|LEADING|TRAILING] [<CHARACTER>] FROM <CHARACTER>)');
    return varcharLike(argTypes.slice(-1), argTypes[argTypes.length - 1]!.precision);
  },
  impl(...args: unknown[]) {
    if (args.length === 1) return args[0] === null || args[0] === undefined ? null : trim('BOTH', ' ', args[0] as string);
    const [spec, chars, s] = args;
    if (s === null || s === undefined || chars === null || chars === undefined) return null;
    return trim((spec as string | null) ?? 'BOTH', chars as string, s as string);
  },
};

const POSITION: ScalarFunctionDef = {
  name: 'POSITION',
  minArgs: 2,
  maxArgs: 3,
  returnType(argTypes) {
    requireArgs('POSITION', argTypes, [isCharacter, isCharacter, isIntegral], 'POSITION(<CHARACTER> IN <CHARACTER> [FROM <INTEGER>])');
    return sqlType('INTEGER', anyNullable(argTypes));
  },
  impl: (needle, haystack, start) =>
    isNull(needle) || isNull(haystack) || start === null ? null : position(needle as string, haystack as string, start as number | undefined),
};

const OVERLAY: ScalarFunctionDef = {
  name: 'OVERLAY',
  minArgs: 3,
  maxArgs: 4,
  returnType(argTypes) {
    requireArgs('OVERLAY', argTypes, [isCharacter, isCharacter, isIntegral], 'OVERLAY(<CHARACTER> PLACING <CHARACTER> FROM <INTEGER> [FOR <INTEGER>])');
    const p = (argTypes[0]!.precision ?? 0) + (argTypes[1]!.precision ?? 0);
    return sqlType('VARCHAR', anyNullable(argTypes), p > 0 ? p : undefined);
  },
  impl: (s, r, start, len) =>
    isNull(s) || isNull(r) || isNull(start) || len === null ? null : overlay(s as string, r as string, start as number, len as number | undefined),
};

export const stringFunctions: ScalarFunctionDef[] = [
  charLength('CHAR_LENGTH'),
  charLength('CHARACTER_LENGTH'),
  caseMapping('UPPER', (s) => s.toUpperCase()),
  caseMapping('LOWER', (s) => s.toLowerCase()),
  caseMapping('INITCAP', initcap),
  POSITION,
  OVERLAY,
  SUBSTRING,
  SUBSTRING_SIMILAR,
  TRIM,
];
