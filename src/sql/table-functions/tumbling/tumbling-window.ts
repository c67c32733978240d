/**
 * Tumbling windows over ROWTIME for the *_TUMBLING functions: windows of `sizeMs` aligned to the epoch (like
 * STEP/FLOOR on ROWTIME), closed — and their result emitted with ROWTIME = the window's end — as soon as a row or
 * the rowtime bound reaches the end, so a quiet stream still gets its results. Windows that saw no row emit nothing.
 */
import type { Emit } from '../contract.js';

export interface WindowAccumulator<T> {
  /** A fresh state for a new window. */
  open(): T;
  add(state: T, row: Record<string, unknown>): void;
  /** Emits the window's result rows. */
  close(state: T, windowEnd: number, emit: Emit): void;
}

export class TumblingWindow<T> {
  private start: number | undefined;
  private state: T | undefined;

  constructor(
    private readonly sizeMs: number,
    private readonly accumulator: WindowAccumulator<T>,
  ) {}

  push(row: Record<string, unknown>, rowtime: number, emit: Emit): void {
    this.advanceTime(rowtime, emit);
    if (this.state === undefined) {
      this.start = Math.floor(rowtime / this.sizeMs) * this.sizeMs;
      this.state = this.accumulator.open();
    }
    this.accumulator.add(this.state, row);
  }

  /** The end of the open window, when one holds rows. */
  nextDeadline(): number | undefined {
    return this.start === undefined ? undefined : this.start + this.sizeMs;
  }

  advanceTime(nowMs: number, emit: Emit): void {
    if (this.state === undefined || this.start === undefined) return;
    const end = this.start + this.sizeMs;
    if (nowMs < end) return;
    const state = this.state;
    this.state = undefined;
    this.start = undefined;
    this.accumulator.close(state, end, emit);
  }
}
