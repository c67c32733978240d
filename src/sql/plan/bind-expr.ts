/**
 * Binding: syntax-tree expressions → typed BExpr, resolving names through a Scope and choosing each operator's
 * arithmetic by the operand types (KDA: integer ops stay integral and truncate, DECIMAL keeps a scale, any
 * approximate operand makes the result DOUBLE, time ± interval stays a time). Aggregate and analytic calls are
 * handed to the query planner through `aggregate`.
 */
import { SqlCompileError, type SourcePosition } from '../errors.js';
import { castFunction } from '../functions/conversions.js';
import { isCharacter, isIntegral, isNumeric, sqlType, typeToString, widerNumeric } from '../functions/type-rules.js';
import type { CallExpr, Expr } from '../syntax/ast.js';
import type { SqlType, SqlTypeName } from '../types.js';
import type { Helpers } from '../eval/helpers.js';
import type { BExpr } from './bound-expr.js';
import { assertedMonotonic } from './monotonic.js';
import { scalarFunction } from './scalar-registry.js';
import type { Scope } from './scope.js';

export interface BindContext {
  readonly scope: Scope;
  /**
   * Receives aggregate and analytic calls (COUNT(…), AVG(…) OVER w, LAG(…)) and returns the expression that reads
   * their result. Absent where such calls are not allowed (WHERE, GROUP BY).
   */
  readonly aggregate?: (call: CallExpr) => BExpr;
  /** In a grouped query: returns the key's reference when `e` is one of the GROUP BY expressions. */
  readonly groupKey?: (e: Expr) => BExpr | undefined;
  /** What to call the clause in messages ("WHERE clause"). */
  readonly clause?: string;
}

export const AGGREGATES = new Set([
  'COUNT', 'SUM', 'AVG', 'MIN', 'MAX', 'FIRST_VALUE', 'LAST_VALUE', 'VAR_POP', 'VAR_SAMP', 'STDDEV_POP',
  'STDDEV_SAMP', 'STDDEV', 'VARIANCE', 'EXP_AVG', 'ANY', 'SOME', 'EVERY', 'LAG', 'NTH_VALUE',
]);

/** Functions that only exist as analytic (OVER) functions. */
export const ANALYTIC_ONLY = new Set(['LAG', 'NTH_VALUE', 'EXP_AVG']);

const INT_RANGE: Partial<Record<SqlTypeName, readonly [number, number]>> = {
  TINYINT: [-128, 127],
  SMALLINT: [-32768, 32767],
  INTEGER: [-2147483648, 2147483647],
  BIGINT: [-9223372036854775808, 9223372036854775807],
};
const INT_PRECISION: Partial<Record<SqlTypeName, number>> = { TINYINT: 3, SMALLINT: 5, INTEGER: 10, BIGINT: 19 };

const BOOLEAN = sqlType('BOOLEAN');
const TIMESTAMP_NN = sqlType('TIMESTAMP', false);

function nullable(t: SqlType, n: boolean): SqlType {
  return t.nullable === n ? t : { ...t, nullable: n };
}

function anyNull(...ts: SqlType[]): boolean {
  return ts.some((t) => t.nullable || t.name === 'NULL');
}

function strict(type: SqlType, fn: keyof Helpers, args: BExpr[], extra: unknown[] = []): BExpr {
  return { k: 'strict', type, fn, args, extra };
}

export function bindExpr(e: Expr, ctx: BindContext): BExpr {
  if (ctx.groupKey) {
    const key = ctx.groupKey(e);
    if (key) return key;
  }
  switch (e.kind) {
    case 'Literal':
      return { k: 'const', type: e.type, value: e.value };
    case 'Ref': {
      if (ctx.groupKey && !(e.parts.length === 1 && e.parts[0] === 'ROWTIME')) {
        throw new SqlCompileError(`Expression '${e.parts.join('.')}' is not being grouped`, e.pos);
      }
      return ctx.scope.resolve(e.parts, e.pos);
    }
    case 'Unary': {
      const a = bindExpr(e.operand, ctx);
      if (e.op === 'NOT') return { k: 'not', type: nullable(BOOLEAN, a.type.nullable), arg: requireBoolean(a, e.pos) };
      if (e.op === '+') return a;
      return negate(a, e.pos);
    }
    case 'Binary':
      return bindBinary(e.op, bindExpr(e.left, ctx), bindExpr(e.right, ctx), e.pos);
    case 'Is': {
      const a = bindExpr(e.operand, ctx);
      if (e.test !== 'NULL') requireBoolean(a, e.pos);
      return { k: 'is', type: sqlType('BOOLEAN', false), test: e.test, negated: e.negated, arg: a };
    }
    case 'Like': {
      const s = bindExpr(e.operand, ctx);
      const p = bindExpr(e.pattern, ctx);
      const args = [s, p];
      if (e.escape) args.push(bindExpr(e.escape, ctx));
      for (const a of args) if (!isCharacter(a.type)) throw typeError(`${e.similar ? 'SIMILAR TO' : 'LIKE'} needs character operands`, e.pos);
      const test = strict(nullable(BOOLEAN, anyNull(...args.map((a) => a.type))), e.similar ? 'similar' : 'like', args);
      return e.negated ? { k: 'not', type: test.type, arg: test } : test;
    }
    case 'Between': {
      const x = bindExpr(e.operand, ctx);
      const lo = bindBinary('>=', x, bindExpr(e.low, ctx), e.pos);
      const hi = bindBinary('<=', x, bindExpr(e.high, ctx), e.pos);
      const both: BExpr = { k: 'and', type: nullable(BOOLEAN, lo.type.nullable || hi.type.nullable), args: [lo, hi] };
      return e.negated ? { k: 'not', type: both.type, arg: both } : both;
    }
    case 'In': {
      const x = bindExpr(e.operand, ctx);
      const list = e.list.map((item) => {
        const b = bindExpr(item, ctx);
        comparisonOperands(x, b, e.pos);
        return coerceTo(b, x.type);
      });
      return { k: 'in', type: nullable(BOOLEAN, anyNull(x.type, ...list.map((l) => l.type))), arg: x, list, negated: e.negated };
    }
    case 'Case':
      return bindCase(e, ctx);
    case 'Cast': {
      // `(ts1 - ts2) YEAR TO MONTH`: whole calendar months between the two, not a conversion of the day-time difference
      if (e.type.name === 'INTERVAL_YEAR_MONTH' && e.operand.kind === 'Binary' && e.operand.op === '-') {
        const l = bindExpr(e.operand.left, ctx);
        const r = bindExpr(e.operand.right, ctx);
        if ((l.type.name === 'TIMESTAMP' || l.type.name === 'DATE') && (r.type.name === 'TIMESTAMP' || r.type.name === 'DATE')) {
          return strict(sqlType('INTERVAL_YEAR_MONTH', l.type.nullable || r.type.nullable), 'monthsBetween', [l, r]);
        }
      }
      const a = bindExpr(e.operand, ctx);
      if (a.type.name === e.type.name && a.type.precision === e.type.precision && a.type.scale === e.type.scale) {
        return { ...a, type: nullable(e.type, a.type.nullable) } as BExpr;
      }
      const fn = castFunction(a.type, e.type);
      if (!fn) throw typeError(`Cast function cannot convert value of type ${typeToString(a.type)} to type ${typeToString(e.type)}`, e.pos);
      return strict(nullable(e.type, a.type.nullable), 'cast', [a], [fn]);
    }
    case 'FloorCeil': {
      const a = bindExpr(e.operand, ctx);
      if (!['TIMESTAMP', 'DATE', 'TIME', 'NULL'].includes(a.type.name)) {
        throw typeError(`${e.fn}(… TO ${e.unit}) needs a datetime operand, not ${typeToString(a.type)}`, e.pos);
      }
      return strict(a.type, e.fn === 'FLOOR' ? 'floorTo' : 'ceilTo', [a], [e.unit]);
    }
    case 'Step': {
      const a = bindExpr(e.operand, ctx);
      const w = bindExpr(e.width, ctx);
      if (['TIMESTAMP', 'DATE', 'TIME'].includes(a.type.name)) {
        if (w.type.name === 'INTERVAL_DAY_SECOND') return strict(a.type, 'stepMs', [a, w]);
        if (w.type.name === 'INTERVAL_YEAR_MONTH') return strict(a.type, 'stepMonths', [a, w]);
        throw typeError(`STEP on ${typeToString(a.type)} needs an INTERVAL width`, e.pos);
      }
      if (isNumeric(a.type) && isNumeric(w.type)) return strict(a.type, 'stepNum', [a, w]);
      throw typeError(`Cannot apply STEP to ${typeToString(a.type)} BY ${typeToString(w.type)}`, e.pos);
    }
    case 'Extract': {
      const a = bindExpr(e.operand, ctx);
      if (!['TIMESTAMP', 'DATE', 'TIME', 'INTERVAL_DAY_SECOND', 'INTERVAL_YEAR_MONTH', 'NULL'].includes(a.type.name)) {
        throw typeError(`Cannot apply EXTRACT to ${typeToString(a.type)}`, e.pos);
      }
      // the SR: every field is BIGINT but SECOND, DECIMAL(5,3) with the milliseconds
      const type = e.unit === 'SECOND' ? sqlType('DECIMAL', a.type.nullable, 5, 3) : sqlType('BIGINT', a.type.nullable);
      return strict(type, 'extract', [a], [e.unit, a.type.name]);
    }
    case 'RowConstructor':
      throw new SqlCompileError('A row value is not allowed here', e.pos);
    case 'Call':
      return bindCall(e, ctx);
  }
}

function bindCall(e: CallExpr, ctx: BindContext): BExpr {
  if (e.over !== undefined || AGGREGATES.has(e.name)) {
    if (!ctx.aggregate) {
      throw new SqlCompileError(`Aggregate expression '${e.name}' is not allowed in ${ctx.clause ?? 'this clause'}`, e.pos);
    }
    return ctx.aggregate(e);
  }
  switch (e.name) {
    case 'CURRENT_ROW_TIMESTAMP':
      return { k: 'clock', type: TIMESTAMP_NN, which: 'row' };
    case 'CURRENT_TIMESTAMP':
    case 'LOCALTIMESTAMP':
      return { k: 'clock', type: TIMESTAMP_NN, which: 'query' };
    case 'CURRENT_DATE':
      return { k: 'clock', type: sqlType('DATE', false), which: 'date' };
    case 'CURRENT_TIME':
    case 'LOCALTIME':
      return { k: 'clock', type: sqlType('TIME', false), which: 'time' };
    case 'MONOTONIC':
      // An assertion for the validator (see monotonic.ts); no run-time effect.
      if (e.args.length !== 1) throw new SqlCompileError('MONOTONIC takes one argument', e.pos);
      const inner = bindExpr(e.args[0]!, ctx);
      assertedMonotonic.add(inner);
      return inner;
  }
  const fn = scalarFunction(e.name);
  const args = e.args.map((a) => bindExpr(a, ctx));
  if (!fn) {
    throw new SqlCompileError(
      `No match found for function signature ${e.name}(${args.map((a) => `<${typeToString(a.type)}>`).join(', ')})`,
      e.pos,
    );
  }
  if (args.length < fn.minArgs || args.length > fn.maxArgs) {
    throw new SqlCompileError(`Invalid number of arguments to function '${e.name}'. Was expecting ${fn.minArgs === fn.maxArgs ? fn.minArgs : `${fn.minArgs} to ${fn.maxArgs}`} arguments`, e.pos);
  }
  const types = args.map((a) => a.type);
  let type: SqlType;
  try {
    type = fn.returnTypeWithConstants
      ? fn.returnTypeWithConstants(types, args.map((a) => (a.k === 'const' ? a.value : undefined)))
      : fn.returnType(types);
  } catch (err) {
    throw new SqlCompileError((err as Error).message, e.pos);
  }
  return { k: 'call', type, name: e.name, fn, args };
}

function bindCase(e: Extract<Expr, { kind: 'Case' }>, ctx: BindContext): BExpr {
  const operand = e.operand ? bindExpr(e.operand, ctx) : undefined;
  const whens = e.whens.map((w) => {
    const cond = operand ? bindBinary('=', operand, bindExpr(w.when, ctx), e.pos) : requireBoolean(bindExpr(w.when, ctx), e.pos);
    return { when: cond, then: bindExpr(w.then, ctx) };
  });
  const elseExpr: BExpr = e.else ? bindExpr(e.else, ctx) : { k: 'const', type: sqlType('NULL'), value: null };
  const type = commonType([...whens.map((w) => w.then.type), elseExpr.type], e.pos);
  return {
    k: 'case',
    type,
    whens: whens.map((w) => ({ when: w.when, then: coerceTo(w.then, type) })),
    else: coerceTo(elseExpr, type),
  };
}

/** The type CASE branches (and COALESCE-like constructs) agree on. */
export function commonType(types: SqlType[], pos: SourcePosition): SqlType {
  const typed = types.filter((t) => t.name !== 'NULL');
  const isNullable = types.some((t) => t.nullable || t.name === 'NULL');
  if (typed.length === 0) return sqlType('NULL');
  let out = typed[0]!;
  for (const t of typed.slice(1)) {
    if (isNumeric(out) && isNumeric(t)) out = widerNumeric(out, t);
    else if (isCharacter(out) && isCharacter(t)) {
      out = sqlType('VARCHAR', true, Math.max(out.precision ?? 65535, t.precision ?? 65535));
    } else if (out.name !== t.name && !(isTimeLike(out) && isTimeLike(t))) {
      throw typeError(`Illegal mixing of types in CASE or COALESCE statement: ${typeToString(out)} and ${typeToString(t)}`, pos);
    }
  }
  if (out.name === 'CHAR' && typed.some((t) => t.name === 'VARCHAR' || t.precision !== out.precision)) {
    out = sqlType('VARCHAR', true, Math.max(...typed.map((t) => t.precision ?? 0)));
  }
  return nullable(out, isNullable);
}

function isTimeLike(t: SqlType): boolean {
  return t.name === 'TIMESTAMP' || t.name === 'DATE';
}

/** Converts a value to `type` when the two differ in a way that changes the value (number ↔ text). */
export function coerceTo(e: BExpr, type: SqlType): BExpr {
  if (e.type.name === type.name || e.type.name === 'NULL' || type.name === 'NULL') return e;
  if (isNumeric(e.type) && isNumeric(type)) {
    if (type.name === 'DOUBLE' || type.name === 'REAL' || type.name === 'DECIMAL' || isIntegral(e.type)) return e;
  }
  if (isCharacter(e.type) && isCharacter(type)) return e;
  if (isTimeLike(e.type) && isTimeLike(type)) return e;
  const fn = castFunction(e.type, type);
  return fn ? strict(nullable(type, e.type.nullable), 'cast', [e], [fn]) : e;
}

function typeError(message: string, pos: SourcePosition): SqlCompileError {
  return new SqlCompileError(message, pos);
}

function requireBoolean(e: BExpr, pos: SourcePosition): BExpr {
  if (e.type.name !== 'BOOLEAN' && e.type.name !== 'NULL') throw typeError(`Expected a BOOLEAN expression, got ${typeToString(e.type)}`, pos);
  return e;
}

function negate(a: BExpr, pos: SourcePosition): BExpr {
  const t = a.type;
  if (a.k === 'const' && typeof a.value === 'number') return { ...a, value: -a.value };
  const range = INT_RANGE[t.name];
  if (range) return strict(t, 'negI', [a], [range[0], range[1], t.name]);
  if (isNumeric(t) || t.name.startsWith('INTERVAL')) return strict(t, 'negF', [a]);
  throw typeError(`Cannot apply '-' to ${typeToString(t)}`, pos);
}

const COMPARE_FN = { '=': 'eq', '<>': 'ne', '<': 'lt', '<=': 'le', '>': 'gt', '>=': 'ge' } as const;

function comparisonOperands(l: BExpr, r: BExpr, pos: SourcePosition): void {
  const a = l.type;
  const b = r.type;
  if (a.name === 'NULL' || b.name === 'NULL' || a.name === b.name) return;
  const ok =
    (isNumeric(a) && isNumeric(b)) ||
    (isCharacter(a) && isCharacter(b)) ||
    (isTimeLike(a) && isTimeLike(b)) ||
    (isCharacter(a) && (isNumeric(b) || isTimeLike(b) || b.name === 'BOOLEAN')) ||
    (isCharacter(b) && (isNumeric(a) || isTimeLike(a) || a.name === 'BOOLEAN')) ||
    ((a.name === 'BINARY' || a.name === 'VARBINARY') && (b.name === 'BINARY' || b.name === 'VARBINARY'));
  if (!ok) throw typeError(`Cannot compare values of types '${typeToString(a)}' and '${typeToString(b)}'`, pos);
}

export function bindBinary(op: string, l: BExpr, r: BExpr, pos: SourcePosition): BExpr {
  const a = l.type;
  const b = r.type;
  const n = anyNull(a, b);
  switch (op) {
    case 'AND':
    case 'OR':
      requireBoolean(l, pos);
      requireBoolean(r, pos);
      // Flatten chains so the evaluators see one n-ary node.
      return {
        k: op === 'AND' ? 'and' : 'or',
        type: nullable(BOOLEAN, n),
        args: [...flatten(l, op), ...flatten(r, op)],
      };
    case '=':
    case '<>':
    case '<':
    case '<=':
    case '>':
    case '>=': {
      comparisonOperands(l, r, pos);
      let x = l;
      let y = r;
      // Text compared with a number, time or boolean is converted to the other side's type.
      if (isCharacter(a) && !isCharacter(b) && b.name !== 'NULL') x = coerceTo(l, b);
      if (isCharacter(b) && !isCharacter(a) && a.name !== 'NULL') y = coerceTo(r, a);
      if (a.name === 'BINARY' || a.name === 'VARBINARY') return strict(nullable(BOOLEAN, n), 'cmpBin', [x, y], [op]);
      // A CHAR(n) column holds blank-padded text.
      if (isCharacter(a) && isCharacter(b) && ((a.name === 'CHAR' && l.k !== 'const') || (b.name === 'CHAR' && r.k !== 'const'))) {
        return strict(nullable(BOOLEAN, n), 'cmpPad', [x, y], [op]);
      }
      return strict(nullable(BOOLEAN, n), COMPARE_FN[op], [x, y]);
    }
    case '||': {
      if ((a.name === 'BINARY' || a.name === 'VARBINARY') && (b.name === 'BINARY' || b.name === 'VARBINARY')) {
        return strict(sqlType('VARBINARY', n, (a.precision ?? 0) + (b.precision ?? 0)), 'concatBin', [l, r]);
      }
      const vc = sqlType('VARCHAR', n, Math.min(65535, (a.precision ?? 65535) + (b.precision ?? 65535)));
      return strict(vc, 'concat', [coerceTo(l, sqlType('VARCHAR')), coerceTo(r, sqlType('VARCHAR'))]);
    }
  }
  return bindArithmetic(op as '+' | '-' | '*' | '/', l, r, pos);
}

function flatten(e: BExpr, op: 'AND' | 'OR'): readonly BExpr[] {
  return (e.k === 'and' && op === 'AND') || (e.k === 'or' && op === 'OR') ? e.args : [e];
}

function bindArithmetic(op: '+' | '-' | '*' | '/', l: BExpr, r: BExpr, pos: SourcePosition): BExpr {
  let a = l.type;
  let b = r.type;
  const n = anyNull(a, b);
  // NULL literals take the other operand's type.
  if (a.name === 'NULL') a = b;
  if (b.name === 'NULL') b = a;
  if (a.name === 'NULL') return { k: 'const', type: sqlType('NULL'), value: null };
  const A = a.name;
  const B = b.name;
  const timeLike = (x: string): boolean => x === 'TIMESTAMP' || x === 'DATE' || x === 'TIME';
  // ---- datetime and interval arithmetic
  if (timeLike(A) || timeLike(B) || A.startsWith('INTERVAL') || B.startsWith('INTERVAL')) {
    const kind = timeLike(A) ? A : B;
    const timeAdd = (ts: BExpr, iv: BExpr, sub: boolean): BExpr => {
      const ivE = sub ? negate(iv, pos) : iv;
      const type = nullable(ts.type, n);
      if (iv.type.name === 'INTERVAL_YEAR_MONTH') return strict(type, 'addMonths', [ts, ivE]);
      const fn = kind === 'DATE' ? 'dateAddMs' : kind === 'TIME' ? 'timeAddMs' : 'addMs';
      return strict(type, fn, [ts, ivE]);
    };
    if (timeLike(A) && B.startsWith('INTERVAL') && (op === '+' || op === '-')) return timeAdd(l, r, op === '-');
    if (A.startsWith('INTERVAL') && timeLike(B) && op === '+') return timeAdd(r, l, false);
    if (timeLike(A) && timeLike(B) && op === '-') {
      if (A === 'TIME' || B === 'TIME' ? A !== B : false) throw typeError(`Cannot subtract ${typeToString(b)} from ${typeToString(a)}`, pos);
      return strict(sqlType('INTERVAL_DAY_SECOND', n), 'subMs', [l, r]);
    }
    if (A.startsWith('INTERVAL') && A === B && (op === '+' || op === '-')) return strict(nullable(a, n), op === '+' ? 'addMs' : 'subMs', [l, r]);
    if (A.startsWith('INTERVAL') && isNumeric(b) && (op === '*' || op === '/')) return strict(nullable(a, n), op === '*' ? 'ivMul' : 'ivDiv', [l, r]);
    if (isNumeric(a) && B.startsWith('INTERVAL') && op === '*') return strict(nullable(b, n), 'ivMul', [r, l]);
    throw typeError(`Cannot apply '${op}' to arguments of type '<${typeToString(a)}> ${op} <${typeToString(b)}>'`, pos);
  }
  if (!isNumeric(a) || !isNumeric(b)) {
    throw typeError(`Cannot apply '${op}' to arguments of type '<${typeToString(a)}> ${op} <${typeToString(b)}>'`, pos);
  }
  const name = op === '+' ? 'add' : op === '-' ? 'sub' : op === '*' ? 'mul' : 'div';
  // ---- approximate
  if (A === 'DOUBLE' || B === 'DOUBLE' || A === 'REAL' || B === 'REAL') {
    const real = (A === 'REAL' || isIntegral(a) || A === 'DECIMAL') && (B === 'REAL' || isIntegral(b) || B === 'DECIMAL') && (A === 'REAL' || B === 'REAL');
    return strict(sqlType(real ? 'REAL' : 'DOUBLE', n), (name + (real ? 'R' : 'F')) as keyof Helpers, [l, r]);
  }
  // ---- exact integers
  if (isIntegral(a) && isIntegral(b)) {
    const t = widerNumeric(a, b);
    const range = INT_RANGE[t.name]!;
    return strict(sqlType(t.name, n), (name + 'I') as keyof Helpers, [l, r], [range[0], range[1], t.name]);
  }
  // ---- DECIMAL (an integer operand counts as DECIMAL(p, 0))
  const p1 = a.name === 'DECIMAL' ? (a.precision ?? 19) : (INT_PRECISION[a.name] ?? 19);
  const s1 = a.name === 'DECIMAL' ? (a.scale ?? 0) : 0;
  const p2 = b.name === 'DECIMAL' ? (b.precision ?? 19) : (INT_PRECISION[b.name] ?? 19);
  const s2 = b.name === 'DECIMAL' ? (b.scale ?? 0) : 0;
  let p: number;
  let s: number;
  if (op === '+' || op === '-') {
    s = Math.max(s1, s2);
    p = Math.max(p1 - s1, p2 - s2) + s + 1;
  } else if (op === '*') {
    s = s1 + s2;
    p = p1 + p2;
  } else {
    s = Math.max(6, s1 + p2 + 1);
    p = p1 - s1 + s2 + s;
  }
  p = Math.min(19, p);
  s = Math.min(s, p, 15);
  return strict(sqlType('DECIMAL', n, p, s), (name + 'D') as keyof Helpers, [l, r], [s, 10 ** (p - s)]);
}
