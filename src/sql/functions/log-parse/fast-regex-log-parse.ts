import { SqlRuntimeError } from '../../errors.js';
import type { SqlType } from '../../types.js';
import type { ScalarFunctionDef } from '../definition.js';
import { cannotApply, isCharacter } from '../type-rules.js';
import { OPEN_ROW, numberedColumns, rowType } from './row-type.js';

/**
 * FAST_REGEX_LOG_PARSE(text, fastRegex) (the SR page is FAST_REGEX_LOG_PARSER): the automaton syntax of
 * dk.brics.automaton — `|`, `?`, `*`, `+`, `{n}`, `{n,}`, `{n,m}`, `[…]`, `[^…]`, `.`, `#` (empty language),
 * `@` (any string), `"literal"`, `()`, `<n-m>` (numeric interval), `\c` (literal c) — compiled to a JavaScript
 * RegExp whose quantifiers are all lazy and which must consume the whole text. Each parenthesised group is a
 * column COLUMN1..n VARCHAR(1024); a text the pattern does not account for gives NULL.
 *
 * Approximations: FRLP evaluates group by group without backtracking; the RegExp backtracks, so it can find a
 * match in rare cases where FRLP gives up. Intersection `&`, complement `~` and named automata `<name>` (other than
 * the POSIX-like names below) cannot be translated and are rejected.
 */

const NAMED: Readonly<Record<string, string>> = {
  Digit: '[0-9]',
  Alpha: '[a-zA-Z]',
  Alnum: '[a-zA-Z0-9]',
  Upper: '[A-Z]',
  Lower: '[a-z]',
  Space: '[ \\t\\n\\x0B\\f\\r]',
  Punct: '[!-\\/:-@\\[-`{-~]',
};

const JS_SYNTAX = '\\^$.*+?()[]{}|/';
function lit(c: string): string {
  return JS_SYNTAX.includes(c) ? '\\' + c : c;
}
function classLit(c: string): string {
  return '\\]^[-'.includes(c) ? '\\' + c : c;
}

function invalid(pattern: string, why: string): SqlRuntimeError {
  return new SqlRuntimeError('Invalid regular expression', `Invalid fast regex '${pattern}': ${why}`);
}

class FastRegexTranslator {
  private i = 0;
  groups = 0;
  constructor(private readonly p: string) {}

  translate(): string {
    const src = this.union();
    if (this.i < this.p.length) throw invalid(this.p, `unexpected '${this.p[this.i]}' at position ${this.i + 1}`);
    return src;
  }

  private peek(): string | undefined {
    return this.p[this.i];
  }

  private union(): string {
    const alternatives = [this.concat()];
    while (this.peek() === '|') {
      this.i++;
      alternatives.push(this.concat());
    }
    return alternatives.join('|');
  }

  private concat(): string {
    let out = '';
    for (;;) {
      const c = this.peek();
      if (c === undefined || c === '|' || c === ')') return out;
      if (c === '&') throw invalid(this.p, 'intersection (&) cannot be translated');
      out += this.repeat();
    }
  }

  private repeat(): string {
    let atom = this.simple();
    for (;;) {
      const c = this.peek();
      if (c === '?' || c === '*' || c === '+') {
        this.i++;
        atom = `(?:${atom})${c}?`;
      } else if (c === '{') {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(this.p.slice(this.i));
        if (!m) throw invalid(this.p, 'bad repetition');
        this.i += m[0].length;
        atom = `(?:${atom})${m[0]}?`;
      } else return atom;
    }
  }

  private charExp(): string {
    let c = this.p[this.i++];
    if (c === '\\') c = this.p[this.i++];
    if (c === undefined) throw invalid(this.p, 'unexpected end of pattern');
    return c;
  }

  private simple(): string {
    const c = this.peek()!;
    switch (c) {
      case '~':
        throw invalid(this.p, 'complement (~) cannot be translated');
      case '.':
        this.i++;
        return '[\\s\\S]';
      case '#':
        this.i++;
        return '(?!)';
      case '@':
        this.i++;
        return '[\\s\\S]*?';
      case '"': {
        const end = this.p.indexOf('"', this.i + 1);
        if (end < 0) throw invalid(this.p, 'unclosed string literal');
        const text = this.p.slice(this.i + 1, end);
        this.i = end + 1;
        return `(?:${[...text].map(lit).join('')})`;
      }
      case '(': {
        this.i++;
        this.groups++;
        const inner = this.peek() === ')' ? '' : this.union();
        if (this.peek() !== ')') throw invalid(this.p, 'unclosed group');
        this.i++;
        return `(${inner})`;
      }
      case '[':
        return this.charClass();
      case '<': {
        const end = this.p.indexOf('>', this.i);
        if (end < 0) throw invalid(this.p, "unclosed '<'");
        const body = this.p.slice(this.i + 1, end);
        this.i = end + 1;
        const range = /^(\d+)-(\d+)$/.exec(body);
        if (range) return numericInterval(this.p, range[1]!, range[2]!);
        const named = NAMED[body];
        if (named) return named;
        throw invalid(this.p, `the named automaton <${body}> is not known`);
      }
      default:
        return lit(this.charExp());
    }
  }

  private charClass(): string {
    this.i++;
    let out = '[';
    if (this.peek() === '^') {
      out += '^';
      this.i++;
    }
    while (this.peek() !== ']') {
      if (this.peek() === undefined) throw invalid(this.p, 'unclosed character class');
      const from = this.charExp();
      if (this.peek() === '-' && this.p[this.i + 1] !== ']') {
        this.i++;
        out += `${classLit(from)}-${classLit(this.charExp())}`;
      } else out += classLit(from);
    }
    this.i++;
    return out + ']';
  }
}

/** brics `<n-m>`: decimal numbers in [n, m]; with equally long bounds the width is fixed (leading zeros). */
function numericInterval(pattern: string, lo: string, hi: string): string {
  const min = Number(lo);
  const max = Number(hi);
  if (min > max || max - min > 20_000) throw invalid(pattern, `the interval <${lo}-${hi}> is too wide to translate`);
  const width = lo.length === hi.length ? lo.length : 0;
  const values: string[] = [];
  for (let v = max; v >= min; v--) values.push(width ? String(v).padStart(width, '0') : String(v));
  values.sort((a, b) => b.length - a.length);
  return width ? `(?:${values.join('|')})` : `(?:0*(?:${values.join('|')}))`;
}

interface CompiledFastRegex {
  readonly regex: RegExp;
  readonly groups: number;
}

const cache = new Map<string, CompiledFastRegex>();

export function compileFastRegex(pattern: string): CompiledFastRegex {
  const hit = cache.get(pattern);
  if (hit) return hit;
  const t = new FastRegexTranslator(pattern);
  const src = t.translate();
  let regex: RegExp;
  try {
    regex = new RegExp(`^(?:${src})$`, 'u');
  } catch (e) {
    throw invalid(pattern, (e as Error).message);
  }
  const compiled = { regex, groups: t.groups };
  if (cache.size > 256) cache.clear();
  cache.set(pattern, compiled);
  return compiled;
}

export function fastRegexLogParse(text: string, pattern: string): Record<string, unknown> | null {
  const f = compileFastRegex(pattern);
  const m = f.regex.exec(text);
  if (!m) return null;
  const row: Record<string, unknown> = {};
  for (let i = 1; i <= f.groups; i++) row[`COLUMN${i}`] = m[i] ?? null;
  return row;
}

function checkTypes(argTypes: SqlType[]): void {
  if (!argTypes.every(isCharacter)) throw cannotApply('FAST_REGEX_LOG_PARSE', argTypes, ['FAST_REGEX_LOG_PARSE(<CHARACTER>, <CHARACTER pattern>)']);
}

function definition(name: string): ScalarFunctionDef {
  return {
    name,
    minArgs: 2,
    maxArgs: 2,
    returnType(argTypes) {
      checkTypes(argTypes);
      return OPEN_ROW;
    },
    returnTypeWithConstants(argTypes, constants) {
      checkTypes(argTypes);
      return typeof constants[1] === 'string' ? rowType(numberedColumns(compileFastRegex(constants[1]).groups)) : OPEN_ROW;
    },
    impl(text, pattern) {
      if (text === null || text === undefined || pattern === null || pattern === undefined) return null;
      return fastRegexLogParse(text as string, pattern as string);
    },
  };
}

/** Called as FAST_REGEX_LOG_PARSE in SQL; the SR page title spells it FAST_REGEX_LOG_PARSER, accepted too. */
export const FAST_REGEX_LOG_PARSE = definition('FAST_REGEX_LOG_PARSE');
export const FAST_REGEX_LOG_PARSER = definition('FAST_REGEX_LOG_PARSER');
