/**
 * T-sort (`ORDER BY ts WITHIN slack`, SR "T-sorting Stream Input"): rows arrive roughly in `ts` order; each is held
 * until the stream has moved `slack` past its timestamp, then emitted in timestamp order with ROWTIME = ts. Rows
 * whose timestamp is NULL are discarded; a row older than one already emitted cannot be placed and goes to
 * error_stream.
 */
import { rowError, SqlRuntimeError } from '../../errors.js';
import type { Row, RowFn } from '../../plan/bound-expr.js';
import type { OperatorEnv } from '../operator-env.js';
import type { Sink, Timed } from '../sink.js';

interface Held {
  row: Row;
  ts: number;
  seq: number;
}

export class TSort implements Sink, Timed {
  /** Held rows, kept sorted by (ts, arrival). */
  private held: Held[] = [];
  private seq = 0;
  private emitted = -Infinity;

  constructor(
    private readonly out: Sink,
    private readonly env: OperatorEnv,
    private readonly key: RowFn,
    private readonly slackMs: number,
  ) {
    env.timed(this);
  }

  push(row: Row, rowtime: number): void {
    let ts: unknown;
    try {
      ts = this.key(row, rowtime, this.env.ctx);
    } catch (err) {
      return this.env.report(rowError(err), row, rowtime);
    }
    if (ts === null) return;
    const t = ts as number;
    if (t < this.emitted) {
      this.env.report(new SqlRuntimeError('Out of order row', `Timestamp ${t} arrived after rows up to ${this.emitted} were emitted (WITHIN slack exceeded)`), row, rowtime);
    } else {
      const h = { row, ts: t, seq: this.seq++ };
      let i = this.held.length;
      while (i > 0 && this.held[i - 1]!.ts > t) i--;
      this.held.splice(i, 0, h);
    }
    this.release(rowtime);
  }

  bound(t: number): void {
    this.release(t);
    // Rows still to come are never older than the last one emitted.
    if (this.emitted !== -Infinity) this.out.bound(this.emitted);
  }

  nextDeadline(): number | undefined {
    return this.held.length ? this.held[0]!.ts + this.slackMs + 1 : undefined;
  }

  private release(now: number): void {
    let n = 0;
    while (n < this.held.length && this.held[n]!.ts < now - this.slackMs) n++;
    if (n === 0) return;
    const due = this.held.splice(0, n);
    for (const h of due) {
      this.emitted = h.ts;
      this.out.push(h.row, h.ts);
    }
  }
}
