import { HSPACE, JAVA_SPACE, VSPACE, classLiteral, invalid, literal, propertyBody } from './java-regex-charsets.js';

/**
 * The java.util.regex → JavaScript RegExp source translator (see java-regex.ts for what is covered). Java's
 * capture groups become named groups `__g<n>` (or keep their Java name) so that helper groups added for
 * possessive quantifiers and atomic groups never shift the caller's group numbers.
 */

export interface Flags {
  i: boolean;
  s: boolean;
  m: boolean;
  x: boolean;
}

export class Translator {
  private i = 0;
  private out = '';
  private userGroups = 0;
  private helperGroups = 0;
  readonly names = new Map<string, number>();
  /** Java group number → JS group name in the output. */
  readonly jsNames: string[] = [''];
  /** Flags of the whole pattern: those a flag group sets before anything else; they become RegExp flags. */
  readonly flags: Flags = { i: false, s: false, m: false, x: false };
  /** Flags in force at the current position (Java scopes them to the enclosing group). */
  private local: Flags = { i: false, s: false, m: false, x: false };

  constructor(private readonly p: string) {}

  /**
   * A literal character, case-folded by hand where a scoped (?i) is in force but the RegExp has no `i` flag.
   * US-ASCII only, like Java's CASE_INSENSITIVE without UNICODE_CASE.
   */
  private lit(c: string): string {
    if (this.local.i && !this.flags.i && /[a-zA-Z]/.test(c)) return `[${c.toLowerCase()}${c.toUpperCase()}]`;
    return c === '}' || c === ']' ? '\\' + c : literal(c);
  }

  private dot(): string {
    if (this.local.s === this.flags.s) return '.';
    return this.local.s ? '[\\s\\S]' : '[^\\n\\r\\u2028\\u2029]';
  }

  private caret(): string {
    if (this.local.m === this.flags.m) return '^';
    return this.local.m ? '(?<![^\\n])' : '(?<![\\s\\S])';
  }

  /** Java's `$`: end of input or before a final line terminator; with MULTILINE, before any line terminator. */
  private dollar(): string {
    if (this.local.m) return this.flags.m ? '$' : '(?=[\\n\\r\\u2028\\u2029]|(?![\\s\\S]))';
    return '(?=(?:\\r?\\n)?(?![\\s\\S]))';
  }

  translate(): string {
    const stack: Array<{ start: number; atomic: boolean; flags: Flags }> = [];
    let atomStart = -1;
    const p = this.p;
    while (this.i < p.length) {
      const c = p[this.i]!;
      if (this.local.x && /\s/.test(c)) {
        this.i++;
        continue;
      }
      if (this.local.x && c === '#') {
        while (this.i < p.length && p[this.i] !== '\n') this.i++;
        continue;
      }
      switch (c) {
        case '\\': {
          const start = this.out.length;
          const last = this.escape();
          if (this.out.length > start) atomStart = last ?? start;
          break;
        }
        case '[':
          atomStart = this.out.length;
          this.i++;
          this.out += this.charClass();
          break;
        case '(':
          // Nothing inside the group yet can take a quantifier ('(*a)' is an error, as in Java).
          this.openGroup(stack, this.out.length);
          atomStart = -1;
          break;
        case ')': {
          const g = stack.pop();
          if (!g) throw invalid(p, 'unmatched closing parenthesis');
          this.i++;
          this.out += ')';
          if (g.atomic) this.wrapAtomic(g.start, '');
          this.local = g.flags;
          atomStart = g.start;
          break;
        }
        case '|':
          this.i++;
          this.out += '|';
          atomStart = -1;
          break;
        case '*':
        case '+':
        case '?':
        case '{': {
          if (atomStart < 0) throw invalid(p, `dangling meta character '${c}'`);
          this.quantifier(atomStart);
          atomStart = -1;
          break;
        }
        case '$':
          this.i++;
          atomStart = this.out.length;
          this.out += this.dollar();
          break;
        case '^':
          this.i++;
          atomStart = this.out.length;
          this.out += this.caret();
          break;
        case '.':
          this.i++;
          atomStart = this.out.length;
          this.out += this.dot();
          break;
        default:
          this.i++;
          atomStart = this.out.length;
          this.out += this.lit(c);
      }
    }
    if (stack.length > 0) throw invalid(p, 'unclosed group');
    return this.out;
  }

  private newUserGroup(name?: string): string {
    const n = ++this.userGroups;
    const jsName = name ?? `__g${n}`;
    if (name !== undefined) {
      if (this.names.has(name)) throw invalid(this.p, `named group <${name}> is defined twice`);
      this.names.set(name, n);
    }
    this.jsNames[n] = jsName;
    return jsName;
  }

  /** Handles '(' and its Java group kinds; returns true when it was a bare flag group `(?i)`. */
  private openGroup(stack: Array<{ start: number; atomic: boolean; flags: Flags }>, start: number): boolean {
    const p = this.p;
    if (p[this.i + 1] !== '?') {
      this.i++;
      this.out += `(?<${this.newUserGroup()}>`;
      stack.push({ start, atomic: false, flags: this.local });
      return false;
    }
    const rest = p.slice(this.i + 2);
    let m: RegExpExecArray | null;
    if (rest.startsWith(':') || rest.startsWith('=') || rest.startsWith('!') || rest.startsWith('<=') || rest.startsWith('<!')) {
      const len = rest.startsWith('<') ? 3 : 2;
      this.out += p.slice(this.i, this.i + len + 1);
      this.i += len + 1;
      stack.push({ start, atomic: false, flags: this.local });
      return false;
    }
    if (rest.startsWith('>')) {
      this.out += '(?:';
      this.i += 3;
      stack.push({ start, atomic: true, flags: this.local });
      return false;
    }
    if ((m = /^<([a-zA-Z][a-zA-Z0-9]*)>/.exec(rest))) {
      this.out += `(?<${this.newUserGroup(m[1])}>`;
      this.i += 2 + m[0].length;
      stack.push({ start, atomic: false, flags: this.local });
      return false;
    }
    if ((m = /^([idmsuxU]*)(?:-([idmsuxU]*))?([:)])/.exec(rest))) {
      const next: Flags = { ...this.local };
      for (const f of m[1]!) if (f === 'i' || f === 's' || f === 'm' || f === 'x') next[f] = true;
      for (const f of m[2] ?? '') if (f === 'i' || f === 's' || f === 'm' || f === 'x') next[f] = false;
      this.i += 2 + m[0].length;
      if (m[3] === ':') {
        this.out += '(?:';
        stack.push({ start, atomic: false, flags: this.local });
        this.local = next;
        return false;
      }
      // Flags set before anything else hold for the whole pattern and become RegExp flags; later ones hold to the
      // end of the enclosing group, as in Java.
      if (this.out === '' && stack.length === 0) Object.assign(this.flags, next);
      this.local = next;
      return true;
    }
    throw invalid(p, `unknown group construct '(?${rest.slice(0, 2)}'`);
  }

  /** `(?:X)` at `start` → `(?=(?<h>X))\k<h>`: matches what X matches first and never backtracks into it. */
  private wrapAtomic(start: number, quant: string): void {
    const body = this.out.slice(start);
    const name = `__h${++this.helperGroups}`;
    this.out = `${this.out.slice(0, start)}(?=(?<${name}>${body}${quant}))\\k<${name}>`;
  }

  private quantifier(atomStart: number): void {
    const p = this.p;
    let q: string;
    if (p[this.i] === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(p.slice(this.i));
      if (!m) throw invalid(p, 'bad repetition');
      q = m[0];
      this.i += m[0].length;
    } else {
      q = p[this.i]!;
      this.i++;
    }
    const mode = p[this.i];
    if (mode === '?') {
      this.i++;
      this.out += q + '?';
    } else if (mode === '+') {
      this.i++;
      this.wrapAtomic(atomStart, q);
    } else {
      this.out += q;
    }
  }

  private readHex(len: number): string {
    const h = this.p.slice(this.i, this.i + len);
    if (!/^[0-9a-fA-F]+$/.test(h) || h.length !== len) throw invalid(this.p, 'bad hexadecimal escape');
    this.i += len;
    return h;
  }

  /**
   * Java escapes outside a class; `this.i` is at the backslash. Returns where the last atom starts when the escape
   * wrote several (a quantifier after `\Q…\E` applies to its last character only).
   */
  private escape(): number | undefined {
    const p = this.p;
    const c = p[this.i + 1];
    if (c === undefined) throw invalid(p, 'trailing backslash');
    this.i += 2;
    const simple: Record<string, string> = {
      A: '(?<![\\s\\S])',
      z: '(?![\\s\\S])',
      Z: '(?=(?:\\r?\\n)?(?![\\s\\S]))',
      b: '\\b',
      B: '\\B',
      d: '\\d',
      D: '\\D',
      w: '\\w',
      W: '\\W',
      s: `[${JAVA_SPACE}]`,
      S: `[^${JAVA_SPACE}]`,
      h: `[${HSPACE}]`,
      H: `[^${HSPACE}]`,
      v: `[${VSPACE}]`,
      V: `[^${VSPACE}]`,
      R: `(?:\\r\\n|[${VSPACE}])`,
      t: '\\t',
      n: '\\n',
      r: '\\r',
      f: '\\f',
      a: '\\x07',
      e: '\\x1B',
    };
    if (simple[c] !== undefined) {
      this.out += simple[c];
      return undefined;
    }
    switch (c) {
      case 'Q': {
        const end = p.indexOf('\\E', this.i);
        const text = end < 0 ? p.slice(this.i) : p.slice(this.i, end);
        this.i = end < 0 ? p.length : end + 2;
        let last: number | undefined;
        for (const ch of text) {
          last = this.out.length;
          this.out += literal(ch);
        }
        return last;
      }
      case 'E':
        return undefined;
      case 'G':
      case 'X':
        throw invalid(p, `\\${c} cannot be translated`);
      case 'p':
      case 'P': {
        const body = this.property();
        this.out += c === 'p' ? `[${body}]` : `[^${body}]`;
        return undefined;
      }
      case 'c':
        this.out += `\\c${p[this.i++] ?? ''}`;
        return undefined;
      case 'x':
        if (p[this.i] === '{') {
          const end = p.indexOf('}', this.i);
          if (end < 0) throw invalid(p, 'unclosed \\x{');
          this.out += `\\u{${p.slice(this.i + 1, end)}}`;
          this.i = end + 1;
        } else this.out += `\\x${this.readHex(2)}`;
        return undefined;
      case 'u':
        this.out += `\\u${this.readHex(4)}`;
        return undefined;
      case '0': {
        const m = /^[0-3]?[0-7]{1,2}/.exec(p.slice(this.i)) ?? /^[0-7]/.exec(p.slice(this.i));
        if (!m) throw invalid(p, 'bad octal escape');
        this.i += m[0].length;
        this.out += `\\u{${parseInt(m[0], 8).toString(16)}}`;
        return undefined;
      }
      case 'k': {
        const m = /^<([a-zA-Z][a-zA-Z0-9]*)>/.exec(p.slice(this.i));
        if (!m) throw invalid(p, 'bad named back-reference');
        this.i += m[0].length;
        this.out += `\\k<${m[1]}>`;
        return undefined;
      }
    }
    if (c >= '1' && c <= '9') {
      // Java reads further digits while the number still names an existing group.
      let n = Number(c);
      while (this.i < p.length && p[this.i]! >= '0' && p[this.i]! <= '9' && n * 10 + Number(p[this.i]) <= this.userGroups) {
        n = n * 10 + Number(p[this.i]);
        this.i++;
      }
      this.out += `\\k<\u0000${n}\u0000>`;
      return undefined;
    }
    if (/[a-zA-Z0-9]/.test(c)) throw invalid(p, `illegal escape sequence \\${c}`);
    this.out += literal(c);
  }

  /** Reads `{Name}` or a one-letter name after \p / \P and returns its class body. */
  private property(): string {
    const p = this.p;
    let name: string;
    if (p[this.i] === '{') {
      const end = p.indexOf('}', this.i);
      if (end < 0) throw invalid(p, 'unclosed \\p{');
      name = p.slice(this.i + 1, end);
      this.i = end + 1;
    } else {
      name = p[this.i++] ?? '';
    }
    return propertyBody(p, name);
  }

  /** Parses a class after its '['; returns a complete JS atom. */
  private charClass(): string {
    const p = this.p;
    let negated = false;
    if (p[this.i] === '^') {
      negated = true;
      this.i++;
    }
    let body = '';
    const alternatives: string[] = [];
    let first = true;
    while (this.i < p.length) {
      const c = p[this.i]!;
      if (c === ']' && !first) {
        this.i++;
        return this.finishClass(negated, body, alternatives);
      }
      first = false;
      if (c === '&' && p[this.i + 1] === '&') {
        this.i += 2;
        const left = this.finishClass(false, body, alternatives);
        // The right operand runs to this class's closing bracket.
        const right = this.charClassRest();
        const both = `(?:(?=${left})${right})`;
        return negated ? `(?:(?!${both})[\\s\\S])` : both;
      }
      if (c === '[') {
        this.i++;
        const nested = this.charClass();
        const simple = /^\[((?:[^\]\\]|\\.)*)\]$/su.exec(nested);
        if (simple && !simple[1]!.startsWith('^')) body += simple[1];
        else alternatives.push(nested);
        continue;
      }
      if (c === '\\') {
        const e = p[this.i + 1];
        this.i += 2;
        switch (e) {
          case 'd':
            body += '0-9';
            continue;
          case 'w':
            body += 'a-zA-Z0-9_';
            continue;
          case 's':
            body += JAVA_SPACE;
            continue;
          case 'h':
            body += HSPACE;
            continue;
          case 'v':
            body += VSPACE;
            continue;
          case 'D':
          case 'W':
            body += '\\' + e;
            continue;
          case 'S':
            alternatives.push(`[^${JAVA_SPACE}]`);
            continue;
          case 'p':
            body += this.property();
            continue;
          case 'P': {
            const inner = this.property();
            if (/^\\p\{[^}]+\}$/.test(inner)) body += '\\P' + inner.slice(2);
            else alternatives.push(`[^${inner}]`);
            continue;
          }
          case 'Q': {
            const end = p.indexOf('\\E', this.i);
            const text = end < 0 ? p.slice(this.i) : p.slice(this.i, end);
            this.i = end < 0 ? p.length : end + 2;
            for (const ch of text) body += classLiteral(ch);
            continue;
          }
          case 't':
          case 'n':
          case 'r':
          case 'f':
            body += '\\' + e;
            continue;
          case 'a':
            body += '\\x07';
            continue;
          case 'e':
            body += '\\x1B';
            continue;
          case 'x':
            if (p[this.i] === '{') {
              const end = p.indexOf('}', this.i);
              body += `\\u{${p.slice(this.i + 1, end)}}`;
              this.i = end + 1;
            } else body += `\\x${this.readHex(2)}`;
            continue;
          case 'u':
            body += `\\u${this.readHex(4)}`;
            continue;
          case 'c':
            body += `\\c${p[this.i++] ?? ''}`;
            continue;
          case '0': {
            const m = /^[0-3]?[0-7]{1,2}/.exec(p.slice(this.i));
            if (!m) throw invalid(p, 'bad octal escape');
            this.i += m[0].length;
            body += `\\u{${parseInt(m[0], 8).toString(16)}}`;
            continue;
          }
          default:
            if (e === undefined || /[a-zA-Z0-9]/.test(e)) throw invalid(p, `illegal escape sequence \\${e ?? ''} in a class`);
            body += classLiteral(e);
            continue;
        }
      }
      if (this.local.x && /\s/.test(c)) {
        this.i++;
        continue;
      }
      this.i++;
      if (c === '-') {
        body += '-';
        continue;
      }
      const to = p[this.i + 1];
      if (p[this.i] === '-' && to !== undefined && to !== ']' && to !== '[' && to !== '\\') {
        this.i += 2;
        body += `${classLiteral(c)}-${classLiteral(to)}${this.foldRange(c, to)}`;
        continue;
      }
      body += classLiteral(c) + this.foldRange(c, c);
    }
    throw invalid(p, 'unclosed character class');
  }

  /** Under a scoped (?i) without the RegExp `i` flag, the other-case counterpart of an ASCII letter range. */
  private foldRange(from: string, to: string): string {
    if (!this.local.i || this.flags.i) return '';
    let extra = '';
    for (const [lo, hi, shift] of [['a', 'z', -32], ['A', 'Z', 32]] as const) {
      const a = Math.max(from.charCodeAt(0), lo.charCodeAt(0));
      const b = Math.min(to.charCodeAt(0), hi.charCodeAt(0));
      if (a <= b) extra += a === b ? String.fromCharCode(a + shift) : `${String.fromCharCode(a + shift)}-${String.fromCharCode(b + shift)}`;
    }
    return extra;
  }

  /** The right operand of `&&`, up to and including the enclosing ']'. */
  private charClassRest(): string {
    const saved = this.i;
    // Parse the remainder as its own class; the closing ']' of the outer class ends it.
    this.i = saved;
    return this.charClass();
  }

  private finishClass(negated: boolean, body: string, alternatives: string[]): string {
    if (alternatives.length === 0) return `[${negated ? '^' : ''}${body}]`;
    if (negated) {
      const union = body ? [`[${body}]`, ...alternatives] : alternatives;
      return `(?:(?!${union.join('|')})[\\s\\S])`;
    }
    return `(?:${body ? `[${body}]|` : ''}${alternatives.join('|')})`;
  }

  get groupCount(): number {
    return this.userGroups;
  }
}
