/**
 * Expressions, by precedence: OR < AND < NOT < predicates (comparison, IS, LIKE, SIMILAR TO, BETWEEN, IN) <
 * additive (+ - ||) < multiplicative (* /) < unary sign < primary. Also window specifications (OVER …).
 */
import { SqlCompileError } from '../errors.js';
import type { SqlType } from '../types.js';
import {
  node,
  type BinaryOp,
  type CallExpr,
  type Expr,
  type OrderItem,
  type Pos,
  type TimeUnit,
  type WindowFrame,
  type WindowSpec,
} from './ast.js';
import { decodeUnicodeString, type Token } from './lexer.js';
import { parseType } from './parse-type.js';
import { RESERVED, TokenCursor, describe } from './token-cursor.js';
import { parseDate, parseTime, parseTimestamp } from '../functions/datetime-literals.js';

const T = (name: SqlType['name'], extra: Partial<SqlType> = {}): SqlType => Object.freeze({ name, nullable: false, ...extra });

export function parseExpr(c: TokenCursor): Expr {
  return parseOr(c);
}

function parseOr(c: TokenCursor): Expr {
  let left = parseAnd(c);
  while (c.is('OR')) {
    const pos = c.next().pos;
    left = node({ kind: 'Binary', op: 'OR', left, right: parseAnd(c), pos });
  }
  return left;
}

function parseAnd(c: TokenCursor): Expr {
  let left = parseNot(c);
  while (c.is('AND')) {
    const pos = c.next().pos;
    left = node({ kind: 'Binary', op: 'AND', left, right: parseNot(c), pos });
  }
  return left;
}

function parseNot(c: TokenCursor): Expr {
  if (c.is('NOT')) {
    const pos = c.next().pos;
    return node({ kind: 'Unary', op: 'NOT', operand: parseNot(c), pos });
  }
  return parsePredicate(c);
}

const COMPARISON = new Set(['=', '<>', '<', '<=', '>', '>=']);

function parsePredicate(c: TokenCursor): Expr {
  let left = parseAdditive(c);
  for (;;) {
    const t = c.peek();
    if (t.type === 'op' && COMPARISON.has(t.value)) {
      c.next();
      left = node({ kind: 'Binary', op: t.value as BinaryOp, left, right: parseAdditive(c), pos: t.pos });
      continue;
    }
    if (c.is('IS')) {
      c.next();
      const negated = c.accept('NOT');
      const w = c.next();
      if (!['NULL', 'TRUE', 'FALSE', 'UNKNOWN'].includes(w.value) || w.type !== 'word') {
        throw c.error(`Encountered ${describe(w)}, expected NULL, TRUE, FALSE or UNKNOWN`, w);
      }
      left = node({ kind: 'Is', operand: left, test: w.value as 'NULL', negated, pos: t.pos });
      continue;
    }
    const negated = c.is('NOT') && (c.is('LIKE', 1) || c.is('SIMILAR', 1) || c.is('BETWEEN', 1) || c.is('IN', 1));
    if (negated) c.next();
    let similar = false;
    let like = c.accept('LIKE');
    if (!like && c.acceptAll('SIMILAR', 'TO')) like = similar = true;
    if (like) {
      const pattern = parseAdditive(c);
      const escape = c.accept('ESCAPE') ? parseAdditive(c) : undefined;
      left = node({ kind: 'Like', operand: left, pattern, ...(escape ? { escape } : {}), negated, similar, pos: t.pos });
      continue;
    }
    if (c.accept('BETWEEN')) {
      c.accept('ASYMMETRIC');
      const low = parseAdditive(c);
      c.expect('AND');
      const high = parseAdditive(c);
      left = node({ kind: 'Between', operand: left, low, high, negated, pos: t.pos });
      continue;
    }
    if (c.accept('IN')) {
      c.expect('(');
      const list = [parseExpr(c)];
      while (c.accept(',')) list.push(parseExpr(c));
      c.expect(')');
      left = node({ kind: 'In', operand: left, list: Object.freeze(list), negated, pos: t.pos });
      continue;
    }
    if (negated) throw c.error(`Encountered ${describe(c.peek())}, expected LIKE, SIMILAR TO, BETWEEN or IN`);
    return left;
  }
}

function parseAdditive(c: TokenCursor): Expr {
  let left = parseMultiplicative(c);
  for (;;) {
    const t = c.peek();
    if (t.type === 'op' && (t.value === '+' || t.value === '-' || t.value === '||')) {
      c.next();
      left = node({ kind: 'Binary', op: t.value as BinaryOp, left, right: parseMultiplicative(c), pos: t.pos });
    } else return left;
  }
}

function parseMultiplicative(c: TokenCursor): Expr {
  let left = parseUnary(c);
  for (;;) {
    const t = c.peek();
    if (t.type === 'op' && (t.value === '*' || t.value === '/')) {
      c.next();
      left = node({ kind: 'Binary', op: t.value as BinaryOp, left, right: parseUnary(c), pos: t.pos });
    } else return left;
  }
}

function parseUnary(c: TokenCursor): Expr {
  const t = c.peek();
  if (t.type === 'op' && (t.value === '-' || t.value === '+')) {
    c.next();
    const operand = parseUnary(c);
    // Fold the sign into numeric literals so -2147483648 is an INTEGER literal, not an overflow.
    if (operand.kind === 'Literal' && typeof operand.value === 'number' && t.value === '-') {
      return node({ ...operand, value: -operand.value, pos: t.pos });
    }
    return node({ kind: 'Unary', op: t.value as '-' | '+', operand, pos: t.pos });
  }
  return parsePrimary(c);
}

const NILADIC = new Set(['CURRENT_ROW_TIMESTAMP', 'CURRENT_TIMESTAMP', 'CURRENT_DATE', 'CURRENT_TIME', 'LOCALTIME', 'LOCALTIMESTAMP']);
const UNITS = new Set(['YEAR', 'MONTH', 'DAY', 'HOUR', 'MINUTE', 'SECOND', 'MILLISECOND']);

function parsePrimary(c: TokenCursor): Expr {
  const t = c.peek();
  const pos = t.pos;
  switch (t.type) {
    case 'number':
      c.next();
      return numberLiteral(t);
    case 'string': {
      c.next();
      let text = t.value;
      // Adjacent literals concatenate ('abc' 'def'), as in SQL:2008.
      while (c.peek().type === 'string') text += c.next().value;
      return node({ kind: 'Literal', type: T('CHAR', { precision: text.length }), value: text, pos });
    }
    case 'ustring': {
      c.next();
      let escape = '\\';
      if (c.accept('UESCAPE')) {
        const e = c.next();
        if (e.type !== 'string' || e.value.length !== 1) throw c.error('UESCAPE needs a one-character string', e);
        escape = e.value;
      }
      let text: string;
      try {
        text = decodeUnicodeString(t.value, escape);
      } catch (err) {
        throw new SqlCompileError((err as Error).message, pos);
      }
      return node({ kind: 'Literal', type: T('CHAR', { precision: text.length }), value: text, pos });
    }
    case 'binary': {
      c.next();
      const bytes = Uint8Array.from(t.value.match(/../g) ?? [], (h) => parseInt(h, 16));
      return node({ kind: 'Literal', type: T('BINARY', { precision: bytes.length }), value: bytes, pos });
    }
    case 'qident':
      return parseNameOrCall(c);
    case 'op':
      if (t.value === '(') {
        c.next();
        const first = parseExpr(c);
        if (c.accept(',')) {
          const items = [first, parseExpr(c)];
          while (c.accept(',')) items.push(parseExpr(c));
          c.expect(')');
          return node({ kind: 'RowConstructor', items: Object.freeze(items), pos });
        }
        c.expect(')');
        // `(ts1 - ts2) MINUTE [TO SECOND]`: an interval qualifier on a parenthesised difference.
        if (c.peek().type === 'word' && UNITS.has(c.peek().value) && c.peek().value !== 'MILLISECOND') {
          const start = intervalUnit(c);
          skipPrecision(c);
          if (c.accept('TO')) {
            intervalUnit(c);
            skipPrecision(c);
          }
          const ym = start === 'YEAR' || start === 'MONTH';
          return node({ kind: 'Cast', operand: first, type: T(ym ? 'INTERVAL_YEAR_MONTH' : 'INTERVAL_DAY_SECOND', { nullable: true }), pos });
        }
        return first;
      }
      break;
    case 'word':
      switch (t.value) {
        case 'NULL':
          c.next();
          return node({ kind: 'Literal', type: Object.freeze({ name: 'NULL', nullable: true }), value: null, pos });
        case 'TRUE':
        case 'FALSE':
          c.next();
          return node({ kind: 'Literal', type: T('BOOLEAN'), value: t.value === 'TRUE', pos });
        case 'UNKNOWN':
          c.next();
          return node({ kind: 'Literal', type: Object.freeze({ name: 'BOOLEAN', nullable: true }), value: null, pos });
        case 'INTERVAL':
          return parseIntervalLiteral(c);
        case 'DATE':
        case 'TIME':
        case 'TIMESTAMP':
          if (c.peek(1).type === 'string') return parseDatetimeLiteral(c);
          break;
        case 'CASE':
          return parseCase(c);
        case 'CAST':
          return parseCast(c);
        case 'ROW':
          if (c.is('(', 1)) {
            c.next();
            c.next();
            const items = [parseExpr(c)];
            while (c.accept(',')) items.push(parseExpr(c));
            c.expect(')');
            return node({ kind: 'RowConstructor', items: Object.freeze(items), pos });
          }
          break;
        case 'ROWTIME':
          c.next();
          return node({ kind: 'Ref', parts: Object.freeze(['ROWTIME']), pos });
      }
      if (NILADIC.has(t.value) && !c.is('(', 1)) {
        c.next();
        return node({ kind: 'Call', name: t.value, args: Object.freeze([]), star: false, distinct: false, niladic: true, pos });
      }
      if (RESERVED.has(t.value)) break;
      return parseNameOrCall(c);
  }
  throw c.error(`Encountered ${describe(t)}, expected an expression`);
}

function numberLiteral(t: Token): Expr {
  const text = t.value;
  if (/[eE]/.test(text)) return node({ kind: 'Literal', type: T('DOUBLE'), value: Number(text), pos: t.pos });
  if (text.includes('.')) {
    const [i = '', f = ''] = text.split('.');
    const intDigits = i.replace(/^0+/, '').length;
    return node({
      kind: 'Literal',
      type: T('DECIMAL', { precision: Math.max(1, intDigits + f.length), scale: f.length }),
      value: Number(text),
      pos: t.pos,
    });
  }
  const v = Number(text);
  if (v > 9223372036854775807) throw new SqlCompileError(`Numeric literal '${text}' out of range`, t.pos);
  return node({ kind: 'Literal', type: T(v <= 2147483647 ? 'INTEGER' : 'BIGINT'), value: v, pos: t.pos });
}

function parseDatetimeLiteral(c: TokenCursor): Expr {
  const kw = c.next();
  const s = c.next();
  try {
    const value = kw.value === 'DATE' ? parseDate(s.value) : kw.value === 'TIME' ? parseTime(s.value) : parseTimestamp(s.value);
    return node({ kind: 'Literal', type: T(kw.value as 'DATE'), value, pos: kw.pos });
  } catch {
    throw new SqlCompileError(`Illegal ${kw.value} literal '${s.value}'`, s.pos);
  }
}

const UNIT_MS: Record<string, number> = { DAY: 86_400_000, HOUR: 3_600_000, MINUTE: 60_000, SECOND: 1000, MILLISECOND: 1 };
const DAY_SECOND_ORDER = ['DAY', 'HOUR', 'MINUTE', 'SECOND'];
const UNIT_LIMIT: Record<string, number> = { HOUR: 24, MINUTE: 60, SECOND: 60, MONTH: 12 };

/** `INTERVAL [-]'n' unit [(p)] [TO unit]` → milliseconds (day-time) or months (year-month). */
function parseIntervalLiteral(c: TokenCursor): Expr {
  const kw = c.next();
  let sign = 1;
  if (c.accept('-')) sign = -1;
  else c.accept('+');
  const s = c.next();
  if (s.type !== 'string') throw c.error(`Encountered ${describe(s)}, expected an interval string such as '10'`, s);
  const start = intervalUnit(c);
  skipPrecision(c);
  let end = start;
  if (c.accept('TO')) {
    end = intervalUnit(c);
    skipPrecision(c);
  }
  let text = s.value.trim();
  if (text.startsWith('-')) {
    sign = -sign;
    text = text.slice(1).trim();
  } else if (text.startsWith('+')) text = text.slice(1).trim();
  const bad = (): never => {
    throw new SqlCompileError(`Illegal interval literal '${s.value}' for ${start}${end !== start ? ` TO ${end}` : ''}`, s.pos);
  };
  if (start === 'YEAR' || start === 'MONTH') {
    if (end !== start && !(start === 'YEAR' && end === 'MONTH')) bad();
    const parts = text.split('-');
    if (!parts.every((p) => /^\d+$/.test(p))) bad();
    let months: number;
    if (start === 'YEAR' && end === 'MONTH') {
      if (parts.length !== 2 || Number(parts[1]) >= 12) bad();
      months = Number(parts[0]) * 12 + Number(parts[1]);
    } else {
      if (parts.length !== 1) bad();
      months = Number(parts[0]) * (start === 'YEAR' ? 12 : 1);
    }
    return node({ kind: 'Literal', type: T('INTERVAL_YEAR_MONTH', { precision: months }), value: sign * months, pos: kw.pos });
  }
  const from = DAY_SECOND_ORDER.indexOf(start);
  const to = DAY_SECOND_ORDER.indexOf(end);
  if (from < 0 || to < from) bad();
  const fields = text.split(/[ :]/).filter((p) => p !== '');
  if (fields.length !== to - from + 1) bad();
  let ms = 0;
  fields.forEach((f, k) => {
    const unit = DAY_SECOND_ORDER[from + k]!;
    const isLast = k === fields.length - 1;
    if (!(isLast && unit === 'SECOND' ? /^\d+(\.\d*)?$|^\.\d+$/ : /^\d+$/).test(f)) bad();
    const v = Number(f);
    if (k > 0 && v >= (UNIT_LIMIT[unit] ?? Infinity)) bad();
    ms += Math.round(v * UNIT_MS[unit]!);
  });
  return node({ kind: 'Literal', type: T('INTERVAL_DAY_SECOND'), value: sign * ms, pos: kw.pos });
}

function intervalUnit(c: TokenCursor): string {
  const u = c.next();
  if (u.type !== 'word' || !UNITS.has(u.value)) throw c.error(`Encountered ${describe(u)}, expected an interval unit (YEAR, MONTH, DAY, HOUR, MINUTE, SECOND)`, u);
  return u.value;
}

function skipPrecision(c: TokenCursor): void {
  if (c.accept('(')) {
    c.next();
    if (c.accept(',')) c.next();
    c.expect(')');
  }
}

function timeUnit(c: TokenCursor): TimeUnit {
  const u = c.next();
  if (u.type !== 'word' || !UNITS.has(u.value)) throw c.error(`Encountered ${describe(u)}, expected a time unit`, u);
  return u.value as TimeUnit;
}

function parseCase(c: TokenCursor): Expr {
  const pos = c.next().pos;
  const operand = c.is('WHEN') ? undefined : parseExpr(c);
  const whens: { when: Expr; then: Expr }[] = [];
  while (c.accept('WHEN')) {
    const when = parseExpr(c);
    c.expect('THEN');
    whens.push(Object.freeze({ when, then: parseExpr(c) }));
  }
  if (whens.length === 0) throw c.error(`Encountered ${describe(c.peek())}, expected WHEN`);
  const elseExpr = c.accept('ELSE') ? parseExpr(c) : undefined;
  c.expect('END');
  return node({ kind: 'Case', ...(operand ? { operand } : {}), whens: Object.freeze(whens), ...(elseExpr ? { else: elseExpr } : {}), pos });
}

function parseCast(c: TokenCursor): Expr {
  const pos = c.next().pos;
  c.expect('(');
  const operand = parseExpr(c);
  c.expect('AS');
  const type = parseType(c);
  c.expect(')');
  return node({ kind: 'Cast', operand, type, pos });
}

/** A dotted name, or a function call with its special argument syntaxes. */
function parseNameOrCall(c: TokenCursor): Expr {
  const first = c.peek();
  const pos = first.pos;
  if (first.type === 'word' && c.is('(', 1)) return parseCall(c);
  const parts = [c.identifier('a name')];
  while (c.is('.') && (c.peek(1).type === 'word' || c.peek(1).type === 'qident')) {
    c.next();
    parts.push(c.next().value);
  }
  return node({ kind: 'Ref', parts: Object.freeze(parts), pos });
}

function call(name: string, args: Expr[], pos: Pos, extra: Partial<CallExpr> = {}): CallExpr {
  return node({ kind: 'Call', name, args: Object.freeze(args), star: false, distinct: false, pos, ...extra });
}

function str(text: string, pos: Pos): Expr {
  return node({ kind: 'Literal', type: T('CHAR', { precision: text.length }), value: text, pos });
}

function parseCall(c: TokenCursor): Expr {
  const nameTok = c.next();
  const name = nameTok.value;
  const pos = nameTok.pos;
  c.expect('(');
  switch (name) {
    case 'FLOOR':
    case 'CEIL':
    case 'CEILING': {
      const operand = parseExpr(c);
      if (c.accept('TO')) {
        const unit = timeUnit(c);
        c.expect(')');
        return node({ kind: 'FloorCeil', fn: name === 'FLOOR' ? 'FLOOR' : 'CEIL', operand, unit, pos });
      }
      c.expect(')');
      return call(name === 'CEILING' ? 'CEIL' : name, [operand], pos);
    }
    case 'STEP': {
      const operand = parseExpr(c);
      c.expect('BY');
      const width = parseExpr(c);
      c.expect(')');
      return node({ kind: 'Step', operand, width, pos });
    }
    case 'EXTRACT': {
      const unit = timeUnit(c);
      c.expect('FROM');
      const operand = parseExpr(c);
      c.expect(')');
      return node({ kind: 'Extract', unit, operand, pos });
    }
    case 'POSITION': {
      const needle = parseAdditive(c);
      c.expect('IN');
      const hay = parseExpr(c);
      const args = [needle, hay];
      if (c.accept('FROM')) args.push(parseExpr(c));
      c.expect(')');
      return call(name, args, pos);
    }
    case 'SUBSTRING': {
      const s = parseExpr(c);
      if (c.accept('FROM')) {
        const args = [s, parseExpr(c)];
        if (c.accept('FOR')) args.push(parseExpr(c));
        c.expect(')');
        return call(name, args, pos);
      }
      if (c.accept('SIMILAR')) {
        const pattern = parseExpr(c);
        c.expect('ESCAPE');
        const esc = parseExpr(c);
        c.expect(')');
        return call('SUBSTRING_SIMILAR', [s, pattern, esc], pos);
      }
      const args = [s];
      while (c.accept(',')) args.push(parseExpr(c));
      c.expect(')');
      return call(name, args, pos);
    }
    case 'OVERLAY': {
      const s = parseExpr(c);
      c.expect('PLACING');
      const r = parseExpr(c);
      c.expect('FROM');
      const args = [s, r, parseExpr(c)];
      if (c.accept('FOR')) args.push(parseExpr(c));
      c.expect(')');
      return call(name, args, pos);
    }
    case 'TRIM': {
      // Normalised to TRIM(side, character, string).
      let side = 'BOTH';
      if (c.is('LEADING') || c.is('TRAILING') || c.is('BOTH')) side = c.next().value;
      let chars: Expr | undefined;
      let s: Expr;
      if (c.accept('FROM')) s = parseExpr(c);
      else {
        const first = parseExpr(c);
        if (c.accept('FROM')) {
          chars = first;
          s = parseExpr(c);
        } else s = first;
      }
      c.expect(')');
      return call(name, [str(side, pos), chars ?? str(' ', pos), s], pos);
    }
  }
  if (c.accept(')')) return withAnalytics(c, call(name, [], pos));
  if (c.is('*') && c.is(')', 1)) {
    c.next();
    c.next();
    return withAnalytics(c, call(name, [], pos, { star: true }));
  }
  const distinct = c.accept('DISTINCT');
  if (!distinct) c.accept('ALL');
  const args = [parseExpr(c)];
  while (c.accept(',')) args.push(parseExpr(c));
  let nulls: 'IGNORE' | 'RESPECT' | undefined;
  if (c.acceptAll('IGNORE', 'NULLS')) nulls = 'IGNORE';
  else if (c.acceptAll('RESPECT', 'NULLS')) nulls = 'RESPECT';
  c.expect(')');
  return withAnalytics(c, call(name, args, pos, { distinct, ...(nulls ? { nulls } : {}) }));
}

/** `FROM FIRST|LAST`, `IGNORE|RESPECT NULLS` and `OVER …` after an aggregate's parentheses. */
function withAnalytics(c: TokenCursor, fn: CallExpr): CallExpr {
  let extra: Partial<CallExpr> = {};
  // Only NTH_VALUE takes FROM FIRST | FROM LAST (elsewhere FROM starts the FROM clause).
  if (fn.name === 'NTH_VALUE' && c.acceptAll('FROM', 'FIRST')) extra = { ...extra, fromLast: false };
  else if (fn.name === 'NTH_VALUE' && c.acceptAll('FROM', 'LAST')) extra = { ...extra, fromLast: true };
  if (c.acceptAll('IGNORE', 'NULLS')) extra = { ...extra, nulls: 'IGNORE' };
  else if (c.acceptAll('RESPECT', 'NULLS')) extra = { ...extra, nulls: 'RESPECT' };
  if (c.accept('OVER')) extra = { ...extra, over: c.is('(') ? parseWindowSpec(c) : c.identifier('a window name') };
  return Object.keys(extra).length ? node({ ...fn, ...extra }) : fn;
}

/** `( [base] [PARTITION BY …] [ORDER BY …] [RANGE|ROWS …] )`. */
export function parseWindowSpec(c: TokenCursor): WindowSpec {
  const pos = c.expect('(').pos;
  let base: string | undefined;
  if (c.isIdentifier() && !c.is('PARTITION') && !c.is('ORDER') && !c.is('RANGE') && !c.is('ROWS')) base = c.identifier();
  const partitionBy: Expr[] = [];
  if (c.acceptAll('PARTITION', 'BY')) {
    partitionBy.push(parseExpr(c));
    while (c.accept(',')) partitionBy.push(parseExpr(c));
  }
  const orderBy = c.acceptAll('ORDER', 'BY') ? parseOrderList(c) : [];
  let frame: WindowFrame | undefined;
  if (c.is('RANGE') || c.is('ROWS')) {
    const u = c.next();
    const unit = u.value as 'RANGE' | 'ROWS';
    let preceding: Expr | 'CURRENT ROW';
    if (c.acceptAll('CURRENT', 'ROW')) preceding = 'CURRENT ROW';
    else if (c.acceptAll('UNBOUNDED', 'PRECEDING')) {
      throw new SqlCompileError('Unbounded windows are not allowed on a stream; use RANGE INTERVAL … PRECEDING or ROWS n PRECEDING', u.pos);
    } else {
      if (c.accept('BETWEEN')) throw c.error('Offset windows (BETWEEN … AND …) are not allowed; a window must end at CURRENT ROW');
      preceding = parseAdditive(c);
      if (c.accept('FOLLOWING')) throw new SqlCompileError('Windows that end after the current row (FOLLOWING) are not allowed', u.pos);
      c.expect('PRECEDING');
    }
    frame = Object.freeze({ unit, preceding, pos: u.pos });
  }
  c.expect(')');
  return node({ kind: 'WindowSpec', ...(base ? { base } : {}), partitionBy: Object.freeze(partitionBy), orderBy, ...(frame ? { frame } : {}), pos });
}

export function parseOrderList(c: TokenCursor): readonly OrderItem[] {
  const items: OrderItem[] = [];
  do {
    const expr = parseExpr(c);
    let desc = false;
    if (c.accept('DESC')) desc = true;
    else c.accept('ASC');
    items.push(Object.freeze({ expr, desc }));
  } while (c.accept(','));
  return Object.freeze(items);
}
