/**
 * SQL types of the KDA dialect and how their values are represented in JavaScript on the hot path:
 *  - NULL → null; BOOLEAN → boolean
 *  - TINYINT, SMALLINT, INTEGER, BIGINT → number (integral; BIGINT exact within ±2^53)
 *  - REAL, DOUBLE → number; DECIMAL(p,s) → number, rounded half-up to the scale after every operation (exact up
 *    to 15 significant digits; arithmetic in `eval/arithmetic.ts`)
 *  - CHAR, VARCHAR → string; BINARY, VARBINARY → Uint8Array
 *  - TIMESTAMP → number, epoch milliseconds UTC; DATE → number, epoch ms at UTC midnight; TIME → number, ms of day
 *  - INTERVAL DAY TO SECOND (and its sub-ranges) → number of milliseconds; INTERVAL YEAR TO MONTH → number of months
 *  - ROW (log-parsing results) → plain object keyed by field name
 */
export type SqlTypeName =
  | 'BOOLEAN'
  | 'TINYINT'
  | 'SMALLINT'
  | 'INTEGER'
  | 'BIGINT'
  | 'DECIMAL'
  | 'REAL'
  | 'DOUBLE'
  | 'CHAR'
  | 'VARCHAR'
  | 'BINARY'
  | 'VARBINARY'
  | 'DATE'
  | 'TIME'
  | 'TIMESTAMP'
  | 'INTERVAL_YEAR_MONTH'
  | 'INTERVAL_DAY_SECOND'
  | 'ROW'
  | 'NULL'
  | 'ANY';

export interface SqlType {
  readonly name: SqlTypeName;
  /** Length for CHAR/VARCHAR/BINARY/VARBINARY, precision for DECIMAL and TIMESTAMP. */
  readonly precision?: number;
  readonly scale?: number;
  readonly nullable: boolean;
  /** Fields of a ROW type, in order. */
  readonly fields?: ReadonlyArray<{ readonly name: string; readonly type: SqlType }>;
}
