/**
 * A stream joined with a reference table (KDA: the S3 object loaded whole at start): a lookup per stream row, no
 * window. An equality between a stream expression and a table expression becomes a hash index on the table.
 */
import { rowError } from '../../errors.js';
import type { Row, RowFn } from '../../plan/bound-expr.js';
import { tupleKey, type OperatorEnv } from '../operator-env.js';
import type { Sink } from '../sink.js';
import { copySide, type JoinSide } from './join-rows.js';

export interface TableJoinConfig {
  readonly outer: boolean;
  readonly stream: JoinSide;
  readonly table: JoinSide;
  readonly on?: RowFn;
  /** `streamKey = tableKey` conjunct of ON, both evaluated on combined rows. */
  readonly index?: { readonly streamKey: RowFn; readonly tableKey: RowFn };
}

export class TableJoin implements Sink {
  private readonly index?: Map<string, Row[]>;

  constructor(
    private readonly out: Sink,
    private readonly env: OperatorEnv,
    private readonly cfg: TableJoinConfig,
    private readonly rows: readonly Row[],
  ) {
    if (cfg.index) {
      this.index = new Map();
      for (const r of rows) {
        const probe: Row = {};
        copySide(probe, cfg.table, r, null);
        const k = cfg.index.tableKey(probe, 0, env.ctx);
        if (k === null) continue;
        const id = tupleKey([k]);
        const list = this.index.get(id);
        if (list) list.push(r);
        else this.index.set(id, [r]);
      }
    }
  }

  push(row: Row, rowtime: number): void {
    const { cfg, env } = this;
    const base: Row = {};
    copySide(base, cfg.stream, row, rowtime);
    const results: Row[] = [];
    try {
      let candidates: readonly Row[] = this.rows;
      if (this.index && cfg.index) {
        const k = cfg.index.streamKey(base, rowtime, env.ctx);
        candidates = k === null ? [] : (this.index.get(tupleKey([k])) ?? []);
      }
      for (const t of candidates) {
        const combined: Row = { ...base };
        copySide(combined, cfg.table, t, null);
        if (!cfg.on || cfg.on(combined, rowtime, env.ctx) === true) results.push(combined);
      }
    } catch (err) {
      return env.report(rowError(err), row, rowtime);
    }
    if (results.length === 0 && cfg.outer) {
      copySide(base, cfg.table, undefined, null);
      results.push(base);
    }
    for (const r of results) this.out.push(r, rowtime);
  }

  bound(t: number): void {
    this.out.bound(t);
  }
}
