/**
 * Monotonicity deduction (SR "Monotonic Expressions and Operators"): ROWTIME ascends; FLOOR/CEIL/STEP and ± a
 * constant keep a direction, unary minus reverses it; constants are constant; MONOTONIC(x) asserts ascending.
 * The validator uses it to accept a streaming GROUP BY or ORDER BY; the planner uses it to find bucket ends.
 */
import { addMonths } from '../functions/civil-time.js';
import type { BExpr } from './bound-expr.js';

export type Monotonicity = 'asc' | 'desc' | 'const' | 'none';

/** Expressions wrapped in MONOTONIC(…) by the user. */
export const assertedMonotonic = new WeakSet<BExpr>();

/** Combined-row keys that hold a join side's ROWTIME: ascending like ROWTIME itself. */
export const ROWTIME_KEY_SUFFIX = '$ROWTIME';

function flip(m: Monotonicity): Monotonicity {
  return m === 'asc' ? 'desc' : m === 'desc' ? 'asc' : m;
}

function sum(a: Monotonicity, b: Monotonicity): Monotonicity {
  if (a === 'const') return b;
  if (b === 'const') return a;
  return a === b ? a : 'none';
}

export function monotonicity(e: BExpr): Monotonicity {
  if (assertedMonotonic.has(e)) return 'asc';
  switch (e.k) {
    case 'rowtime':
      return 'asc';
    case 'const':
      return 'const';
    case 'field':
      return e.key.endsWith(ROWTIME_KEY_SUFFIX) ? 'asc' : 'none';
    case 'clock':
      return e.which === 'row' ? 'asc' : 'const';
    case 'strict': {
      const [a, b] = e.args;
      const ma = a ? monotonicity(a) : 'const';
      const mb = b ? monotonicity(b) : 'const';
      switch (e.fn) {
        case 'floorTo':
        case 'ceilTo':
        case 'cast':
          return ma;
        case 'stepMs':
        case 'stepMonths':
        case 'stepNum':
          return mb === 'const' ? ma : 'none';
        case 'addI':
        case 'addF':
        case 'addR':
        case 'addD':
        case 'addMs':
        case 'dateAddMs':
        case 'addMonths':
          return sum(ma, mb);
        case 'subI':
        case 'subF':
        case 'subR':
        case 'subD':
        case 'subMs':
          return sum(ma, flip(mb));
        case 'negI':
        case 'negF':
          return flip(ma);
        case 'mulI':
        case 'mulF':
        case 'mulR':
        case 'mulD': {
          const c = b?.k === 'const' ? (b.value as number) : a?.k === 'const' ? (a.value as number) : undefined;
          const m = b?.k === 'const' ? ma : a?.k === 'const' ? mb : 'none';
          if (c === undefined) return ma === 'const' && mb === 'const' ? 'const' : 'none';
          return c === 0 ? 'const' : c > 0 ? m : flip(m);
        }
        default:
          return e.args.every((x) => monotonicity(x) === 'const') ? 'const' : 'none';
      }
    }
    case 'call':
      return e.args.every((x) => monotonicity(x) === 'const') && e.fn.name !== 'RAND' ? 'const' : 'none';
    default:
      return 'none';
  }
}

/** True when the expression reads nothing of the row but its ROWTIME (so it can be evaluated at a bare bound). */
export function dependsOnRowtimeOnly(e: BExpr): boolean {
  switch (e.k) {
    case 'field':
      return false;
    case 'clock':
      return e.which !== 'row';
    case 'const':
    case 'rowtime':
      return true;
    case 'strict':
    case 'and':
    case 'or':
    case 'call':
      return e.args.every(dependsOnRowtimeOnly);
    case 'not':
    case 'is':
      return dependsOnRowtimeOnly(e.arg);
    case 'case':
      return e.whens.every((w) => dependsOnRowtimeOnly(w.when) && dependsOnRowtimeOnly(w.then)) && dependsOnRowtimeOnly(e.else);
    case 'in':
      return dependsOnRowtimeOnly(e.arg) && e.list.every(dependsOnRowtimeOnly);
  }
}

/**
 * For a bucket key of the form STEP(ROWTIME BY i) or FLOOR(ROWTIME TO unit): the end of the bucket that starts at
 * `start`. Undefined for other shapes (the bucket then ends when the key is seen to change).
 */
export function bucketEndOf(e: BExpr): ((start: number) => number) | undefined {
  if (e.k !== 'strict') return undefined;
  const [a, b] = e.args;
  const onRowtime = a !== undefined && (a.k === 'rowtime' || (a.k === 'field' && a.key.endsWith(ROWTIME_KEY_SUFFIX)));
  if (!onRowtime) return undefined;
  if (e.fn === 'stepMs' && b?.k === 'const') {
    const w = b.value as number;
    return (s) => s + w;
  }
  if (e.fn === 'stepMonths' && b?.k === 'const') {
    const m = b.value as number;
    return (s) => addMonths(s, m);
  }
  if (e.fn === 'floorTo') {
    const unit = e.extra[0] as string;
    const ms: Record<string, number> = { DAY: 86_400_000, HOUR: 3_600_000, MINUTE: 60_000, SECOND: 1000, MILLISECOND: 1 };
    if (unit === 'YEAR') return (s) => addMonths(s, 12);
    if (unit === 'MONTH') return (s) => addMonths(s, 1);
    const u = ms[unit]!;
    return (s) => s + u;
  }
  return undefined;
}
