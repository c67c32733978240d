/** Queries: SELECT [STREAM] …, VALUES, UNION ALL, and FROM items (streams, subqueries, joins, TABLE(FN(CURSOR(…)))). */
import {
  node,
  type CursorArg,
  type Expr,
  type FromItem,
  type NamedWindow,
  type Query,
  type SelectItem,
  type StarItem,
  type WindowSpec,
} from './ast.js';
import { parseExpr, parseOrderList, parseWindowSpec } from './parse-expression.js';
import { TokenCursor, describe } from './token-cursor.js';

export function parseQuery(c: TokenCursor): Query {
  let left = parseQueryTerm(c);
  let lastBare = false;
  while (c.is('UNION')) {
    const pos = c.next().pos;
    const all = c.accept('ALL');
    if (!all) c.accept('DISTINCT');
    lastBare = !c.is('(');
    left = node({ kind: 'Union', all, left, right: parseQueryTerm(c), pos });
  }
  return lastBare ? hoistUnionOrderBy(left) : left;
}

/**
 * The ORDER BY after the last SELECT of a UNION (not in parentheses) belongs to the union: the last SELECT parsed
 * it as its own, so move it up.
 */
function hoistUnionOrderBy(q: Query): Query {
  if (q.kind !== 'Union' || q.right.kind !== 'Select' || !q.right.orderBy || q.right.orderWithin) return q;
  const { orderBy, ...right } = q.right;
  return node({ ...q, right: node(right), orderBy });
}

function parseQueryTerm(c: TokenCursor): Query {
  if (c.is('(')) {
    c.next();
    const q = parseQuery(c);
    c.expect(')');
    return q;
  }
  if (c.is('VALUES')) {
    const pos = c.next().pos;
    const rows: Expr[][] = [];
    do {
      c.expect('(');
      const row = [parseExpr(c)];
      while (c.accept(',')) row.push(parseExpr(c));
      c.expect(')');
      rows.push(Object.freeze(row) as Expr[]);
    } while (c.accept(','));
    return node({ kind: 'Values', rows: Object.freeze(rows), pos });
  }
  if (!c.is('SELECT')) throw c.error(`Encountered ${describe(c.peek())}, expected SELECT or VALUES`);
  return parseSelect(c);
}

function parseSelect(c: TokenCursor): Query {
  const pos = c.expect('SELECT').pos;
  const stream = c.accept('STREAM');
  const distinct = c.accept('DISTINCT');
  if (!distinct) c.accept('ALL');
  const items: (SelectItem | StarItem)[] = [];
  do items.push(parseSelectItem(c));
  while (c.accept(','));
  const from = c.accept('FROM') ? parseFrom(c) : undefined;
  const where = c.accept('WHERE') ? parseExpr(c) : undefined;
  let groupBy: Expr[] | undefined;
  let stagger: { partitionBy: readonly Expr[]; range: Expr; pos: typeof pos } | undefined;
  if (c.acceptAll('GROUP', 'BY')) {
    groupBy = [parseExpr(c)];
    while (c.accept(',')) groupBy.push(parseExpr(c));
  } else if (c.is('WINDOWED')) {
    const wpos = c.next().pos;
    c.expect('BY');
    c.expect('STAGGER');
    c.expect('(');
    c.expect('PARTITION');
    c.expect('BY');
    const partitionBy = [parseExpr(c)];
    while (c.accept(',')) partitionBy.push(parseExpr(c));
    c.expect('RANGE');
    const range = parseExpr(c);
    c.expect(')');
    stagger = Object.freeze({ partitionBy: Object.freeze(partitionBy), range, pos: wpos });
  }
  const having = c.accept('HAVING') ? parseExpr(c) : undefined;
  const windows: NamedWindow[] = [];
  if (c.accept('WINDOW')) {
    do {
      const name = c.identifier('a window name');
      c.expect('AS');
      windows.push(Object.freeze({ name, spec: parseWindowSpec(c) }));
    } while (c.accept(','));
  }
  const orderBy = c.acceptAll('ORDER', 'BY') ? parseOrderList(c) : undefined;
  const orderWithin = orderBy && c.accept('WITHIN') ? parseExpr(c) : undefined;
  return node({
    kind: 'Select',
    stream,
    distinct,
    items: Object.freeze(items),
    ...(from ? { from } : {}),
    ...(where ? { where } : {}),
    ...(groupBy ? { groupBy: Object.freeze(groupBy) } : {}),
    ...(stagger ? { stagger } : {}),
    ...(having ? { having } : {}),
    windows: Object.freeze(windows),
    ...(orderBy ? { orderBy } : {}),
    ...(orderWithin ? { orderWithin } : {}),
    pos,
  });
}

function parseSelectItem(c: TokenCursor): SelectItem | StarItem {
  const t = c.peek();
  if (c.is('*')) {
    c.next();
    return node({ kind: 'Star', pos: t.pos });
  }
  if ((t.type === 'word' || t.type === 'qident') && c.is('.', 1) && c.is('*', 2)) {
    c.next();
    c.next();
    c.next();
    return node({ kind: 'Star', qualifier: t.value, pos: t.pos });
  }
  const expr = parseExpr(c);
  let alias: string | undefined;
  if (c.accept('AS')) alias = c.accept('ROWTIME') ? 'ROWTIME' : c.identifier('an alias');
  else if (c.isIdentifier()) alias = c.identifier();
  return node({ kind: 'SelectItem', expr, ...(alias !== undefined ? { alias } : {}), pos: t.pos });
}

function parseFrom(c: TokenCursor): FromItem {
  let left = parseFromPrimary(c);
  for (;;) {
    const pos = c.peek().pos;
    if (c.accept(',')) {
      left = node({ kind: 'Join', joinType: 'CROSS', left, right: parseFromPrimary(c), pos });
      continue;
    }
    if (c.is('NATURAL')) throw c.error('NATURAL JOIN is not supported; use JOIN … ON');
    let joinType: 'INNER' | 'LEFT' | 'RIGHT' | 'FULL' | 'CROSS' | undefined;
    if (c.acceptAll('CROSS', 'JOIN')) joinType = 'CROSS';
    else if (c.accept('JOIN') || c.acceptAll('INNER', 'JOIN')) joinType = 'INNER';
    else if (c.is('LEFT') || c.is('RIGHT') || c.is('FULL')) {
      joinType = c.next().value as 'LEFT';
      c.accept('OUTER');
      c.expect('JOIN');
    }
    if (!joinType) return left;
    const right = parseFromPrimary(c);
    let on: Expr | undefined;
    if (joinType !== 'CROSS') {
      if (c.is('USING')) throw c.error('JOIN … USING is not supported; use JOIN … ON');
      c.expect('ON');
      on = parseExpr(c);
    }
    left = node({ kind: 'Join', joinType, left, right, ...(on ? { on } : {}), pos });
  }
}

function parseOver(c: TokenCursor): WindowSpec | string | undefined {
  if (!c.accept('OVER')) return undefined;
  return c.is('(') ? parseWindowSpec(c) : c.identifier('a window name');
}

function parseAlias(c: TokenCursor): { alias?: string; columnAliases?: readonly string[] } {
  let alias: string | undefined;
  if (c.accept('AS')) alias = c.identifier('an alias');
  else if (c.isIdentifier()) alias = c.identifier();
  if (alias === undefined) return {};
  if (c.is('(') && (c.peek(1).type === 'word' || c.peek(1).type === 'qident')) {
    c.next();
    const cols = [c.identifier('a column alias')];
    while (c.accept(',')) cols.push(c.identifier('a column alias'));
    c.expect(')');
    return { alias, columnAliases: Object.freeze(cols) };
  }
  return { alias };
}

function parseFromPrimary(c: TokenCursor): FromItem {
  const t = c.peek();
  if (c.is('(')) {
    c.next();
    const query = parseQuery(c);
    c.expect(')');
    const over = parseOver(c);
    return node({ kind: 'Subquery', query, ...(over ? { over } : {}), ...parseAlias(c), pos: t.pos });
  }
  if (c.is('TABLE') && c.is('(', 1)) {
    c.next();
    c.next();
    const fnTok = c.peek();
    const name = c.next().value;
    if (fnTok.type !== 'word' && fnTok.type !== 'qident') throw c.error(`Encountered ${describe(fnTok)}, expected a table function name`, fnTok);
    c.expect('(');
    const args: (Expr | CursorArg)[] = [];
    if (!c.is(')')) {
      do {
        if (c.is('CURSOR')) {
          const cpos = c.next().pos;
          c.expect('(');
          const query = parseQuery(c);
          c.expect(')');
          args.push(node({ kind: 'Cursor', query, pos: cpos }));
        } else args.push(parseExpr(c));
      } while (c.accept(','));
    }
    c.expect(')');
    c.expect(')');
    return node({ kind: 'TableFunction', name, args: Object.freeze(args), ...parseAlias(c), pos: fnTok.pos });
  }
  const name = [c.identifier('a stream or table name')];
  while (c.accept('.')) name.push(c.identifier('a stream or table name'));
  const over = parseOver(c);
  return node({ kind: 'TableRef', name: Object.freeze(name), ...(over ? { over } : {}), ...parseAlias(c), pos: t.pos });
}
