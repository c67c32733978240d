/**
 * The tree-walking evaluator: the reference semantics of bound expressions. The code generator must agree with it
 * on every input (the expression test suite runs both).
 */
import type { BExpr, EvalContext, Row, RowFn } from '../plan/bound-expr.js';
import { helpers } from './helpers.js';
import { clockValue, inList } from './three-valued.js';

export function evaluate(e: BExpr, row: Row, rowtime: number, ctx: EvalContext): unknown {
  switch (e.k) {
    case 'const':
      return e.value;
    case 'field': {
      const v = row[e.key];
      return v === undefined ? null : v;
    }
    case 'rowtime':
      return rowtime;
    case 'strict': {
      const args: unknown[] = [];
      for (const a of e.args) {
        const v = evaluate(a, row, rowtime, ctx);
        if (v === null) return null;
        args.push(v);
      }
      return (helpers[e.fn] as (...xs: unknown[]) => unknown)(...args, ...e.extra);
    }
    case 'and':
    case 'or': {
      const decisive = e.k === 'or';
      let sawNull = false;
      for (const a of e.args) {
        const v = evaluate(a, row, rowtime, ctx);
        if (v === decisive) return decisive;
        if (v === null) sawNull = true;
      }
      return sawNull ? null : !decisive;
    }
    case 'not': {
      const v = evaluate(e.arg, row, rowtime, ctx);
      return v === null ? null : !v;
    }
    case 'is': {
      const v = evaluate(e.arg, row, rowtime, ctx);
      const r = e.test === 'TRUE' ? v === true : e.test === 'FALSE' ? v === false : v === null;
      return e.negated ? !r : r;
    }
    case 'case': {
      for (const w of e.whens) if (evaluate(w.when, row, rowtime, ctx) === true) return evaluate(w.then, row, rowtime, ctx);
      return evaluate(e.else, row, rowtime, ctx);
    }
    case 'in':
      return inList(
        evaluate(e.arg, row, rowtime, ctx),
        e.list.map((x) => evaluate(x, row, rowtime, ctx)),
        e.negated,
      );
    case 'call':
      return e.fn.impl(...e.args.map((a) => evaluate(a, row, rowtime, ctx)));
    case 'clock':
      return clockValue(e.which, ctx);
  }
}

export function interpret(e: BExpr): RowFn {
  return (row, rowtime, ctx) => evaluate(e, row, rowtime, ctx);
}
