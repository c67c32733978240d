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
