import { Translator } from './java-regex-translator.js';
import { invalid } from './java-regex-charsets.js';

/**
 * java.util.regex patterns translated to JavaScript RegExps (flag `u`), for REGEX_REPLACE, REGEX_LOG_PARSE and
 * SUBSTRING … FROM regex. Translated:
 *  - `\Q…\E` quoting; `\A`, `\z`, `\Z`; Java's `$` (also before a final line terminator);
 *  - possessive quantifiers (`a*+`, `a++`, `a?+`, `a{n,m}+`) and atomic groups `(?>…)`, emulated exactly with the
 *    lookahead-capture idiom `(?=(X))\k<…>`; the helper groups are hidden from the caller's group numbering;
 *  - embedded flags `(?i)`, `(?s)`, `(?m)`, `(?x)`, `(?-i)`, `(?i:…)` with Java's scoping: flags set before
 *    anything else become RegExp flags; later or scoped ones (JavaScript on Node 20 has no scoped modifiers) are
 *    applied by the translator — ASCII letters and class ranges case-folded by hand, `.`, `^`, `$` rewritten,
 *    comments mode skipped; turning off a pattern-wide `i` inside a group is not possible and is ignored;
 *  - POSIX classes `\p{Alpha}` etc. (US-ASCII, as in Java), `java…` classes, Unicode categories, scripts
 *    (`\p{IsLatin}`) and binary properties (`\p{IsAlphabetic}`); `\h`, `\H`, `\v`, `\V`, `\R`, `\e`, `\a`, octal
 *    `\0nn`, `\x{…}`; Java's `\s` (ASCII blanks only);
 *  - class unions `[a-d[m-p]]` and intersections `[a-z&&[^aeiou]]` (as a lookahead);
 *  - named groups and numbered / named back-references.
 * Not translatable (rejected with 'Invalid regular expression'): `\G`, `\X`, Unicode blocks (`\p{InGreek}`).
 * A known difference: a group inside a repetition that did not take part in the last iteration is NULL here,
 * where Java keeps its capture from an earlier iteration (`(?:(a)|b)*` on 'ab').
 */

export interface JavaRegex {
  readonly pattern: string;
  /** Global + sticky-free regex for scanning with lastIndex (find / replaceAll). */
  readonly find: RegExp;
  /** Sticky and anchored at the end: with lastIndex = 0 it is Java's `Matcher.matches()`. */
  readonly whole: RegExp;
  /** Number of capture groups the Java pattern has. */
  readonly groupCount: number;
  /** groupIndex[n] = index in a JS match array of Java group n (groupIndex[0] = 0). */
  readonly groupIndex: ReadonlyArray<number>;
  /** Java group name → Java group number. */
  readonly groupNames: ReadonlyMap<string, number>;
}

const cache = new Map<string, JavaRegex>();
const CACHE_LIMIT = 512;

/** Counts capture groups in a JS regex source in opening order, returning their names (undefined if unnamed). */
function jsCaptureNames(src: string): Array<string | undefined> {
  const names: Array<string | undefined> = [];
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') {
      if (src[i + 1] !== '?') names.push(undefined);
      else if (src[i + 2] === '<' && src[i + 3] !== '=' && src[i + 3] !== '!') names.push(/^\(\?<([^>]+)>/.exec(src.slice(i))![1]);
    }
  }
  return names;
}

/** Compiles (and caches) a Java regex. Throws SqlRuntimeError('Invalid regular expression') when it cannot. */
export function compileJavaRegex(pattern: string): JavaRegex {
  const hit = cache.get(pattern);
  if (hit) return hit;
  const t = new Translator(pattern);
  let src = t.translate();
  // Numbered back-references become references to the group's JS name.
  src = src.replace(/\\k<\u0000(\d+)\u0000>/g, (_, n: string) => {
    const name = t.jsNames[Number(n)];
    if (name === undefined) throw invalid(pattern, `back-reference \\${n} to a missing group`);
    return `\\k<${name}>`;
  });
  const flags = 'u' + (t.flags.i ? 'i' : '') + (t.flags.s ? 's' : '') + (t.flags.m ? 'm' : '');
  let find: RegExp;
  let whole: RegExp;
  try {
    find = new RegExp(src, 'g' + flags);
    whole = new RegExp(`(?:${src})(?![\\s\\S])`, 'y' + flags);
  } catch (e) {
    throw invalid(pattern, (e as Error).message);
  }
  const jsNames = jsCaptureNames(src);
  const groupIndex = [0];
  for (let n = 1; n <= t.groupCount; n++) groupIndex.push(jsNames.indexOf(t.jsNames[n]) + 1);
  const compiled: JavaRegex = { pattern, find, whole, groupCount: t.groupCount, groupIndex, groupNames: t.names };
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(pattern, compiled);
  return compiled;
}

/** Java group `n` of a JS match (null when the group did not take part). */
export function javaGroup(re: JavaRegex, m: RegExpExecArray, n: number): string | null {
  return m[re.groupIndex[n]!] ?? null;
}
