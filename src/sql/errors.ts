/**
 * An error raised while evaluating one row (bad cast, division by zero, overflow, unparsable date…).
 * The runtime catches it and sends the row to `error_stream` with `errorName` as ERROR_NAME.
 */
export class SqlRuntimeError extends Error {
  constructor(
    readonly errorName: string,
    message: string,
  ) {
    super(message);
    this.name = 'SqlRuntimeError';
  }
}

/** Where in the application code something is: 1-based line and column, as the console's SQL editor counts. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

/**
 * Application code that cannot run: a syntax error, an unknown stream or column, a type error, a query KDA's
 * validator rejects (e.g. a streaming GROUP BY without a monotonic expression). The kinesisanalytics API turns it
 * into `CodeValidationException`; `message` already carries the position ("… at line 3, column 7").
 */
export class SqlCompileError extends Error {
  constructor(
    readonly reason: string,
    readonly position?: SourcePosition,
  ) {
    super(position ? `${reason} at line ${position.line}, column ${position.column}` : reason);
    this.name = 'SqlCompileError';
  }
}

/** ERROR_NAME of a row whose evaluation failed with something other than a `SqlRuntimeError` (a defect, not data). */
export const INTERNAL_ERROR = 'Internal error';

/**
 * The row-level error to report for anything a function or operator threw while evaluating one row. A
 * `SqlRuntimeError` is the data's fault and passes as is; anything else (a TypeError in a function, a thrown
 * string) is an internal error: the row still goes to error_stream and the application keeps running, as one bad
 * row must not stop a host that runs many applications.
 */
export function rowError(err: unknown): SqlRuntimeError {
  if (err instanceof SqlRuntimeError) return err;
  const detail = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return new SqlRuntimeError(INTERNAL_ERROR, `Internal error while evaluating the row: ${detail}`);
}
