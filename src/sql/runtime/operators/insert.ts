/**
 * INSERT INTO a stream: query columns map positionally (or through the column list) onto the stream's columns,
 * converted with the assignment rules (VARCHAR silently truncated to its length, as KDA's console shows
 * 'Volkswag' for VARCHAR(8); numeric conversions that overflow send the row to error_stream).
 */
import { rowError } from '../../errors.js';
import type { Row } from '../../plan/bound-expr.js';
import type { OperatorEnv } from '../operator-env.js';
import type { Sink } from '../sink.js';

export interface InsertColumn {
  readonly from: string;
  readonly to: string;
  readonly convert?: (v: unknown) => unknown;
  /** The target column is NOT NULL: a NULL value throws this error (the row goes to error_stream). */
  readonly notNull?: () => Error;
}

/**
 * The row mapping as one generated function returning an object literal: a fixed shape per target stream is much
 * cheaper than growing an empty object key by key on every row.
 */
function compileMapping(columns: readonly InsertColumn[], unset: readonly string[]): (row: Row) => Row {
  const fields = columns.map((c, i) => {
    const read = `row[${JSON.stringify(c.from)}]`;
    const ifNull = c.notNull ? `N[${i}]()` : 'null';
    const value = c.convert ? `F[${i}](v)` : 'v';
    return `${JSON.stringify(c.to)}: (v = ${read}) === null || v === undefined ? ${ifNull} : ${value}`;
  });
  for (const u of unset) fields.push(`${JSON.stringify(u)}: null`);
  const factory = new Function('F', 'N', `"use strict"; return function insertRow(row) { let v; return { ${fields.join(', ')} }; };`);
  const fail = columns.map((c) => (c.notNull ? () => { throw c.notNull!(); } : undefined));
  return factory(columns.map((c) => c.convert), fail) as (row: Row) => Row;
}

export class Insert implements Sink {
  private readonly map: (row: Row) => Row;

  constructor(
    private readonly out: Sink,
    private readonly env: OperatorEnv,
    columns: readonly InsertColumn[],
    /** Target columns not written by this pump (they get NULL). */
    unset: readonly string[],
  ) {
    this.map = compileMapping(columns, unset);
  }

  push(row: Row, rowtime: number): void {
    let target: Row;
    try {
      target = this.map(row);
    } catch (err) {
      return this.env.report(rowError(err), row, rowtime);
    }
    this.out.push(target, rowtime);
  }

  bound(t: number): void {
    this.out.bound(t);
  }
}
