/** WHERE and the SELECT list: one compiled predicate and one compiled projection per row. */
import { rowError } from '../../errors.js';
import type { Row, RowFn } from '../../plan/bound-expr.js';
import type { OperatorEnv } from '../operator-env.js';
import type { Sink } from '../sink.js';

export type Projector = (row: Row, rowtime: number, ctx: OperatorEnv['ctx']) => Row;

export class FilterProject implements Sink {
  constructor(
    private readonly out: Sink,
    private readonly env: OperatorEnv,
    private readonly where: RowFn | undefined,
    private readonly project: Projector | undefined,
    /** `expr AS ROWTIME` in the select list: the output row's new ROWTIME. */
    private readonly rowtimeOf?: RowFn,
  ) {}

  push(row: Row, rowtime: number): void {
    const ctx = this.env.ctx;
    let out: Row;
    let rt = rowtime;
    try {
      if (this.where && this.where(row, rowtime, ctx) !== true) return;
      out = this.project ? this.project(row, rowtime, ctx) : row;
      if (this.rowtimeOf) {
        const t = this.rowtimeOf(row, rowtime, ctx);
        if (t === null) return; // T-sort discards rows whose timestamp is NULL
        rt = t as number;
      }
    } catch (err) {
      this.env.report(rowError(err), row, rowtime);
        return;
    }
    this.out.push(out, rt);
  }

  bound(t: number): void {
    this.out.bound(t);
  }
}
