/**
 * INSERT INTO a stream: query columns map positionally (or through the column list) onto the stream's columns,
 * converted with the assignment rules (VARCHAR silently truncated to its length, as KDA's console shows
 * 'Volkswag' for VARCHAR(8); numeric conversions that overflow send the row to error_stream).
 */
import { SqlRuntimeError } from '../../errors.js';
import type { Row } from '../../plan/bound-expr.js';
import type { OperatorEnv } from '../operator-env.js';
import type { Sink } from '../sink.js';

export interface InsertColumn {
  readonly from: string;
  readonly to: string;
  readonly convert?: (v: unknown) => unknown;
}

export class Insert implements Sink {
  constructor(
    private readonly out: Sink,
    private readonly env: OperatorEnv,
    private readonly columns: readonly InsertColumn[],
    /** Target columns not written by this pump (they get NULL). */
    private readonly unset: readonly string[],
  ) {}

  push(row: Row, rowtime: number): void {
    const target: Row = {};
    try {
      for (const c of this.columns) {
        const v = row[c.from] ?? null;
        target[c.to] = c.convert && v !== null ? c.convert(v) : v;
      }
    } catch (err) {
      if (err instanceof SqlRuntimeError) return this.env.report(err, row, rowtime);
      throw err;
    }
    for (const u of this.unset) target[u] = null;
    this.out.push(target, rowtime);
  }

  bound(t: number): void {
    this.out.bound(t);
  }
}
