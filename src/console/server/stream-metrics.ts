/**
 * Per-stream metrics Freshet keeps itself, at 1-second resolution: IncomingRecords, IncomingBytes, GetRecords
 * records and iterator age (the largest MillisBehindLatest a GetRecords answered in that second). The last
 * `HISTORY_SECONDS` seconds are kept per stream in memory; running totals feed the Prometheus counters.
 */

export const HISTORY_SECONDS = 300;

export interface SecondPoint {
  incomingRecords: number;
  incomingBytes: number;
  getRecordsRecords: number;
  /** -1 when no GetRecords ran that second. */
  iteratorAgeMs: number;
}

export interface StreamTotals {
  incomingRecords: number;
  incomingBytes: number;
  getRecordsRecords: number;
  /** Last iterator age seen, in milliseconds. */
  iteratorAgeMs: number;
}

/** Columns ready for a chart: `t` in epoch seconds, one array per metric. */
export interface StreamSeries {
  t: number[];
  incomingRecords: number[];
  incomingBytes: number[];
  getRecordsRecords: number[];
  iteratorAgeMs: number[];
}

interface StreamState {
  seconds: Map<number, SecondPoint>;
  totals: StreamTotals;
}

export const nowSecond = (): number => Math.floor(Date.now() / 1000);

export class StreamMetrics {
  readonly #streams = new Map<string, StreamState>();

  #point(stream: string): { state: StreamState; point: SecondPoint } {
    let state = this.#streams.get(stream);
    if (!state) {
      state = { seconds: new Map(), totals: { incomingRecords: 0, incomingBytes: 0, getRecordsRecords: 0, iteratorAgeMs: 0 } };
      this.#streams.set(stream, state);
    }
    const sec = nowSecond();
    let point = state.seconds.get(sec);
    if (!point) {
      point = { incomingRecords: 0, incomingBytes: 0, getRecordsRecords: 0, iteratorAgeMs: -1 };
      state.seconds.set(sec, point);
      // Seconds arrive in order, so the oldest entries are first in the map.
      for (const old of state.seconds.keys()) {
        if (old > sec - HISTORY_SECONDS) break;
        state.seconds.delete(old);
      }
    }
    return { state, point };
  }

  recordPut(stream: string, records: number, bytes: number): void {
    const { state, point } = this.#point(stream);
    point.incomingRecords += records;
    point.incomingBytes += bytes;
    state.totals.incomingRecords += records;
    state.totals.incomingBytes += bytes;
  }

  recordGet(stream: string, records: number, millisBehindLatest: number | undefined): void {
    const { state, point } = this.#point(stream);
    point.getRecordsRecords += records;
    state.totals.getRecordsRecords += records;
    if (millisBehindLatest !== undefined) {
      point.iteratorAgeMs = Math.max(point.iteratorAgeMs, millisBehindLatest);
      state.totals.iteratorAgeMs = millisBehindLatest;
    }
  }

  streams(): string[] {
    return [...this.#streams.keys()].sort();
  }

  totals(stream: string): StreamTotals | undefined {
    return this.#streams.get(stream)?.totals;
  }

  /** One second's values (zeros when nothing happened). */
  at(stream: string, second: number): SecondPoint {
    return this.#streams.get(stream)?.seconds.get(second) ?? { incomingRecords: 0, incomingBytes: 0, getRecordsRecords: 0, iteratorAgeMs: -1 };
  }

  /** The `seconds` whole seconds before the current one, oldest first, gaps filled with zeros. */
  series(stream: string, seconds = HISTORY_SECONDS, until = nowSecond() - 1): StreamSeries {
    const out: StreamSeries = { t: [], incomingRecords: [], incomingBytes: [], getRecordsRecords: [], iteratorAgeMs: [] };
    for (let s = until - Math.min(seconds, HISTORY_SECONDS) + 1; s <= until; s++) {
      const p = this.at(stream, s);
      out.t.push(s);
      out.incomingRecords.push(p.incomingRecords);
      out.incomingBytes.push(p.incomingBytes);
      out.getRecordsRecords.push(p.getRecordsRecords);
      out.iteratorAgeMs.push(p.iteratorAgeMs);
    }
    return out;
  }
}
