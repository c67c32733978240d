import { SqlRuntimeError } from '../errors.js';
import type { ScalarFunctionDef } from './definition.js';
import { compileJavaRegex, javaGroup, type JavaRegex } from './java-regex.js';
import { anyNullable, isCharacter, isIntegral, requireArgs, sqlType } from './type-rules.js';

/** REGEX_REPLACE: java.lang.String.replaceAll semantics restricted to a start position and an occurrence. */

type ReplacementPart = string | number;

const replacementCache = new Map<string, ReplacementPart[]>();

/**
 * Parses a Java replacement string: `$n` (Java reads more digits while they still name a group), `${name}`,
 * and `\x` for a literal x. An invalid reference is an error, as in Matcher.appendReplacement.
 */
function compileReplacement(re: JavaRegex, replacement: string): ReplacementPart[] {
  const key = `${re.pattern}\u0000${replacement}`;
  const hit = replacementCache.get(key);
  if (hit) return hit;
  const parts: ReplacementPart[] = [];
  let lit = '';
  for (let i = 0; i < replacement.length; i++) {
    const c = replacement[i]!;
    if (c === '\\') {
      i++;
      if (i >= replacement.length) throw new SqlRuntimeError('Invalid replacement', 'character to be escaped is missing');
      lit += replacement[i];
    } else if (c === '$') {
      i++;
      let n: number;
      if (replacement[i] === '{') {
        const end = replacement.indexOf('}', i);
        const name = end < 0 ? '' : replacement.slice(i + 1, end);
        const g = re.groupNames.get(name);
        if (g === undefined) throw new SqlRuntimeError('Invalid replacement', `No group with name {${name}}`);
        n = g;
        i = end;
      } else {
        const d = replacement.charCodeAt(i) - 48;
        if (!(d >= 0 && d <= 9)) throw new SqlRuntimeError('Invalid replacement', 'Illegal group reference');
        n = d;
        while (i + 1 < replacement.length) {
          const next = replacement.charCodeAt(i + 1) - 48;
          if (!(next >= 0 && next <= 9) || n * 10 + next > re.groupCount) break;
          n = n * 10 + next;
          i++;
        }
        if (n > re.groupCount) throw new SqlRuntimeError('Invalid replacement', `No group ${n}`);
      }
      if (lit) parts.push(lit);
      lit = '';
      parts.push(n);
    } else lit += c;
  }
  if (lit) parts.push(lit);
  if (replacementCache.size > 512) replacementCache.clear();
  replacementCache.set(key, parts);
  return parts;
}

/**
 * REGEX_REPLACE(original, regex, replacement, startPosition, occurrence): searching starts at startPosition
 * (1-based; < 1 is an error, past the end returns original); occurrence 0 replaces every match, n only the n-th,
 * < 0 is an error. The text before startPosition is kept and not seen by the pattern: `^` matches at
 * startPosition, as with a Java Matcher region.
 */
export function regexReplace(original: string, regex: string, replacement: string, startPosition: number, occurrence: number): string {
  if (startPosition < 1) throw new SqlRuntimeError('Invalid argument', `REGEX_REPLACE startPosition ${startPosition} is less than 1`);
  if (occurrence < 0) throw new SqlRuntimeError('Invalid argument', `REGEX_REPLACE occurrence ${occurrence} is negative`);
  if (startPosition > original.length) return original;
  const re = compileJavaRegex(regex);
  const parts = compileReplacement(re, replacement);
  const text = startPosition === 1 ? original : original.slice(startPosition - 1);
  const find = re.find;
  find.lastIndex = 0;
  let out = startPosition === 1 ? '' : original.slice(0, startPosition - 1);
  let copied = 0;
  let seen = 0;
  for (;;) {
    const m = find.exec(text);
    if (!m) break;
    seen++;
    const end = m.index + m[0].length;
    if (occurrence === 0 || seen === occurrence) {
      out += text.slice(copied, m.index);
      for (const part of parts) out += typeof part === 'string' ? part : (javaGroup(re, m, part) ?? '');
      copied = end;
      if (seen === occurrence) break;
    }
    // Step over empty matches so the scan always advances (one code point, as the `u` flag reads text).
    if (m[0].length === 0) {
      if (end >= text.length) break;
      const cp = text.codePointAt(end)!;
      find.lastIndex = end + (cp > 0xffff ? 2 : 1);
    }
  }
  return out + text.slice(copied);
}

export const REGEX_REPLACE: ScalarFunctionDef = {
  name: 'REGEX_REPLACE',
  minArgs: 5,
  maxArgs: 5,
  returnType(argTypes) {
    requireArgs(
      'REGEX_REPLACE',
      argTypes,
      [isCharacter, isCharacter, isCharacter, isIntegral, isIntegral],
      'REGEX_REPLACE(<CHARACTER>, <CHARACTER>, <CHARACTER>, <INTEGER>, <INTEGER>)',
    );
    return sqlType('VARCHAR', anyNullable(argTypes), 65535);
  },
  returnTypeWithConstants(argTypes, constants) {
    const type = REGEX_REPLACE.returnType(argTypes);
    // A literal pattern or replacement is checked when the query is validated.
    const [, regex, replacement] = constants;
    if (typeof regex === 'string') {
      const re = compileJavaRegex(regex);
      if (typeof replacement === 'string') compileReplacement(re, replacement);
    }
    return type;
  },
  impl(original, regex, replacement, start, occurrence) {
    if (original == null || regex == null || replacement == null || start == null || occurrence == null) return null;
    return regexReplace(original as string, regex as string, replacement as string, start as number, occurrence as number);
  },
};
