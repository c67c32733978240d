/** Test driver: binds a built-in table function and runs rows through one instance, collecting the output. */
import { tableFunctions, type ColumnDef, type Row } from '../../../src/sql/table-functions/index.js';
import type { SqlTypeName } from '../../../src/sql/types.js';

export interface Output {
  row: Row;
  rowtime: number;
}

export function column(name: string, type: SqlTypeName): ColumnDef {
  return { name, type: { name: type, nullable: true } };
}

export function bind(fn: string, columns: ColumnDef[], args: unknown[]) {
  const def = tableFunctions.get(fn);
  if (!def) throw new Error(`no table function ${fn}`);
  return def.bind(columns, args);
}

/** Runs the rows (with their rowtimes) through a fresh instance; `finalTime` then advances the rowtime bound. */
export function run(
  fn: string,
  columns: ColumnDef[],
  args: unknown[],
  rows: Array<{ row: Row; rowtime: number }>,
  options: { seed?: number; finalTime?: number } = {},
): Output[] {
  const instance = bind(fn, columns, args).create({ seed: options.seed });
  const out: Output[] = [];
  const emit = (row: Row, rowtime: number) => out.push({ row, rowtime });
  for (const { row, rowtime } of rows) instance.push(row, rowtime, emit);
  if (options.finalTime !== undefined) instance.advanceTime(options.finalTime, emit);
  return out;
}
