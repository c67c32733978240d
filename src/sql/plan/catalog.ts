/** The objects application code can name: in-application streams (input, created, error_stream) and reference tables. */
import type { SqlType } from '../types.js';

export interface ColumnInfo {
  readonly name: string;
  readonly type: SqlType;
}

export interface StreamInfo {
  readonly name: string;
  readonly columns: readonly ColumnInfo[];
  readonly kind: 'input' | 'app' | 'error';
}

export interface TableInfo {
  readonly name: string;
  readonly columns: readonly ColumnInfo[];
}

export const ERROR_STREAM = 'error_stream';

const ts: SqlType = { name: 'TIMESTAMP', nullable: true };
const vc = (n: number): SqlType => ({ name: 'VARCHAR', nullable: true, precision: n });

/** KDA's error_stream schema (Developer Guide, "Error Handling"). */
export const ERROR_STREAM_COLUMNS: readonly ColumnInfo[] = [
  { name: 'ERROR_TIME', type: ts },
  { name: 'ERROR_LEVEL', type: vc(10) },
  { name: 'ERROR_NAME', type: vc(32) },
  { name: 'MESSAGE', type: vc(4096) },
  { name: 'DATA_ROWTIME', type: ts },
  { name: 'DATA_ROW', type: vc(49152) },
  { name: 'PUMP_NAME', type: vc(128) },
];

/** The system column every in-application input stream has besides ROWTIME. */
export const APPROXIMATE_ARRIVAL_TIME = 'APPROXIMATE_ARRIVAL_TIME';
