/**
 * Tokenizer for KDA application code. Identifier rules are KDA's: unquoted names are upper-cased, "quoted" names
 * keep their exact text (`""` escapes a quote). Comments: `-- …`, `/* … *\/` and the `// …` form one SR example uses.
 */
import { SqlCompileError, type SourcePosition } from '../errors.js';

export type TokenType =
  | 'word' // unquoted identifier or keyword; `value` is upper-cased
  | 'qident' // "quoted identifier"; `value` is exact
  | 'string' // 'text'; `value` is the text with '' unescaped
  | 'ustring' // U&'text'; `value` is the body, still with its escapes (UESCAPE may follow)
  | 'binary' // X'3F67'; `value` is the hex digits
  | 'number' // `value` is the literal text
  | 'op' // punctuation and operators
  | 'eof';

export interface Token {
  readonly type: TokenType;
  readonly value: string;
  readonly pos: SourcePosition;
  /** Offset in the source, for error excerpts. */
  readonly offset: number;
}

/** SR "Identifiers": names are at most 128 characters. */
const MAX_IDENTIFIER = 128;

const TWO_CHAR_OPS = new Set(['<>', '<=', '>=', '||', '!=']);
const ONE_CHAR_OPS = new Set(['(', ')', ',', ';', '.', '+', '-', '*', '/', '=', '<', '>', '[', ']', ':', '?']);

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const n = source.length;
  const posAt = (offset: number): SourcePosition => ({ line, column: offset - lineStart + 1 });
  const fail = (message: string, offset: number): never => {
    throw new SqlCompileError(message, posAt(offset));
  };
  const newline = (at: number): void => {
    line++;
    lineStart = at + 1;
  };

  while (i < n) {
    const c = source[i]!;
    if (c === '\n') {
      newline(i);
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\u00a0') {
      i++;
      continue;
    }
    if ((c === '-' && source[i + 1] === '-') || (c === '/' && source[i + 1] === '/')) {
      while (i < n && source[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && source[i + 1] === '*') {
      const start = i;
      i += 2;
      while (i < n && !(source[i] === '*' && source[i + 1] === '/')) {
        if (source[i] === '\n') newline(i);
        i++;
      }
      if (i >= n) fail('Unterminated comment', start);
      i += 2;
      continue;
    }
    const start = i;
    const pos = posAt(i);
    // U&'…' Unicode string literal.
    if ((c === 'U' || c === 'u') && source[i + 1] === '&' && source[i + 2] === "'") {
      i += 2;
      const raw = readQuoted("'");
      tokens.push({ type: 'ustring', value: raw, pos, offset: start });
      continue;
    }
    if ((c === 'X' || c === 'x') && source[i + 1] === "'") {
      i += 1;
      const hex = readQuoted("'").replace(/\s+/g, '');
      if (!/^[0-9a-fA-F]*$/.test(hex) || hex.length % 2 !== 0) fail(`Invalid binary literal X'${hex}'`, start);
      tokens.push({ type: 'binary', value: hex.toUpperCase(), pos, offset: start });
      continue;
    }
    if (isIdentStart(c)) {
      while (i < n && isIdentPart(source[i]!)) i++;
      if (i - start > MAX_IDENTIFIER) fail(`Identifier is longer than ${MAX_IDENTIFIER} characters`, start);
      tokens.push({ type: 'word', value: source.slice(start, i).toUpperCase(), pos, offset: start });
      continue;
    }
    if (c === '"') {
      const value = readQuoted('"');
      if (value.length === 0) fail('Zero-length delimited identifier', start);
      if (value.length > MAX_IDENTIFIER) fail(`Identifier is longer than ${MAX_IDENTIFIER} characters`, start);
      if (/[\u0000-\u001f]/.test(value)) fail('Control characters are not allowed in a quoted identifier', start);
      tokens.push({ type: 'qident', value, pos, offset: start });
      continue;
    }
    if (c === "'") {
      tokens.push({ type: 'string', value: readQuoted("'"), pos, offset: start });
      continue;
    }
    if (isDigit(c) || (c === '.' && isDigit(source[i + 1] ?? ''))) {
      while (i < n && isDigit(source[i]!)) i++;
      if (source[i] === '.' && source[i + 1] !== '.') {
        i++;
        while (i < n && isDigit(source[i]!)) i++;
      }
      if ((source[i] === 'e' || source[i] === 'E') && /[+-]?\d/.test(source.slice(i + 1, i + 3))) {
        i++;
        if (source[i] === '+' || source[i] === '-') i++;
        while (i < n && isDigit(source[i]!)) i++;
      }
      if (i < n && isIdentStart(source[i]!)) fail(`Invalid number '${source.slice(start, i + 1)}'`, start);
      tokens.push({ type: 'number', value: source.slice(start, i), pos, offset: start });
      continue;
    }
    const two = source.slice(i, i + 2);
    if (TWO_CHAR_OPS.has(two)) {
      tokens.push({ type: 'op', value: two === '!=' ? '<>' : two, pos, offset: start });
      i += 2;
      continue;
    }
    if (ONE_CHAR_OPS.has(c)) {
      tokens.push({ type: 'op', value: c, pos, offset: start });
      i++;
      continue;
    }
    fail(`Lexical error: unexpected character '${c}'`, start);
  }
  tokens.push({ type: 'eof', value: '', pos: posAt(i), offset: i });
  return tokens;

  /** Reads a quote-delimited run starting at source[i] (the opening quote); a doubled quote is one quote. */
  function readQuoted(q: string): string {
    const start = i;
    i++;
    let out = '';
    for (;;) {
      if (i >= n) fail(q === '"' ? 'Unterminated quoted identifier' : 'Unterminated string literal', start);
      const ch = source[i]!;
      if (ch === q) {
        if (source[i + 1] === q) {
          out += q;
          i += 2;
          continue;
        }
        i++;
        return out;
      }
      if (ch === '\n') newline(i);
      out += ch;
      i++;
    }
  }
}

function isIdentStart(c: string): boolean {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c === '_' || (c > '\u007f' && /\p{L}/u.test(c));
}

function isIdentPart(c: string): boolean {
  return isIdentStart(c) || isDigit(c) || c === '$';
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

/** Decodes a U&'…' body: `\XXXX` and `\+XXXXXX` escapes with the given escape character. */
export function decodeUnicodeString(body: string, escape = '\\'): string {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch !== escape) {
      out += ch;
      continue;
    }
    if (body[i + 1] === escape) {
      out += escape;
      i++;
    } else if (body[i + 1] === '+' && /^[0-9a-fA-F]{6}$/.test(body.slice(i + 2, i + 8))) {
      out += String.fromCodePoint(parseInt(body.slice(i + 2, i + 8), 16));
      i += 7;
    } else if (/^[0-9a-fA-F]{4}$/.test(body.slice(i + 1, i + 5))) {
      out += String.fromCharCode(parseInt(body.slice(i + 1, i + 5), 16));
      i += 4;
    } else {
      throw new Error(`Invalid Unicode escape in U&'${body}'`);
    }
  }
  return out;
}
