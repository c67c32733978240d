/**
 * Entry point of the syntax layer: application code → Script (CREATE STREAM and CREATE PUMP statements). Errors are
 * SqlCompileError with the line and column of the offending token.
 */
import { SqlCompileError } from '../errors.js';
import { node, type ColumnDef, type Expr, type Query, type Script, type Statement } from './ast.js';
import { tokenize } from './lexer.js';
import { parseExpr } from './parse-expression.js';
import { parseQuery } from './parse-query.js';
import { parseType } from './parse-type.js';
import { TokenCursor, describe } from './token-cursor.js';

export function parseScript(source: string): Script {
  const c = new TokenCursor(tokenize(source));
  const statements: Statement[] = [];
  for (;;) {
    while (c.accept(';')) {
      /* empty statement */
    }
    if (c.peek().type === 'eof') break;
    statements.push(parseStatement(c));
    if (c.peek().type !== 'eof' && !c.is(';')) throw c.error(`Encountered ${describe(c.peek())}, expected ";"`);
  }
  return node({ kind: 'Script', statements: Object.freeze(statements) });
}

/** A lone query (tests, the console's ad-hoc preview). */
export function parseQueryText(source: string): Query {
  const c = new TokenCursor(tokenize(source));
  const q = parseQuery(c);
  c.accept(';');
  if (c.peek().type !== 'eof') throw c.error(`Encountered ${describe(c.peek())}, expected end of query`);
  return q;
}

/** A lone expression (tests of the evaluators). */
export function parseExpressionText(source: string): Expr {
  const c = new TokenCursor(tokenize(source));
  const e = parseExpr(c);
  if (c.peek().type !== 'eof') throw c.error(`Encountered ${describe(c.peek())}, expected end of expression`);
  return e;
}

function parseStatement(c: TokenCursor): Statement {
  const start = c.peek();
  if (!c.is('CREATE')) {
    if (c.is('SELECT') || c.is('INSERT')) {
      throw c.error('A query must run inside a pump: CREATE PUMP … AS INSERT INTO <stream> SELECT STREAM …');
    }
    throw c.error(`Encountered ${describe(start)}, expected CREATE STREAM or CREATE PUMP`);
  }
  c.next();
  const orReplace = c.acceptAll('OR', 'REPLACE');
  if (c.accept('STREAM')) {
    const name = qualifiedName(c, 'a stream name');
    c.expect('(');
    const columns: ColumnDef[] = [];
    do {
      const pos = c.peek().pos;
      const colName = c.identifier('a column name');
      const type = parseType(c);
      let nullable = true;
      if (c.acceptAll('NOT', 'NULL')) nullable = false;
      else c.accept('NULL');
      columns.push(Object.freeze({ name: colName, type: nullable ? type : Object.freeze({ ...type, nullable: false }), pos }));
    } while (c.accept(','));
    c.expect(')');
    const description = parseDescription(c);
    const seen = new Set<string>();
    for (const col of columns) {
      if (seen.has(col.name)) throw new SqlCompileError(`Duplicate column name '${col.name}'`, col.pos);
      seen.add(col.name);
    }
    return node({ kind: 'CreateStream', orReplace, name, columns: Object.freeze(columns), ...(description !== undefined ? { description } : {}), pos: start.pos });
  }
  if (c.accept('PUMP')) {
    const name = qualifiedName(c, 'a pump name');
    const description = parseDescription(c);
    c.expect('AS');
    c.expect('INSERT');
    c.accept('EXPEDITED');
    c.expect('INTO');
    const target = qualifiedName(c, 'a stream name');
    let targetColumns: string[] | undefined;
    if (c.is('(') && !c.is('SELECT', 1) && !c.is('VALUES', 1) && !c.is('(', 1)) {
      c.next();
      targetColumns = [c.identifier('a column name')];
      while (c.accept(',')) targetColumns.push(c.identifier('a column name'));
      c.expect(')');
    }
    const query = parseQuery(c);
    return node({
      kind: 'CreatePump',
      orReplace,
      name,
      ...(description !== undefined ? { description } : {}),
      target,
      ...(targetColumns ? { targetColumns: Object.freeze(targetColumns) } : {}),
      query,
      pos: start.pos,
    });
  }
  const what = c.peek();
  if (what.type === 'word' && ['VIEW', 'FUNCTION', 'FOREIGN', 'TABLE', 'SCHEMA', 'SERVER'].includes(what.value)) {
    throw c.error(`CREATE ${what.value} is not supported in Kinesis Data Analytics application code; use CREATE STREAM and CREATE PUMP`);
  }
  throw c.error(`Encountered ${describe(what)}, expected STREAM or PUMP`);
}

/** `name` or `schema.name` (SQLstream-style qualification); the last part names the object. */
function qualifiedName(c: TokenCursor, what: string): string {
  let name = c.identifier(what);
  while (c.accept('.')) name = c.identifier(what);
  return name;
}

function parseDescription(c: TokenCursor): string | undefined {
  if (!c.accept('DESCRIPTION')) return undefined;
  const t = c.next();
  if (t.type !== 'string') throw c.error(`Encountered ${describe(t)}, expected a description string`, t);
  return t.value;
}
