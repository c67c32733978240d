/**
 * Merges several ROWTIME-ordered inputs into one ordered output: the pumps writing into one in-application stream
 * and the branches of UNION ALL. Rows wait until every input's bound has passed them; ties go to the input declared
 * first, so the output is deterministic. With one input it is a pass-through.
 */
import type { Row } from '../plan/bound-expr.js';
import type { Sink } from './sink.js';

interface Input {
  rows: Row[];
  times: number[];
  head: number;
  watermark: number;
}

export class Merge {
  private readonly inputs: Input[] = [];
  private released = -Infinity;

  constructor(private readonly out: Sink) {}

  /** A new input port. */
  input(): Sink {
    const inp: Input = { rows: [], times: [], head: 0, watermark: -Infinity };
    this.inputs.push(inp);
    return {
      push: (row, rowtime) => {
        if (this.inputs.length === 1) {
          this.out.push(row, rowtime);
          return;
        }
        inp.rows.push(row);
        inp.times.push(rowtime);
        if (rowtime > inp.watermark) inp.watermark = rowtime;
        this.release();
      },
      bound: (t) => {
        if (this.inputs.length === 1) {
          this.out.bound(t);
          return;
        }
        if (t > inp.watermark) inp.watermark = t;
        this.release();
      },
    };
  }

  private release(): void {
    let low = Infinity;
    for (const i of this.inputs) if (i.watermark < low) low = i.watermark;
    for (;;) {
      let best: Input | undefined;
      let bestTime = Infinity;
      for (const i of this.inputs) {
        if (i.head < i.rows.length) {
          const t = i.times[i.head]!;
          if (t <= low && t < bestTime) {
            best = i;
            bestTime = t;
          }
        }
      }
      if (!best) break;
      const row = best.rows[best.head]!;
      best.head++;
      if (best.head > 1024 && best.head * 2 > best.rows.length) {
        best.rows.splice(0, best.head);
        best.times.splice(0, best.head);
        best.head = 0;
      }
      this.out.push(row, bestTime);
    }
    if (low > this.released && low !== Infinity) {
      this.released = low;
      this.out.bound(low);
    }
  }
}
