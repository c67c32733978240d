/**
 * Which evaluator turns bound expressions into row functions: the code generator (default, fast) or the tree
 * interpreter (the reference; selectable for debugging and used by the tests as the oracle).
 */
import type { BExpr, EvalContext, Row, RowFn } from '../plan/bound-expr.js';
import { compile, compileObject } from './codegen.js';
import { interpret } from './interpreter.js';

export type EvaluatorKind = 'codegen' | 'interpreter';

export type Projector = (row: Row, rowtime: number, ctx: EvalContext) => Row;

export function compileRowFn(e: BExpr, kind: EvaluatorKind): RowFn {
  return kind === 'codegen' ? compile(e) : interpret(e);
}

export function compileProjection(entries: readonly { readonly key: string; readonly expr: BExpr }[], kind: EvaluatorKind): Projector {
  if (kind === 'codegen') return compileObject(entries);
  const fns = entries.map((x) => ({ key: x.key, fn: interpret(x.expr) }));
  return (row, rowtime, ctx) => {
    const out: Row = {};
    for (const f of fns) out[f.key] = f.fn(row, rowtime, ctx);
    return out;
  };
}
