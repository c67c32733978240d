/** Small structural helpers over syntax-tree expressions. */
import type { CallExpr, Expr } from '../syntax/ast.js';
import { AGGREGATES } from './bind-expr.js';

export function children(e: Expr): readonly Expr[] {
  switch (e.kind) {
    case 'Literal':
    case 'Ref':
      return [];
    case 'Unary':
    case 'Is':
    case 'Cast':
    case 'FloorCeil':
    case 'Extract':
      return [e.operand];
    case 'Binary':
      return [e.left, e.right];
    case 'Like':
      return e.escape ? [e.operand, e.pattern, e.escape] : [e.operand, e.pattern];
    case 'Between':
      return [e.operand, e.low, e.high];
    case 'In':
      return [e.operand, ...e.list];
    case 'Case':
      return [...(e.operand ? [e.operand] : []), ...e.whens.flatMap((w) => [w.when, w.then]), ...(e.else ? [e.else] : [])];
    case 'Step':
      return [e.operand, e.width];
    case 'RowConstructor':
      return e.items;
    case 'Call':
      return e.args;
  }
}

/** Whether any call in the tree satisfies `pred` (not looking inside matching calls). */
export function someCall(e: Expr, pred: (c: CallExpr) => boolean): boolean {
  if (e.kind === 'Call' && pred(e)) return true;
  return children(e).some((c) => someCall(c, pred));
}

export const isGroupAggregate = (c: CallExpr): boolean => c.over === undefined && AGGREGATES.has(c.name);
export const isAnalytic = (c: CallExpr): boolean => c.over !== undefined;
