/**
 * Sliding windows (`agg(x) OVER w`, WINDOW w AS (PARTITION BY … RANGE INTERVAL … PRECEDING | ROWS n PRECEDING)):
 * one output row per input row, carrying the aggregates over the window that ends at it. RANGE keeps rows with
 * ROWTIME ≥ current − interval (inclusive); ROWS n keeps the current row and the n before it.
 */
import { rowError } from '../../errors.js';
import type { Row, RowFn } from '../../plan/bound-expr.js';
import { createAccumulator, isInvertible, windowValue, type Accumulator, type AggregateSpec } from '../aggregates.js';
import { tupleKey, type OperatorEnv } from '../operator-env.js';
import type { Sink } from '../sink.js';

export interface SlidingWindowDef {
  readonly partition: readonly RowFn[];
  readonly frame: { readonly unit: 'RANGE'; readonly ms: number } | { readonly unit: 'ROWS'; readonly n: number };
  readonly aggs: readonly { readonly spec: AggregateSpec; readonly arg?: RowFn; readonly out: string }[];
}

interface Partition {
  values: unknown[][];
  times: number[];
  start: number;
  accs: (Accumulator | undefined)[];
}

class WindowState {
  private readonly partitions = new Map<string, Partition>();
  private sweptAt = -Infinity;
  private readonly invertible: boolean[];

  constructor(readonly def: SlidingWindowDef) {
    this.invertible = def.aggs.map((a) => isInvertible(a.spec));
  }

  /**
   * Forgets RANGE partitions whose newest row has left the window by time `t`: keys seen once do not stay in memory
   * forever. (Under ROWS a partition's window never empties, so those are kept.)
   */
  sweep(t: number): void {
    const frame = this.def.frame;
    if (frame.unit !== 'RANGE' || t - this.sweptAt < Math.max(frame.ms, 1000)) return;
    this.sweptAt = t;
    for (const [id, p] of this.partitions) if (p.times[p.times.length - 1]! < t - frame.ms) this.partitions.delete(id);
  }

  /** Adds the row to its partition, evicts what left the window, and writes the aggregates into `out`. */
  apply(row: Row, rowtime: number, env: OperatorEnv, out: Row): void {
    const ctx = env.ctx;
    const { def } = this;
    const id = def.partition.length ? tupleKey(def.partition.map((p) => p(row, rowtime, ctx))) : '';
    let p = this.partitions.get(id);
    if (!p) {
      p = { values: def.aggs.map(() => []), times: [], start: 0, accs: def.aggs.map((a, i) => (this.invertible[i] ? createAccumulator(a.spec) : undefined)) };
      this.partitions.set(id, p);
    }
    const args = def.aggs.map((a) => (a.arg ? a.arg(row, rowtime, ctx) : 1));
    p.times.push(rowtime);
    args.forEach((v, i) => {
      p!.values[i]!.push(v);
      p!.accs[i]?.add(v, rowtime);
    });
    // Evict.
    const frame = def.frame;
    const end = p.times.length;
    while (p.start < end - 1 && (frame.unit === 'RANGE' ? p.times[p.start]! < rowtime - frame.ms : end - p.start > frame.n + 1)) {
      for (let i = 0; i < def.aggs.length; i++) p.accs[i]?.remove?.(p.values[i]![p.start]);
      p.start++;
    }
    if (p.start > 1024 && p.start * 2 > end) {
      p.times.splice(0, p.start);
      for (const v of p.values) v.splice(0, p.start);
      p.start = 0;
    }
    for (let i = 0; i < def.aggs.length; i++) {
      const a = def.aggs[i]!;
      const acc = p.accs[i];
      out[a.out] = acc ? acc.result(rowtime) : windowValue(a.spec, p.values[i]!, p.times, p.start, rowtime);
    }
  }
}

export class SlidingWindow implements Sink {
  private readonly windows: WindowState[];

  constructor(
    private readonly out: Sink,
    private readonly env: OperatorEnv,
    defs: readonly SlidingWindowDef[],
  ) {
    this.windows = defs.map((d) => new WindowState(d));
  }

  push(row: Row, rowtime: number): void {
    const out: Row = { ...row };
    try {
      for (const w of this.windows) w.apply(row, rowtime, this.env, out);
    } catch (err) {
      return this.env.report(rowError(err), row, rowtime);
    }
    this.out.push(out, rowtime);
  }

  bound(t: number): void {
    for (const w of this.windows) w.sweep(t);
    this.out.bound(t);
  }
}
