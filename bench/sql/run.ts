/**
 * `npm run bench:sql`: Nexmark bids through the SQL engine, one query at a time, on one thread. Rates are events per
 * CPU-second of this process (user + system, GC threads included), i.e. per core, which stays meaningful on a
 * machine shared with other work; wall-clock rates are printed alongside. Two paths: pre-decoded rows inserted directly, and end to end from JSON record bytes through the
 * InputSchema decoder. Event time advances 1 ms per 10 events (Nexmark's default 10,000 events/s), driving ROWTIME.
 * Then one line per ML / approximate table function (`table-functions.ts`): records per CPU-second of the function.
 * Usage: npm run bench:sql [-- --events N --json-events N --seed S --table-functions SCALE]
 * (SCALE multiplies the table functions' record counts; 0 skips them, and `--events 0` skips Nexmark.)
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { recordDecoder } from '../../src/sql/io/source-schema.js';
import { compileApplication } from '../../src/sql/plan/compile-application.js';
import type { Row } from '../../src/sql/plan/bound-expr.js';
import { SqlApplication } from '../../src/sql/runtime/application.js';
import { NexmarkGenerator, type Bid } from './nexmark.js';
import { BID_SCHEMA, QUERIES, type BenchQuery } from './queries.js';
import { benchTableFunctions } from './table-functions.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const EVENTS = arg('events', 1_000_000);
const JSON_EVENTS = arg('json-events', 300_000);
const SEED = arg('seed', 42);
const TABLE_FUNCTION_SCALE = arg('table-functions', 1);

function bids(n: number): { bid: Bid; at: number }[] {
  const g = new NexmarkGenerator(SEED);
  const out: { bid: Bid; at: number }[] = [];
  while (out.length < n) {
    const e = g.next();
    if (e.kind === 'bid') out.push({ bid: e.bid, at: e.bid.dateTime });
  }
  return out;
}

const decoder = recordDecoder(BID_SCHEMA);

function app(q: BenchQuery): { run: SqlApplication; outputs: () => number } {
  const compiled = compileApplication(q.sql, { inputs: [{ name: 'BID', columns: decoder.columns }] });
  const run = new SqlApplication(compiled, { startTime: Date.UTC(2020, 0, 1) });
  let n = 0;
  run.subscribe('OUT', () => n++);
  return { run, outputs: () => n };
}

interface Measured {
  /** Events per CPU-second. */
  rate: number;
  /** Events per wall-clock second. */
  wall: number;
  outputs: number;
}

// A full collection before each run, so one query does not pay for the garbage of the setup or of the one before.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

function measure(q: BenchQuery, events: { at: number }[], insert: (run: SqlApplication, i: number) => void): Measured {
  const { run, outputs } = app(q);
  collect();
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  let last = -1;
  for (let i = 0; i < events.length; i++) {
    const at = events[i]!.at;
    if (at !== last) {
      run.advanceTime(at);
      last = at;
    }
    insert(run, i);
  }
  run.finish();
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  const cpuSecs = (cpu.user + cpu.system) / 1e6;
  return { rate: events.length / cpuSecs, wall: events.length / secs, outputs: outputs() };
}

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

console.log(`Nexmark bids, seed ${SEED}: ${fmt(EVENTS)} pre-decoded, ${fmt(JSON_EVENTS)} from JSON; Node ${process.version}, one thread`);

if (EVENTS > 0) {
  // Two phases, each holding only its own input in memory, so one path's data does not weigh on the other's GC.
  const results = new Map<string, { pre: Measured; json?: Measured }>();
  {
    const events = bids(EVENTS);
    const rows: Row[] = events.map(({ bid }) => ({ ...bid, APPROXIMATE_ARRIVAL_TIME: bid.dateTime }));
    for (const q of QUERIES) {
      // A short warm-up run lets the JIT settle before the measured run.
      measure(q, events.slice(0, 50_000), (run, i) => run.insert('BID', rows[i]!));
      results.set(q.name, { pre: measure(q, events, (run, i) => run.insert('BID', rows[i]!)) });
    }
  }
  {
    const events = bids(JSON_EVENTS);
    const payloads = events.map(({ bid }) => Buffer.from(JSON.stringify({ ...bid, dateTime: new Date(bid.dateTime).toISOString().replace('T', ' ').replace('Z', '') })));
    const fromJson = (run: SqlApplication, i: number): void => {
      const { rows } = decoder.decode(payloads[i]!, events[i]!.at);
      for (const r of rows) run.insert('BID', r);
    };
    for (const q of QUERIES) {
      measure(q, events.slice(0, 20_000), fromJson);
      results.get(q.name)!.json = measure(q, events, fromJson);
    }
  }

  console.log('query | pre-decoded ev/s per core (wall) | from JSON ev/s per core (wall) | output rows | what');
  console.log('------|---------------------------------|-------------------------------|-------------|-----');
  for (const q of QUERIES) {
    const { pre, json } = results.get(q.name)!;
    console.log(`${q.name} | ${fmt(pre.rate)} (${fmt(pre.wall)}) | ${fmt(json!.rate)} (${fmt(json!.wall)}) | ${fmt(pre.outputs)} | ${q.what}`);
  }
}

if (TABLE_FUNCTION_SCALE > 0) {
  console.log('');
  console.log('table function | records/s per core | records | output rows | what');
  console.log('---------------|--------------------|---------|-------------|-----');
  for (const r of benchTableFunctions(TABLE_FUNCTION_SCALE)) {
    console.log(`${r.name} | ${fmt(r.rate)} | ${fmt(r.records)} | ${fmt(r.outputs)} | ${r.what}`);
  }
}
