/** The push interface every operator implements: rows in ROWTIME order, and rowtime bounds (punctuation). */
import type { Row } from '../plan/bound-expr.js';

export interface Sink {
  /** A row with its ROWTIME; ROWTIMEs arrive non-decreasing. */
  push(row: Row, rowtime: number): void;
  /** No row with a ROWTIME below `t` will follow: lets windows and groups close without new rows. */
  bound(t: number): void;
}

/** Something holding rows until a time passes (a window, a held outer-join row); lets the runtime drain at the end. */
export interface Timed {
  /** The earliest time at which a bound would make this operator emit, or undefined when it holds nothing. */
  nextDeadline(): number | undefined;
}

export const NULL_SINK: Sink = { push() {}, bound() {} };
