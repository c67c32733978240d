/**
 * `CREATE STREAM s (c <type> NOT NULL)`: a pump writing NULL into c sends the row to error_stream instead
 * (the SR's CREATE STREAM allows NOT NULL on a column; a stream that promises it must not carry NULLs).
 */
import { SqlRuntimeError } from '../errors.js';
import type { ScalarFunctionDef } from '../functions/definition.js';
import type { SqlType } from '../types.js';

export const NOT_NULL_ERROR = 'Null in NOT NULL column';

export function notNullViolation(stream: string, column: string): SqlRuntimeError {
  return new SqlRuntimeError(NOT_NULL_ERROR, `Cannot assign NULL to column '${column}' of stream '${stream}', declared NOT NULL`);
}

/** An identity function that rejects NULL, for a NOT NULL target column folded into a pump's projection. */
export function notNullFunction(violation: () => Error, type: SqlType): ScalarFunctionDef {
  return {
    name: 'NOT NULL',
    minArgs: 1,
    maxArgs: 1,
    returnType: () => type,
    impl(v) {
      if (v === null || v === undefined) throw violation();
      return v;
    },
  };
}
