/**
 * Runs application code through the offline runner with both evaluators, asserts they print the same, and returns
 * the printed rows as objects ({stream, ROWTIME, …columns}) for readable expectations.
 */
import assert from 'node:assert/strict';
import { runOffline, toJsonLines, type OfflineReference } from '../../src/sql/runner/offline-run.js';

/** The console's demo stream (kinesis-analytics-demo-stream). */
export const DEMO_SCHEMA = {
  RecordFormat: { RecordFormatType: 'JSON', MappingParameters: { JSONMappingParameters: { RecordRowPath: '$' } } },
  RecordEncoding: 'UTF-8',
  RecordColumns: [
    { Name: 'TICKER_SYMBOL', SqlType: 'VARCHAR(4)', Mapping: '$.TICKER_SYMBOL' },
    { Name: 'SECTOR', SqlType: 'VARCHAR(16)', Mapping: '$.SECTOR' },
    { Name: 'CHANGE', SqlType: 'REAL', Mapping: '$.CHANGE' },
    { Name: 'PRICE', SqlType: 'REAL', Mapping: '$.PRICE' },
  ],
};

export interface Event {
  /** Seconds after 2018-05-01T17:00:00Z, or an ISO string. */
  readonly at: number | string;
  readonly data: unknown;
  readonly stream?: string;
}

export const T0 = Date.UTC(2018, 4, 1, 17, 0, 0);

function iso(at: number | string): string {
  return typeof at === 'string' ? at : new Date(T0 + at * 1000).toISOString();
}

export interface RunSpec {
  readonly schema?: unknown;
  /** Extra input streams: name → schema. */
  readonly schemas?: Record<string, unknown>;
  readonly references?: readonly OfflineReference[];
  readonly outputs?: readonly string[];
}

export type OutRow = Record<string, unknown>;

export function runSql(sql: string, events: readonly Event[], spec: RunSpec = {}): OutRow[] {
  const schemas: Record<string, unknown> = { SOURCE_SQL_STREAM_001: spec.schema ?? DEMO_SCHEMA, ...(spec.schemas ?? {}) };
  const inputs = Object.entries(schemas).map(([stream, schema]) => ({
    stream,
    schema,
    source: stream,
    lines: events.filter((e) => (e.stream ?? 'SOURCE_SQL_STREAM_001') === stream).map((e) => JSON.stringify({ arrival: iso(e.at), data: e.data })),
  }));
  const common = { sql, inputs, ...(spec.references ? { references: spec.references } : {}), ...(spec.outputs ? { outputs: spec.outputs } : {}) };
  const generated = toJsonLines(runOffline({ ...common, evaluator: 'codegen' }));
  const interpreted = toJsonLines(runOffline({ ...common, evaluator: 'interpreter' }));
  assert.equal(generated, interpreted, 'the code generator and the interpreter produced different output');
  return generated
    .split('\n')
    .filter((l) => l)
    .map((l) => JSON.parse(l) as OutRow);
}

/** Rows of one stream without the stream name. */
export function of(rows: readonly OutRow[], stream: string): OutRow[] {
  return rows.filter((r) => r['stream'] === stream).map(({ stream: _s, ...rest }) => rest);
}

/** A timestamp as the output prints it, from seconds after T0. */
export function ts(seconds: number): string {
  const d = new Date(T0 + seconds * 1000).toISOString();
  const frac = d.slice(20, 23).replace(/0+$/, '') || '0';
  return `${d.slice(0, 10)} ${d.slice(11, 19)}.${frac}`;
}

export function tick(symbol: string, sector: string, price: number, change = 0): Record<string, unknown> {
  return { TICKER_SYMBOL: symbol, SECTOR: sector, CHANGE: change, PRICE: price };
}
