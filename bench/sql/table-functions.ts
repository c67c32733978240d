/**
 * Records per CPU-second of the ML and approximate table functions, driven through their contract (bind, create,
 * push, advanceTime) with pre-built rows, so the figure is the function's own cost. Defaults as KDA's: RCF with
 * 100 trees × 256 samples, HOTSPOTS over a window of 1000, the tumbling functions over 1-second windows.
 */
import { Prng } from '../../src/sql/table-functions/prng.js';
import { tableFunctions, type Row } from '../../src/sql/table-functions/index.js';

export interface TableFunctionBench {
  readonly name: string;
  readonly what: string;
  readonly records: number;
  /** Records per CPU-second of the process. */
  readonly rate: number;
  readonly outputs: number;
}

interface Case {
  readonly name: string;
  readonly what: string;
  readonly fn: string;
  readonly columns: { name: string; type: { name: string; nullable: boolean } }[];
  readonly args: unknown[];
  readonly row: (rng: Prng, i: number) => Row;
  /** Records per millisecond of ROWTIME. */
  readonly perMs: number;
  readonly records: number;
}

const DOUBLE = { name: 'DOUBLE', nullable: true };
const VARCHAR = { name: 'VARCHAR', precision: 32, nullable: true };

function gaussian(rng: Prng): number {
  return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
}

function cases(scale: number): Case[] {
  return [
    {
      name: 'rcf-1d',
      what: 'RANDOM_CUT_FOREST, 1 column, defaults (100 trees × 256)',
      fn: 'RANDOM_CUT_FOREST',
      columns: [{ name: 'x', type: DOUBLE }],
      args: [],
      row: (rng, i) => ({ x: Math.sin(i / 10) + 0.1 * gaussian(rng) }),
      perMs: 1,
      records: Math.round(60_000 * scale),
    },
    {
      name: 'rcf-4d',
      what: 'RANDOM_CUT_FOREST, 4 columns, defaults',
      fn: 'RANDOM_CUT_FOREST',
      columns: ['a', 'b', 'c', 'd'].map((name) => ({ name, type: DOUBLE })),
      args: [],
      row: (rng) => ({ a: gaussian(rng), b: gaussian(rng), c: 10 + gaussian(rng), d: 5 * gaussian(rng) }),
      perMs: 1,
      records: Math.round(30_000 * scale),
    },
    {
      name: 'hotspots',
      what: 'HOTSPOTS, 2 columns, windowSize 1000, scanRadius 0.5, minPoints 20',
      fn: 'HOTSPOTS',
      columns: [{ name: 'x', type: DOUBLE }, { name: 'y', type: DOUBLE }],
      args: [1000, 0.5, 20],
      // a few dense blobs over a sparse background
      row: (rng) => {
        if (rng.nextDouble() < 0.3) return { x: 10 * rng.nextDouble(), y: 10 * rng.nextDouble() };
        const c = (rng.nextUint32() % 3) * 3 + 1;
        return { x: c + 0.3 * gaussian(rng), y: c + 0.3 * gaussian(rng) };
      },
      perMs: 1,
      records: Math.round(100_000 * scale),
    },
    {
      name: 'top-k',
      what: "TOP_K_ITEMS_TUMBLING('item', 10, 1), 10,000 items (Zipf-like), 100,000 records per window",
      fn: 'TOP_K_ITEMS_TUMBLING',
      columns: [{ name: 'item', type: VARCHAR }],
      args: ['item', 10, 1],
      row: (rng) => ({ item: `I${Math.floor(10_000 * rng.nextDouble() ** 3)}` }),
      perMs: 100,
      records: Math.round(2_000_000 * scale),
    },
    {
      name: 'count-distinct',
      what: "COUNT_DISTINCT_ITEMS_TUMBLING('item', 1), 50,000 items, 100,000 records per window",
      fn: 'COUNT_DISTINCT_ITEMS_TUMBLING',
      columns: [{ name: 'item', type: VARCHAR }],
      args: ['item', 1],
      row: (rng) => ({ item: `I${rng.nextUint32() % 50_000}` }),
      perMs: 100,
      records: Math.round(2_000_000 * scale),
    },
  ];
}

function run(c: Case, rows: Row[]): { rate: number; outputs: number } {
  const bound = tableFunctions.get(c.fn)!.bind(c.columns as never, c.args);
  const instance = bound.create({ seed: 7 });
  let outputs = 0;
  const emit = (): void => {
    outputs++;
  };
  const t0 = 1_700_000_000_000;
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < rows.length; i++) instance.push(rows[i]!, t0 + Math.floor(i / c.perMs), emit);
  instance.advanceTime(t0 + rows.length + 3_600_000, emit);
  const cpu = process.cpuUsage(cpu0);
  return { rate: rows.length / ((cpu.user + cpu.system) / 1e6), outputs };
}

/** Runs every case (a short warm-up, then the measured run); `scale` multiplies the record counts. */
export function benchTableFunctions(scale = 1, only?: string): TableFunctionBench[] {
  const out: TableFunctionBench[] = [];
  for (const c of cases(scale)) {
    if (only && !c.name.includes(only)) continue;
    const rng = new Prng(42);
    const rows = Array.from({ length: c.records }, (_, i) => c.row(rng, i));
    run(c, rows.slice(0, Math.min(rows.length, 5_000)));
    const { rate, outputs } = run(c, rows);
    out.push({ name: c.name, what: c.what, records: rows.length, rate, outputs });
  }
  return out;
}
