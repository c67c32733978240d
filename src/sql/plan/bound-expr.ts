/**
 * Expressions after name resolution and type checking: what both evaluators (the tree interpreter and the
 * JavaScript code generator) consume. Every node carries its SQL type. Rows are plain objects; `field` reads
 * `row[key]`, `rowtime` is the ROWTIME of the row being evaluated.
 */
import type { SqlType } from '../types.js';
import type { ScalarFunctionDef } from '../functions/definition.js';
import type { Helpers } from '../eval/helpers.js';

export type BExpr =
  | { readonly k: 'const'; readonly type: SqlType; readonly value: unknown }
  | { readonly k: 'field'; readonly type: SqlType; readonly key: string }
  | { readonly k: 'rowtime'; readonly type: SqlType }
  /**
   * A null-propagating operation: NULL when any argument is NULL, otherwise `helpers[fn](...args, ...extra)`.
   * Arithmetic, comparison, concatenation, LIKE, CAST, FLOOR/STEP on time, EXTRACT, ROW field access.
   */
  | { readonly k: 'strict'; readonly type: SqlType; readonly fn: keyof Helpers; readonly args: readonly BExpr[]; readonly extra: readonly unknown[] }
  | { readonly k: 'and' | 'or'; readonly type: SqlType; readonly args: readonly BExpr[] }
  | { readonly k: 'not'; readonly type: SqlType; readonly arg: BExpr }
  | { readonly k: 'is'; readonly type: SqlType; readonly test: 'NULL' | 'TRUE' | 'FALSE' | 'UNKNOWN'; readonly negated: boolean; readonly arg: BExpr }
  | { readonly k: 'case'; readonly type: SqlType; readonly whens: readonly { readonly when: BExpr; readonly then: BExpr }[]; readonly else: BExpr }
  /** `x [NOT] IN (…)`: three-valued membership with `=`. */
  | { readonly k: 'in'; readonly type: SqlType; readonly arg: BExpr; readonly list: readonly BExpr[]; readonly negated: boolean }
  /** A scalar function of the functions library; it handles NULLs itself. */
  | { readonly k: 'call'; readonly type: SqlType; readonly name: string; readonly fn: ScalarFunctionDef; readonly args: readonly BExpr[] }
  /** CURRENT_ROW_TIMESTAMP (per row) or the query-start clock readings (CURRENT_TIMESTAMP, LOCALTIME, …). */
  | { readonly k: 'clock'; readonly type: SqlType; readonly which: 'row' | 'query' | 'date' | 'time' };

export type BExprKind = BExpr['k'];

/** An evaluator's output: a function of one row. */
export type RowFn = (row: Row, rowtime: number, ctx: EvalContext) => unknown;

export type Row = Record<string, unknown>;

/** What expressions can read besides the row: the runtime's clock. */
export interface EvalContext {
  /** Current time of the runtime's (injected) clock, epoch ms. */
  now(): number;
  /** When the application started running, epoch ms (CURRENT_TIMESTAMP and friends). */
  readonly queryStart: number;
}
