import type { SqlType } from '../types.js';

/** One scalar SQL function: its arity, how its result type follows from its argument types, and its row-level code. */
export interface ScalarFunctionDef {
  /** Upper-case SQL name. */
  name: string;
  minArgs: number;
  maxArgs: number;
  /** Result type for the given argument types; throws an Error with a KDA-like message for unsupported types. */
  returnType(argTypes: SqlType[]): SqlType;
  /**
   * For functions whose result type depends on literal arguments (the log parsers: the ROW fields come from the
   * pattern or the column list). The planner passes the values of constant arguments (undefined where an argument
   * is not constant). When present, prefer it over `returnType`.
   */
  returnTypeWithConstants?(argTypes: SqlType[], constantArgs: ReadonlyArray<unknown>): SqlType;
  /**
   * Set on CURRENT_DATE, CURRENT_TIME, CURRENT_TIMESTAMP, LOCALTIME, LOCALTIMESTAMP ('query-start': the engine passes
   * the epoch ms at which the query started, the same for every row) and CURRENT_ROW_TIMESTAMP ('row': the wall
   * clock when the row is emitted). The SQL call has no arguments; `impl(nowMs)` receives the injected clock value.
   */
  clock?: 'query-start' | 'row';
  /** Pure; handles nulls itself; throws SqlRuntimeError for row-level failures. */
  impl(...args: unknown[]): unknown;
}
