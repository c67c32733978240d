import type { SqlType } from '../../types.js';

/** ROW types of the log parsers: named fields in order, as the planner resolves `alias.row.FIELD`. */

export interface RowField {
  readonly name: string;
  readonly type: SqlType;
}

export const VARCHAR_1024: SqlType = { name: 'VARCHAR', precision: 1024, nullable: true };

export function rowType(fields: ReadonlyArray<RowField>): SqlType {
  return { name: 'ROW', nullable: true, fields };
}

/** COLUMN1..COLUMNn, each VARCHAR(1024): the result of REGEX_LOG_PARSE and FAST_REGEX_LOG_PARSE. */
export function numberedColumns(n: number, type: SqlType = VARCHAR_1024): RowField[] {
  return Array.from({ length: n }, (_, i) => ({ name: `COLUMN${i + 1}`, type }));
}

/** A ROW whose fields are only known once the pattern or column list is (a non-constant argument). */
export const OPEN_ROW: SqlType = { name: 'ROW', nullable: true };
