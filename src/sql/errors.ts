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
