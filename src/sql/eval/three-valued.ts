/** Pieces of expression semantics both evaluators call directly. */
import { MS_PER_DAY } from '../functions/civil-time.js';
import type { EvalContext } from '../plan/bound-expr.js';

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Uint8Array && b instanceof Uint8Array) return a.length === b.length && a.every((x, i) => x === b[i]);
  return false;
}

/** `x [NOT] IN (list)` with SQL's three-valued logic: no match among non-NULLs but a NULL present → NULL. */
export function inList(x: unknown, list: readonly unknown[], negated: boolean): boolean | null {
  if (x === null) return null;
  let sawNull = false;
  for (const v of list) {
    if (v === null) sawNull = true;
    else if (same(x, v)) return !negated;
  }
  return sawNull ? null : negated;
}

/** CURRENT_ROW_TIMESTAMP reads the clock per row; the others are fixed when the application starts. */
export function clockValue(which: 'row' | 'query' | 'date' | 'time', ctx: EvalContext): number {
  switch (which) {
    case 'row':
      return ctx.now();
    case 'query':
      return ctx.queryStart;
    case 'date':
      return Math.floor(ctx.queryStart / MS_PER_DAY) * MS_PER_DAY;
    case 'time':
      return ((ctx.queryStart % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY;
  }
}
