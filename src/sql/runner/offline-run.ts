/**
 * The offline runner: an application's SQL over recorded input, on a virtual clock. Each input line is
 * `{"arrival": "<ISO-8601 UTC>", "data": <JSON value or string>}` (or `"data_base64"`); arrivals drive ROWTIME and
 * APPROXIMATE_ARRIVAL_TIME, and at the end the clock runs on until every window has closed. Same input, same output.
 */
import { formatTimestamp } from '../functions/datetime-literals.js';
import { encodeCsvRow, jsonValue, displayValue } from '../io/output-format.js';
import { recordDecoder } from '../io/source-schema.js';
import type { EvaluatorKind } from '../eval/evaluator.js';
import type { Row } from '../plan/bound-expr.js';
import { ERROR_STREAM, type ColumnInfo } from '../plan/catalog.js';
import { compileApplication } from '../plan/compile-application.js';
import { SqlApplication } from '../runtime/application.js';

export interface OfflineInput {
  /** In-application input stream name, e.g. SOURCE_SQL_STREAM_001. */
  readonly stream: string;
  /** The KDA InputSchema object. */
  readonly schema: unknown;
  /** JSON lines; may be empty for a stream with no records. */
  readonly lines: readonly string[];
  /** Where the lines came from, for messages. */
  readonly source: string;
}

export interface OfflineReference {
  readonly table: string;
  /** The KDA ReferenceSchema object. */
  readonly schema: unknown;
  readonly content: Uint8Array | string;
}

export interface OfflineRunOptions {
  readonly sql: string;
  readonly inputs: readonly OfflineInput[];
  readonly references?: readonly OfflineReference[];
  /** Streams to report (error_stream is always reported); default: every stream the application declares. */
  readonly outputs?: readonly string[];
  readonly evaluator?: EvaluatorKind;
  /** Seed for RANDOM_CUT_FOREST and friends; fixed by default so identical input gives identical output. */
  readonly seed?: number;
}

export interface OutputRecord {
  readonly stream: string;
  readonly rowtime: number;
  readonly row: Row;
  readonly columns: readonly ColumnInfo[];
}

interface Arrival {
  readonly at: number;
  readonly stream: string;
  readonly data: Uint8Array;
  readonly order: number;
}

function parseLine(line: string, where: string): { at: number; data: Uint8Array } {
  let obj: unknown;
  try {
    obj = JSON.parse(line);
  } catch (err) {
    throw new Error(`${where}: not a JSON object (${(err as Error).message})`);
  }
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) throw new Error(`${where}: expected {"arrival": …, "data": …}`);
  const o = obj as Record<string, unknown>;
  if (typeof o['arrival'] !== 'string') throw new Error(`${where}: "arrival" must be an ISO-8601 UTC timestamp string`);
  const at = Date.parse(o['arrival']);
  if (Number.isNaN(at) || !/(Z|[+-]\d\d:?\d\d)$/.test(o['arrival'])) throw new Error(`${where}: invalid "arrival" ${JSON.stringify(o['arrival'])} (use e.g. 2018-05-01T17:47:00Z)`);
  let data: Uint8Array;
  if ('data_base64' in o) {
    if (typeof o['data_base64'] !== 'string') throw new Error(`${where}: "data_base64" must be a string`);
    data = new Uint8Array(Buffer.from(o['data_base64'], 'base64'));
  } else if ('data' in o) {
    const d = o['data'];
    data = new Uint8Array(Buffer.from(typeof d === 'string' ? d : JSON.stringify(d), 'utf8'));
  } else throw new Error(`${where}: needs "data" or "data_base64"`);
  return { at, data };
}

export function runOffline(options: OfflineRunOptions): OutputRecord[] {
  const decoders = new Map(options.inputs.map((i) => [i.stream, recordDecoder(i.schema, `InputSchema of ${i.stream}`)] as const));
  const tables = (options.references ?? []).map((r) => ({ ref: r, decoder: recordDecoder(r.schema, `ReferenceSchema of ${r.table}`) }));
  const app = compileApplication(options.sql, {
    inputs: options.inputs.map((i) => ({ name: i.stream, columns: decoders.get(i.stream)!.columns })),
    tables: tables.map((t) => ({ name: t.ref.table, columns: t.decoder.columns })),
    ...(options.evaluator ? { evaluator: options.evaluator } : {}),
  });
  const declared = app.streams.filter((s) => s.kind === 'app').map((s) => s.name);
  for (const o of options.outputs ?? []) {
    if (!app.streams.some((s) => s.name === o)) throw new Error(`--output ${o}: the application has no stream named ${o} (streams: ${declared.join(', ')})`);
  }
  const reported = new Set([...(options.outputs ?? declared), ERROR_STREAM]);

  const arrivals: Arrival[] = [];
  let order = 0;
  for (const input of options.inputs) {
    input.lines.forEach((line, i) => {
      if (line.trim() === '') return;
      const { at, data } = parseLine(line, `${input.source}:${i + 1}`);
      arrivals.push({ at, stream: input.stream, data, order: order++ });
    });
  }
  arrivals.sort((a, b) => a.at - b.at || a.order - b.order);

  const tableRows: Record<string, Row[]> = {};
  const loadErrors: { name: string; message: string; raw: string }[] = [];
  for (const t of tables) {
    const { rows, errors } = t.decoder.decode(t.ref.content);
    tableRows[t.ref.table] = rows;
    for (const e of errors) loadErrors.push({ ...e, raw: '' });
  }

  const start = arrivals[0]?.at ?? 0;
  const run = new SqlApplication(app, { startTime: start, tables: tableRows, seed: options.seed ?? 1, ...(options.evaluator ? { evaluator: options.evaluator } : {}) });
  const out: OutputRecord[] = [];
  for (const s of app.streams) {
    if (!reported.has(s.name)) continue;
    run.subscribe(s.name, (row, rowtime) => out.push({ stream: s.name, rowtime, row, columns: s.columns }));
  }
  for (const e of loadErrors) run.reportIngestError(e.name, e.message, e.raw);
  for (const a of arrivals) {
    if (a.at > run.now()) run.advanceTime(a.at);
    const { rows, errors } = decoders.get(a.stream)!.decode(a.data, a.at);
    if (errors.length) {
      const hex = Buffer.from(a.data).toString('hex');
      for (const e of errors) run.reportIngestError(e.name, e.message, hex);
    }
    for (const row of rows) run.insert(a.stream, row);
  }
  run.finish();
  return out;
}

/** One JSON object per row: the stream, ROWTIME, then the columns. */
export function toJsonLines(records: readonly OutputRecord[]): string {
  return records
    .map((r) => {
      const cols = r.columns.map((c) => `${JSON.stringify(c.name)}:${jsonValue(r.row[c.name], c.type)}`);
      return `{"stream":${JSON.stringify(r.stream)},"ROWTIME":${JSON.stringify(formatTimestamp(r.rowtime))}${cols.length ? ',' + cols.join(',') : ''}}\n`;
    })
    .join('');
}

/** A text table per stream, rows in emission order. */
export function toTables(records: readonly OutputRecord[]): string {
  const byStream = new Map<string, OutputRecord[]>();
  for (const r of records) {
    const list = byStream.get(r.stream);
    if (list) list.push(r);
    else byStream.set(r.stream, [r]);
  }
  const parts: string[] = [];
  for (const [stream, rows] of byStream) {
    const columns = rows[0]!.columns;
    const header = ['ROWTIME', ...columns.map((c) => c.name)];
    const body = rows.map((r) => [formatTimestamp(r.rowtime), ...columns.map((c) => displayValue(r.row[c.name], c.type))]);
    const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
    const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ').trimEnd();
    parts.push(`${stream}\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('-+-')}\n${body.map(line).join('\n')}\n`);
  }
  return parts.join('\n');
}

/** CSV lines as a destination with RecordFormatType CSV would receive them. */
export function toCsv(records: readonly OutputRecord[]): string {
  return records.map((r) => encodeCsvRow(r.row, r.columns)).join('');
}
