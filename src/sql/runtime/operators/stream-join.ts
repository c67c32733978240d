/**
 * Stream-to-stream join over windows. Each side keeps the rows of its window (`S OVER (RANGE … PRECEDING)`); a side
 * without a window contributes only rows with the current ROWTIME. A new row is matched against the other side's
 * window and the match gets ROWTIME = the later of the two (the new row's). An outer side's row that never matched
 * is emitted with NULLs once it leaves its own window, at ROWTIME = its ROWTIME + the window's range.
 */
import { rowError } from '../../errors.js';
import type { Row, RowFn } from '../../plan/bound-expr.js';
import type { OperatorEnv } from '../operator-env.js';
import { Merge } from '../merge.js';
import type { Sink, Timed } from '../sink.js';
import { copySide, type JoinSide } from './join-rows.js';

export type JoinWindow = { readonly unit: 'RANGE'; readonly ms: number } | { readonly unit: 'ROWS'; readonly n: number };

export interface StreamJoinSide extends JoinSide {
  readonly window: JoinWindow;
  /** Unmatched rows of this side are emitted padded with NULLs (LEFT for the left side, …). */
  readonly outer: boolean;
}

export interface StreamJoinConfig {
  readonly left: StreamJoinSide;
  readonly right: StreamJoinSide;
  readonly on?: RowFn;
}

interface Held {
  row: Row;
  rowtime: number;
  matched: boolean;
}

class SideState {
  items: Held[] = [];
  head = 0;
  constructor(readonly side: StreamJoinSide) {}

  /** Removes rows that can no longer match anything at time `now`; returns the unmatched ones of an outer side. */
  evict(now: number, arriving: boolean): Held[] {
    const out: Held[] = [];
    const w = this.side.window;
    while (this.head < this.items.length) {
      const h = this.items[this.head]!;
      const expired = w.unit === 'RANGE' ? h.rowtime < now - w.ms : arriving && this.items.length - this.head > w.n;
      if (!expired) break;
      this.head++;
      if (this.side.outer && !h.matched) out.push(h);
    }
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return out;
  }

  /** When this side's unmatched rows are due, for draining. */
  deadline(): number | undefined {
    const w = this.side.window;
    if (!this.side.outer || w.unit !== 'RANGE') return undefined;
    for (let i = this.head; i < this.items.length; i++) if (!this.items[i]!.matched) return this.items[i]!.rowtime + w.ms + 1;
    return undefined;
  }
}

export class StreamJoin implements Timed {
  private readonly l: SideState;
  private readonly r: SideState;
  readonly leftInput: Sink;
  readonly rightInput: Sink;

  constructor(
    private readonly out: Sink,
    private readonly env: OperatorEnv,
    private readonly cfg: StreamJoinConfig,
  ) {
    this.l = new SideState(cfg.left);
    this.r = new SideState(cfg.right);
    // The two inputs are merged into one ROWTIME order first, so a side fed by a delayed subquery still interleaves right.
    const merge = new Merge({
      push: (tagged, rt) => this.arrive(tagged['row'] as Row, rt, tagged['left'] === true),
      bound: (t) => {
        this.expire(t, false);
        this.out.bound(t);
      },
    });
    const l = merge.input();
    const r = merge.input();
    this.leftInput = { push: (row, rt) => l.push({ left: true, row }, rt), bound: (t) => l.bound(t) };
    this.rightInput = { push: (row, rt) => r.push({ left: false, row }, rt), bound: (t) => r.bound(t) };
    env.timed(this);
  }

  nextDeadline(): number | undefined {
    const a = this.l.deadline();
    const b = this.r.deadline();
    return a === undefined ? b : b === undefined ? a : Math.min(a, b);
  }

  private combine(left: Held | undefined, right: Held | undefined): Row {
    const row: Row = {};
    copySide(row, this.cfg.left, left?.row, left ? left.rowtime : null);
    copySide(row, this.cfg.right, right?.row, right ? right.rowtime : null);
    return row;
  }

  private expire(now: number, arriving: boolean): void {
    const gone = [...this.l.evict(now, arriving).map((h) => ({ h, left: true })), ...this.r.evict(now, arriving).map((h) => ({ h, left: false }))];
    if (gone.length === 0) return;
    const due = (x: { h: Held; left: boolean }): number => {
      const w = (x.left ? this.cfg.left : this.cfg.right).window;
      return w.unit === 'RANGE' ? x.h.rowtime + w.ms : now;
    };
    gone.sort((a, b) => due(a) - due(b));
    for (const g of gone) this.out.push(g.left ? this.combine(g.h, undefined) : this.combine(undefined, g.h), Math.min(due(g), now));
  }

  private arrive(row: Row, rowtime: number, fromLeft: boolean): void {
    this.expire(rowtime, false);
    const mine = fromLeft ? this.l : this.r;
    const other = fromLeft ? this.r : this.l;
    const held: Held = { row, rowtime, matched: false };
    try {
      for (let i = other.head; i < other.items.length; i++) {
        const o = other.items[i]!;
        const combined = fromLeft ? this.combine(held, o) : this.combine(o, held);
        if (!this.cfg.on || this.cfg.on(combined, rowtime, this.env.ctx) === true) {
          held.matched = true;
          o.matched = true;
          this.out.push(combined, rowtime);
        }
      }
    } catch (err) {
      return this.env.report(rowError(err), row, rowtime);
    }
    mine.items.push(held);
    this.expire(rowtime, true);
  }
}
