/** Drives a compiled application directly through the runtime API, collecting what each stream emits. */
import { compileApplication } from '../../src/sql/plan/compile-application.js';
import type { ColumnInfo } from '../../src/sql/plan/catalog.js';
import { SqlApplication } from '../../src/sql/runtime/application.js';
import { parseTypeText } from '../../src/sql/syntax/parse-type.js';

export function columns(spec: Record<string, string>): ColumnInfo[] {
  return Object.entries(spec).map(([name, t]) => ({ name, type: parseTypeText(t) }));
}

export interface Emitted {
  stream: string;
  rowtime: number;
  row: Record<string, unknown>;
}

export function start(
  sql: string,
  inputs: Record<string, Record<string, string>>,
  evaluator: 'codegen' | 'interpreter' = 'codegen',
): { app: SqlApplication; out: Emitted[] } {
  const compiled = compileApplication(sql, { inputs: Object.entries(inputs).map(([name, cols]) => ({ name, columns: columns(cols) })), evaluator });
  const app = new SqlApplication(compiled, { startTime: 0 });
  const out: Emitted[] = [];
  for (const s of compiled.streams) if (s.kind !== 'input') app.subscribe(s.name, (row, rowtime) => out.push({ stream: s.name, rowtime, row }));
  return { app, out };
}
