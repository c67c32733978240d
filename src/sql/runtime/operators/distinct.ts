/**
 * SELECT STREAM DISTINCT: the leading column is monotonic, so a row is a duplicate only of rows with the same
 * leading value; the set of seen rows is dropped whenever that value moves on.
 */
import type { Row } from '../../plan/bound-expr.js';
import { tupleKey } from '../operator-env.js';
import type { Sink } from '../sink.js';

export class Distinct implements Sink {
  private lead = '';
  private seen = new Set<string>();

  constructor(
    private readonly out: Sink,
    private readonly columns: readonly string[],
  ) {}

  push(row: Row, rowtime: number): void {
    const values = this.columns.map((c) => row[c] ?? null);
    const lead = tupleKey(values.slice(0, 1));
    if (lead !== this.lead) {
      this.lead = lead;
      this.seen = new Set();
    }
    const id = tupleKey(values);
    if (this.seen.has(id)) return;
    this.seen.add(id);
    this.out.push(row, rowtime);
  }

  bound(t: number): void {
    this.out.bound(t);
  }
}
