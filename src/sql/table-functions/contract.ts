/**
 * The plug-in contract between the SQL engine and the built-in table functions (KDA's "UDXs"):
 *
 *   FROM TABLE(FN(CURSOR(SELECT STREAM … FROM s), arg1, arg2, …))
 *
 * Lifecycle, as the engine drives it:
 *  1. Validation (CreateApplication / UpdateApplication): the engine looks the upper-cased name up in
 *     `tableFunctions` and calls `bind(cursorColumns, literalArgs)`. `literalArgs` are the evaluated literal
 *     arguments after the CURSOR, in order (numbers, strings, booleans, null). `bind` checks them and the cursor's
 *     columns the way KDA does and throws `TableFunctionArgumentError` on a violation; the engine reports that as a
 *     validation error of the application code. On success it returns the function's output columns.
 *  2. Run: the engine calls `create()` once per running query instance, then `push()` for every cursor row in
 *     ROWTIME order and `advanceTime()` whenever the stream's rowtime bound moves (wall clock or a newer row), so
 *     tumbling functions can close windows with no new data. Both receive an `emit` callback for output rows.
 *     `nextDeadline()` says when a held window would close, for a runtime that drains pending results.
 *
 * Rows are plain objects keyed by column name (or by `ColumnDef.key` where the engine uses other keys), with values
 * as `../types.ts` describes. Output rows carry their own ROWTIME through `emit`: functions that decorate each input
 * row (RCF, HOTSPOTS) emit synchronously inside `push` with the input row's ROWTIME; tumbling functions emit at the
 * window's end.
 */
import type { SqlType } from '../types.js';

export interface ColumnDef {
  readonly name: string;
  readonly type: SqlType;
  /**
   * Where the column's value sits in a row object, when that differs from `name` (an engine may key rows by unique
   * internal keys). Functions read cursor values by `key ?? name`, keep the cursor columns' keys in their output
   * rows, and write the columns they add under their names.
   */
  readonly key?: string;
}

/** The property of a row object that holds a column's value. */
export function rowKey(column: ColumnDef): string {
  return column.key ?? column.name;
}

export type Row = Record<string, unknown>;

/** Receives one output row and its ROWTIME (epoch ms). */
export type Emit = (row: Row, rowtime: number) => void;

export interface TableFunctionDef {
  /** Upper-case SQL name, e.g. `RANDOM_CUT_FOREST`. */
  readonly name: string;
  /** Checks the literal arguments and the cursor's columns; throws `TableFunctionArgumentError`. */
  bind(inputColumns: ReadonlyArray<ColumnDef>, args: ReadonlyArray<unknown>): BoundTableFunction;
}

export interface BoundTableFunction {
  /** The output columns in order, as KDA outputs them (for RCF/HOTSPOTS the cursor's columns plus the added ones). */
  readonly outputColumns: ReadonlyArray<ColumnDef>;
  /** A fresh, independent running instance. No state is shared between instances. */
  create(options?: TableFunctionOptions): TableFunctionInstance;
}

export interface TableFunctionOptions {
  /**
   * Seed for randomised functions (RANDOM_CUT_FOREST*), for reproducible runs. Without it the environment variable
   * FRESHET_RCF_SEED is used when set, otherwise a random seed.
   */
  readonly seed?: number;
}

export interface TableFunctionInstance {
  /** One cursor row, in ROWTIME order. */
  push(row: Row, rowtime: number, emit: Emit): void;
  /** The rowtime bound has reached `nowMs`: no row older than that will arrive. Closes due tumbling windows. */
  advanceTime(nowMs: number, emit: Emit): void;
  /**
   * The earliest rowtime bound at which `advanceTime` would emit (the open tumbling window's end), or undefined
   * when nothing is held. Lets a runtime drain held results, e.g. at shutdown or in a test run.
   */
  nextDeadline(): number | undefined;
}

/** A violated parameter or cursor check, found at bind time. */
export class TableFunctionArgumentError extends Error {
  constructor(
    readonly functionName: string,
    message: string,
  ) {
    super(`${functionName}: ${message}`);
    this.name = 'TableFunctionArgumentError';
  }
}
