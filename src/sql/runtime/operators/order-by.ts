/**
 * Streaming ORDER BY: the leading key is monotonic (e.g. FLOOR(s.ROWTIME TO SECOND)); rows are held until it moves
 * on, then emitted sorted by the remaining keys. The emitted rows all carry the latest ROWTIME of the batch, so
 * the output stays in ROWTIME order.
 */
import { rowError } from '../../errors.js';
import type { Row, RowFn } from '../../plan/bound-expr.js';
import { tupleKey, type OperatorEnv } from '../operator-env.js';
import type { Sink, Timed } from '../sink.js';

export interface OrderByConfig {
  readonly leading: RowFn;
  /** The leading key's value at a bare time, when it depends on ROWTIME only. */
  readonly leadingAt?: (t: number) => unknown;
  /** When the leading key's current value ends (FLOOR/STEP of ROWTIME), for draining. */
  readonly leadingEnd?: (value: number) => number;
  readonly rest: readonly { readonly fn: RowFn; readonly desc: boolean }[];
  /**
   * Rows sharing a leading value all carry one ROWTIME (a grouped query emits a bucket's rows at once), so the
   * batch is complete once time passes it.
   */
  readonly batchesShareRowtime?: boolean;
  readonly leadingDesc: boolean;
}

interface Entry {
  row: Row;
  rowtime: number;
  keys: unknown[];
  seq: number;
}

function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
}

export class OrderBy implements Sink, Timed {
  private batch: Entry[] = [];
  private current = '';
  private currentValue: unknown = null;
  private seq = 0;

  constructor(
    private readonly out: Sink,
    private readonly env: OperatorEnv,
    private readonly cfg: OrderByConfig,
  ) {
    env.timed(this);
  }

  push(row: Row, rowtime: number): void {
    const ctx = this.env.ctx;
    let lead: unknown;
    let keys: unknown[];
    try {
      lead = this.cfg.leading(row, rowtime, ctx);
      keys = this.cfg.rest.map((r) => r.fn(row, rowtime, ctx));
    } catch (err) {
      return this.env.report(rowError(err), row, rowtime);
    }
    const id = tupleKey([lead]);
    if (this.batch.length && id !== this.current) this.flush();
    this.current = id;
    this.currentValue = lead;
    this.batch.push({ row, rowtime, keys, seq: this.seq++ });
  }

  bound(t: number): void {
    const last = this.batch[this.batch.length - 1];
    if (last && ((this.cfg.leadingAt && tupleKey([this.cfg.leadingAt(t)]) !== this.current) || (this.cfg.batchesShareRowtime && t > last.rowtime))) {
      this.flush();
    }
    // A held batch will be emitted at its latest ROWTIME, which may be below t.
    this.out.bound(this.batch.length ? Math.min(t, this.batch[this.batch.length - 1]!.rowtime) : t);
  }

  nextDeadline(): number | undefined {
    // Only a leading key of known extent (FLOOR/STEP of ROWTIME), or batches of one ROWTIME, drain by time alone.
    const last = this.batch[this.batch.length - 1];
    if (!last) return undefined;
    if (this.cfg.batchesShareRowtime) return last.rowtime + 1;
    return this.cfg.leadingEnd && typeof this.currentValue === 'number' ? this.cfg.leadingEnd(this.currentValue) : undefined;
  }

  private flush(): void {
    const batch = this.batch;
    this.batch = [];
    const rest = this.cfg.rest;
    batch.sort((a, b) => {
      for (let i = 0; i < rest.length; i++) {
        const c = compareValues(a.keys[i], b.keys[i]);
        if (c !== 0) return rest[i]!.desc ? -c : c;
      }
      return a.seq - b.seq;
    });
    const rt = batch[batch.length - 1] ? Math.max(...batch.map((e) => e.rowtime)) : 0;
    for (const e of batch) this.out.push(e.row, rt);
  }
}
