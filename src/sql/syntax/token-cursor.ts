/** A cursor over the token list with the accept/expect helpers the recursive-descent parser is written in. */
import { SqlCompileError } from '../errors.js';
import type { Token } from './lexer.js';

/**
 * Words that cannot be used as unquoted names (SQL:2008 reserved words KDA lists, trimmed to the ones a parser can
 * confuse with a name: they end a FROM item, start a clause, or are operators).
 */
export const RESERVED = new Set([
  'ALL', 'AND', 'AS', 'ASC', 'BETWEEN', 'BY', 'CASE', 'CAST', 'CREATE', 'CROSS', 'CURSOR', 'DESC', 'DISTINCT',
  'ELSE', 'END', 'EXCEPT', 'FALSE', 'FROM', 'FULL', 'GROUP', 'HAVING', 'IN', 'INNER', 'INSERT', 'INTERSECT',
  'INTERVAL', 'INTO', 'IS', 'JOIN', 'LEFT', 'LIKE', 'NATURAL', 'NOT', 'NULL', 'ON', 'OR', 'ORDER', 'OUTER', 'OVER',
  'PARTITION', 'RANGE', 'RIGHT', 'ROWS', 'SELECT', 'SIMILAR', 'STREAM', 'TABLE', 'THEN', 'TRUE', 'UNION', 'UNKNOWN',
  'USING', 'VALUES', 'WHEN', 'WHERE', 'WINDOW', 'WINDOWED', 'WITH', 'ROWTIME',
]);

export class TokenCursor {
  private i = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  peek(ahead = 0): Token {
    return this.tokens[Math.min(this.i + ahead, this.tokens.length - 1)]!;
  }

  next(): Token {
    const t = this.peek();
    if (this.i < this.tokens.length - 1) this.i++;
    return t;
  }

  /** True when the next token is the given keyword (an unquoted word) or operator. */
  is(value: string, ahead = 0): boolean {
    const t = this.peek(ahead);
    return (t.type === 'word' || t.type === 'op') && t.value === value;
  }

  accept(value: string): boolean {
    if (!this.is(value)) return false;
    this.next();
    return true;
  }

  /** Accepts a sequence of keywords, all or nothing. */
  acceptAll(...values: string[]): boolean {
    for (let k = 0; k < values.length; k++) if (!this.is(values[k]!, k)) return false;
    for (let k = 0; k < values.length; k++) this.next();
    return true;
  }

  expect(value: string): Token {
    if (!this.is(value)) throw this.error(`Encountered ${describe(this.peek())}, expected "${value}"`);
    return this.next();
  }

  /** An identifier: a quoted name, or an unquoted word that is not reserved. */
  isIdentifier(ahead = 0): boolean {
    const t = this.peek(ahead);
    return t.type === 'qident' || (t.type === 'word' && !RESERVED.has(t.value));
  }

  identifier(what = 'an identifier'): string {
    const t = this.peek();
    if (t.type === 'qident') return this.next().value;
    if (t.type === 'word') {
      if (RESERVED.has(t.value)) throw this.error(`Encountered reserved word "${t.value}", expected ${what} (quote it to use it as a name)`);
      return this.next().value;
    }
    throw this.error(`Encountered ${describe(t)}, expected ${what}`);
  }

  error(message: string, at: Token = this.peek()): SqlCompileError {
    return new SqlCompileError(message, at.pos);
  }
}

export function describe(t: Token): string {
  switch (t.type) {
    case 'eof':
      return 'end of input';
    case 'string':
      return `'${t.value}'`;
    case 'qident':
      return `"${t.value}"`;
    default:
      return `"${t.value}"`;
  }
}
