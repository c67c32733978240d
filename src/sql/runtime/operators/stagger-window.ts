/**
 * WINDOWED BY STAGGER(PARTITION BY … RANGE i): a window per partition key opens at the ROWTIME of its first row and
 * closes i later, emitting one aggregate row with ROWTIME = open + i. Windows close on rows and on rowtime bounds.
 */
import { rowError } from '../../errors.js';
import type { Row, RowFn } from '../../plan/bound-expr.js';
import { createAccumulator, type Accumulator, type AggregateSpec } from '../aggregates.js';
import { tupleKey, type OperatorEnv } from '../operator-env.js';
import type { Sink, Timed } from '../sink.js';

export interface StaggerConfig {
  readonly keys: readonly RowFn[];
  readonly rangeMs: number;
  readonly aggs: readonly { readonly spec: AggregateSpec; readonly arg?: RowFn }[];
}

interface Window {
  id: string;
  keys: unknown[];
  accs: Accumulator[];
  closeAt: number;
}

export class StaggerWindow implements Sink, Timed {
  private readonly open = new Map<string, Window>();
  /** Windows in opening order, which is also closing order. */
  private queue: Window[] = [];
  private head = 0;

  constructor(
    private readonly out: Sink,
    private readonly env: OperatorEnv,
    private readonly cfg: StaggerConfig,
  ) {
    env.timed(this);
  }

  push(row: Row, rowtime: number): void {
    this.closeUntil(rowtime);
    const ctx = this.env.ctx;
    let keys: unknown[];
    let values: unknown[];
    try {
      keys = this.cfg.keys.map((k) => k(row, rowtime, ctx));
      values = this.cfg.aggs.map((a) => (a.arg ? a.arg(row, rowtime, ctx) : 1));
    } catch (err) {
      return this.env.report(rowError(err), row, rowtime);
    }
    const id = tupleKey(keys);
    let w = this.open.get(id);
    if (!w) {
      w = { id, keys, accs: this.cfg.aggs.map((a) => createAccumulator(a.spec)), closeAt: rowtime + this.cfg.rangeMs };
      this.open.set(id, w);
      this.queue.push(w);
    }
    for (let i = 0; i < values.length; i++) w.accs[i]!.add(values[i], rowtime);
  }

  bound(t: number): void {
    this.closeUntil(t);
    this.out.bound(t);
  }

  nextDeadline(): number | undefined {
    return this.head < this.queue.length ? this.queue[this.head]!.closeAt : undefined;
  }

  private closeUntil(t: number): void {
    while (this.head < this.queue.length && this.queue[this.head]!.closeAt <= t) {
      const w = this.queue[this.head++]!;
      this.open.delete(w.id);
      const row: Row = {};
      w.keys.forEach((k, i) => (row[`$g${i}`] = k));
      try {
        w.accs.forEach((a, i) => (row[`$a${i}`] = a.result(w.closeAt)));
      } catch (err) {
        this.env.report(rowError(err), row, w.closeAt);
          continue;
      }
      this.out.push(row, w.closeAt);
    }
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }
}
