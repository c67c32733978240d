/**
 * Streaming GROUP BY (tumbling windows): groups share the values of the monotonic keys (STEP/FLOOR of ROWTIME);
 * when a row or a rowtime bound shows those values have moved on, every group of the finished bucket is emitted,
 * in order of first appearance, with ROWTIME = the end of the bucket.
 */
import { rowError } from '../../errors.js';
import type { Row, RowFn } from '../../plan/bound-expr.js';
import { createAccumulator, type Accumulator, type AggregateSpec } from '../aggregates.js';
import { tupleKey, type OperatorEnv } from '../operator-env.js';
import type { Sink, Timed } from '../sink.js';

export interface GroupAggregateConfig {
  readonly keys: readonly RowFn[];
  /** Indexes into `keys` of the monotonic (bucket) keys. */
  readonly monotonic: readonly number[];
  /** The bucket keys' values at a bare time, when they depend on ROWTIME only. */
  readonly keysAt?: (t: number) => unknown[];
  /** End of the bucket with these monotonic key values (STEP/FLOOR arithmetic), when known. */
  readonly bucketEnd?: (values: readonly unknown[]) => number;
  readonly aggs: readonly { readonly spec: AggregateSpec; readonly arg?: RowFn }[];
}

interface Group {
  keys: unknown[];
  accs: Accumulator[];
}

function sameValues(bucket: readonly unknown[], keys: readonly unknown[], monotonic: readonly number[]): boolean {
  for (let i = 0; i < monotonic.length; i++) if (bucket[i] !== keys[monotonic[i]!]) return false;
  return true;
}

export class GroupAggregate implements Sink, Timed {
  private bucket: unknown[] | undefined;
  private bucketId = '';
  private groups = new Map<string, Group>();

  constructor(
    private readonly out: Sink,
    private readonly env: OperatorEnv,
    private readonly cfg: GroupAggregateConfig,
  ) {
    env.timed(this);
  }

  push(row: Row, rowtime: number): void {
    const ctx = this.env.ctx;
    const { keys: keyFns, monotonic, aggs } = this.cfg;
    const nk = keyFns.length;
    const na = aggs.length;
    const keys = new Array<unknown>(nk);
    const values = new Array<unknown>(na);
    try {
      for (let i = 0; i < nk; i++) keys[i] = keyFns[i]!(row, rowtime, ctx);
      for (let i = 0; i < na; i++) {
        const arg = aggs[i]!.arg;
        values[i] = arg ? arg(row, rowtime, ctx) : 1;
      }
    } catch (err) {
      return this.env.report(rowError(err), row, rowtime);
    }
    // Most rows fall in the open bucket: compare the bucket keys' values before building any identity string.
    if (!this.bucket || !sameValues(this.bucket, keys, monotonic)) {
      const bucket = monotonic.map((i) => keys[i]);
      const bucketId = tupleKey(bucket);
      if (this.bucket && bucketId !== this.bucketId) this.flush(rowtime);
      if (!this.bucket) {
        this.bucket = bucket;
        this.bucketId = bucketId;
      }
    }
    const id = nk === 1 && typeof keys[0] !== 'object' ? (keys[0] as string) : tupleKey(keys);
    let g = this.groups.get(id);
    if (!g) {
      g = { keys, accs: aggs.map((a) => createAccumulator(a.spec)) };
      this.groups.set(id, g);
    }
    const accs = g.accs;
    for (let i = 0; i < na; i++) accs[i]!.add(values[i], rowtime);
  }

  bound(t: number): void {
    if (this.bucket && this.cfg.keysAt && tupleKey(this.cfg.keysAt(t)) !== this.bucketId) this.flush(t);
    this.out.bound(t);
  }

  nextDeadline(): number | undefined {
    if (!this.bucket) return undefined;
    return this.cfg.bucketEnd ? this.cfg.bucketEnd(this.bucket) : undefined;
  }

  private flush(trigger: number): void {
    const end = this.cfg.bucketEnd ? Math.min(this.cfg.bucketEnd(this.bucket!), trigger) : trigger;
    const groups = this.groups;
    this.groups = new Map();
    this.bucket = undefined;
    for (const g of groups.values()) {
      const row: Row = {};
      g.keys.forEach((k, i) => (row[`$g${i}`] = k));
      try {
        g.accs.forEach((a, i) => (row[`$a${i}`] = a.result(end)));
      } catch (err) {
        this.env.report(rowError(err), row, end);
          continue;
      }
      this.out.push(row, end);
    }
  }
}
