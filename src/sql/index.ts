/**
 * The SQL engine's public surface, for the kinesisanalytics service and other hosts:
 *  - `compileApplication(code, { inputs, tables })` validates application code (throws SqlCompileError, the API's
 *    CodeValidationException) and plans it;
 *  - `new SqlApplication(compiled, { startTime, tables })` runs it: `insert` rows, `advanceTime` from a clock,
 *    `subscribe` to output streams and error_stream, `finish` to drain;
 *  - `recordDecoder(InputSchema)` turns record bytes into rows; `encodeJsonRow` / `encodeCsvRow` write output records.
 */
export { SqlCompileError, SqlRuntimeError, type SourcePosition } from './errors.js';
export type { SqlType, SqlTypeName } from './types.js';
export type { Row } from './plan/bound-expr.js';
export { APPROXIMATE_ARRIVAL_TIME, ERROR_STREAM, ERROR_STREAM_COLUMNS, type ColumnInfo, type StreamInfo, type TableInfo } from './plan/catalog.js';
export { compileApplication, type CompileOptions, type CompiledApplication, type CompiledPump } from './plan/compile-application.js';
export { describePlan } from './plan/plan-node.js';
export { registerTableFunction, type TableFunctionDef, type TableFunctionCall, type PlannedTableFunction } from './plan/table-functions.js';
export { SqlApplication, type RunOptions, type RowListener } from './runtime/application.js';
export { recordDecoder, type SourceSchema, type RecordDecoder, type DecodeResult } from './io/source-schema.js';
export { encodeCsvRow, encodeJsonRow, jsonValue } from './io/output-format.js';
export { parseTypeText } from './syntax/parse-type.js';
export { parseScript } from './syntax/parser.js';
export { runOffline, toJsonLines, toTables, toCsv, type OfflineRunOptions, type OutputRecord } from './runner/offline-run.js';
