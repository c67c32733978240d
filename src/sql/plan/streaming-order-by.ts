/**
 * The operator configuration of a streaming ORDER BY (a SELECT's, or a whole UNION ALL's): the leading key must be
 * monotonic (KDA's validator rule), the rest sort each batch of rows that share the leading key.
 */
import { SqlCompileError, type SourcePosition } from '../errors.js';
import { compileRowFn, type EvaluatorKind } from '../eval/evaluator.js';
import type { OrderByConfig } from '../runtime/operators/order-by.js';
import type { BExpr } from './bound-expr.js';
import { bucketEndOf, dependsOnRowtimeOnly, monotonicity } from './monotonic.js';

const STATIC_CTX = { now: () => 0, queryStart: 0 };

export function streamingOrderBy(
  order: readonly { readonly expr: BExpr; readonly desc: boolean }[],
  leadPos: SourcePosition,
  ev: EvaluatorKind,
  batchesShareRowtime: boolean,
): OrderByConfig {
  const lead = order[0]!;
  const m = monotonicity(lead.expr);
  if (m !== 'asc' && m !== 'desc') {
    throw new SqlCompileError('Streaming ORDER BY must start with a monotonic expression, such as FLOOR(s.ROWTIME TO SECOND)', leadPos);
  }
  const leading = compileRowFn(lead.expr, ev);
  const end = bucketEndOf(lead.expr);
  return {
    leading,
    ...(dependsOnRowtimeOnly(lead.expr) ? { leadingAt: (t: number) => leading({}, t, STATIC_CTX) } : {}),
    ...(end ? { leadingEnd: end } : {}),
    rest: order.slice(1).map((o) => ({ fn: compileRowFn(o.expr, ev), desc: o.desc })),
    leadingDesc: lead.desc,
    batchesShareRowtime,
  };
}
