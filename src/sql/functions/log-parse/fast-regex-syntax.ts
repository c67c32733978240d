import { SqlRuntimeError } from '../../errors.js';

/**
 * The fast-regex syntax of FAST_REGEX_LOG_PARSE, which is dk.brics.automaton's: `|`, `?`, `*`, `+`, `{n}`, `{n,}`,
 * `{n,m}`, `[…]`, `[^…]`, `.`, `#` (empty language), `@` (any string), `"literal"`, `()`, `(…)`, `<n-m>` (numeric
 * interval), `<Name>` (a few POSIX-like names), `\c` (literal c). Parsed into the top-level sequence the matcher
 * stages over; every piece is compiled to JavaScript RegExp source with lazy quantifiers. Capture groups are
 * numbered by their opening parenthesis; nested ones become named groups `g<n>`.
 * Intersection `&` and complement `~` have no RegExp equivalent and are rejected.
 */

/** One element of a sequence: RegExp source, and whether it always matches the same number of characters. */
export interface FastRegexItem {
  readonly src: string;
  readonly fixed: boolean;
}

/** A top-level element: an item outside any group, or a capture group with its inner sequence. */
export type FastRegexTop =
  | { readonly kind: 'item'; readonly item: FastRegexItem }
  | { readonly kind: 'group'; readonly index: number; readonly items: FastRegexItem[] };

export interface ParsedFastRegex {
  /** The top-level sequence, or undefined when the pattern is a union at top level. */
  readonly top: FastRegexTop[] | undefined;
  /** The whole pattern as one RegExp source (used for a top-level union). */
  readonly src: string;
  readonly groups: number;
}

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

export function invalidFastRegex(pattern: string, why: string): SqlRuntimeError {
  return new SqlRuntimeError('Invalid regular expression', `Invalid fast regex '${pattern}': ${why}`);
}

/** brics `<n-m>`: decimal numbers in [n, m]; with equally long bounds the width is fixed (leading zeros). */
function numericInterval(pattern: string, lo: string, hi: string): FastRegexItem {
  const min = Number(lo);
  const max = Number(hi);
  if (min > max || max - min > 20_000) throw invalidFastRegex(pattern, `the interval <${lo}-${hi}> is too wide to translate`);
  const width = lo.length === hi.length ? lo.length : 0;
  const values: string[] = [];
  for (let v = max; v >= min; v--) values.push(width ? String(v).padStart(width, '0') : String(v));
  values.sort((a, b) => b.length - a.length);
  return width ? { src: `(?:${values.join('|')})`, fixed: true } : { src: `(?:0*(?:${values.join('|')}))`, fixed: false };
}

class Parser {
  private i = 0;
  groups = 0;
  constructor(private readonly p: string) {}

  parse(): ParsedFastRegex {
    const start = this.i;
    const top = this.topSequence();
    if (this.peek() === '|') {
      // A union at top level: no staging, the whole pattern is one expression.
      this.i = start;
      this.groups = 0;
      const src = this.union();
      this.end();
      return { top: undefined, src, groups: this.groups };
    }
    this.end();
    return { top, src: '', groups: this.groups };
  }

  private end(): void {
    if (this.i < this.p.length) throw invalidFastRegex(this.p, `unexpected '${this.p[this.i]}' at position ${this.i + 1}`);
  }

  private peek(): string | undefined {
    return this.p[this.i];
  }

  /** The top-level sequence; a group not followed by a quantifier keeps its inner items for staging. */
  private topSequence(): FastRegexTop[] {
    const out: FastRegexTop[] = [];
    for (;;) {
      const c = this.peek();
      if (c === undefined || c === '|' || c === ')') return out;
      if (c === '(') {
        const save = this.i;
        const saveGroups = this.groups;
        this.i++;
        const index = ++this.groups;
        const inner = this.sequence();
        let items = inner;
        if (this.peek() === '|') {
          // A union inside the group: one variable-length item.
          this.i = save + 1;
          this.groups = index;
          items = [{ src: this.union(), fixed: false }];
        }
        if (this.peek() !== ')') throw invalidFastRegex(this.p, 'unclosed group');
        this.i++;
        const next = this.peek();
        if (next === undefined || !'?*+{'.includes(next)) {
          out.push({ kind: 'group', index, items });
          continue;
        }
        this.i = save;
        this.groups = saveGroups;
      }
      for (const item of this.repeat()) out.push({ kind: 'item', item });
    }
  }

  private union(): string {
    const alternatives = [this.sequence().map((x) => x.src).join('')];
    while (this.peek() === '|') {
      this.i++;
      alternatives.push(this.sequence().map((x) => x.src).join(''));
    }
    return alternatives.join('|');
  }

  private sequence(): FastRegexItem[] {
    const out: FastRegexItem[] = [];
    for (;;) {
      const c = this.peek();
      if (c === undefined || c === '|' || c === ')') return out;
      if (c === '&') throw invalidFastRegex(this.p, 'intersection (&) cannot be translated');
      out.push(...this.repeat());
    }
  }

  /**
   * An atom and its quantifiers. A fixed-length atom repeated at least n times starts with n fixed copies, which
   * the staging can move to the previous expression (`[0-9]+` is `[0-9]` then `[0-9]*`); so this returns up to two
   * items: the fixed start and the variable rest.
   */
  private repeat(): FastRegexItem[] {
    let items: FastRegexItem[] = [this.simple()];
    for (;;) {
      const c = this.peek();
      let min: number;
      let max: number | undefined;
      if (c === '?' || c === '*' || c === '+') {
        this.i++;
        min = c === '+' ? 1 : 0;
        max = c === '?' ? 1 : undefined;
      } else if (c === '{') {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(this.p.slice(this.i));
        if (!m) throw invalidFastRegex(this.p, 'bad repetition');
        this.i += m[0].length;
        min = Number(m[1]);
        max = m[2] === undefined ? min : m[3] === '' ? undefined : Number(m[3]);
        if (max !== undefined && max < min) throw invalidFastRegex(this.p, `bad repetition ${m[0]}`);
      } else return items;
      const atom = items.length === 1 ? items[0]! : { src: items.map((x) => x.src).join(''), fixed: false };
      const rest = max === undefined ? '*?' : max - min === 0 ? '' : `{0,${max - min}}?`;
      if (atom.fixed && min > 0) {
        items = [{ src: `(?:${atom.src}){${min}}`, fixed: true }];
        if (rest) items.push({ src: `(?:${atom.src})${rest}`, fixed: false });
      } else {
        const q = max === undefined ? (min === 0 ? '*?' : min === 1 ? '+?' : `{${min},}?`) : min === max ? `{${min}}` : `{${min},${max}}?`;
        items = [{ src: `(?:${atom.src})${q}`, fixed: false }];
      }
    }
  }

  private charExp(): string {
    let c = this.p[this.i++];
    if (c === '\\') c = this.p[this.i++];
    if (c === undefined) throw invalidFastRegex(this.p, 'unexpected end of pattern');
    return c;
  }

  private simple(): FastRegexItem {
    const c = this.peek()!;
    switch (c) {
      case '~':
        throw invalidFastRegex(this.p, 'complement (~) cannot be translated');
      case '.':
        this.i++;
        return { src: '[\\s\\S]', fixed: true };
      case '#':
        this.i++;
        return { src: '(?!)', fixed: false };
      case '@':
        this.i++;
        return { src: '[\\s\\S]*?', fixed: false };
      case '"': {
        const end = this.p.indexOf('"', this.i + 1);
        if (end < 0) throw invalidFastRegex(this.p, 'unclosed string literal');
        const text = this.p.slice(this.i + 1, end);
        this.i = end + 1;
        return { src: `(?:${[...text].map(lit).join('')})`, fixed: true };
      }
      case '(': {
        this.i++;
        const index = ++this.groups;
        const inner = this.peek() === ')' ? '' : this.union();
        if (this.peek() !== ')') throw invalidFastRegex(this.p, 'unclosed group');
        this.i++;
        return { src: `(?<g${index}>${inner})`, fixed: false };
      }
      case '[':
        return { src: this.charClass(), fixed: true };
      case '<': {
        const end = this.p.indexOf('>', this.i);
        if (end < 0) throw invalidFastRegex(this.p, "unclosed '<'");
        const body = this.p.slice(this.i + 1, end);
        this.i = end + 1;
        const range = /^(\d+)-(\d+)$/.exec(body);
        if (range) return numericInterval(this.p, range[1]!, range[2]!);
        const named = NAMED[body];
        if (named) return { src: named, fixed: true };
        throw invalidFastRegex(this.p, `the named automaton <${body}> is not known`);
      }
      default:
        return { src: lit(this.charExp()), fixed: true };
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
      if (this.peek() === undefined) throw invalidFastRegex(this.p, 'unclosed character class');
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

export function parseFastRegex(pattern: string): ParsedFastRegex {
  return new Parser(pattern).parse();
}
