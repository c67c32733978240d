/** The workload every server gets, in one place so the table and docs/benchmarks.md can quote it. */
export const WORKLOAD = {
  shardCount: 4,
  recordBytes: 100,
  putRecordsBatch: 500,
  /** Concurrent clients (one keep-alive connection or HTTP/2 stream each) for the write phases. */
  writers: 8,
  putRecordsSeconds: 10,
  putRecordSeconds: 5,
  /** Untimed traffic before each throughput window so JIT compilers (ours and the peers') are warm. */
  warmupSeconds: 1,
  readRecords: 200_000,
  /**
   * Wall-clock cap on loading the records to read back, for kinesis-local only: it slows down as a stream grows
   * (a few hundred records/s after some thousands here), so it cannot store 200,000 records in a bounded run.
   * Whatever it stored when the cap hits is read back and verified instead, and the table says so. The other
   * servers get `loadCapSeconds` only as a safety net.
   */
  slowPeerLoadCapSeconds: 30,
  loadCapSeconds: 180,
  /** A server that has not finished every phase after this long is stopped and reported as failed. */
  serverBudgetSeconds: 420,
  getRecordsLimit: 10_000,
  /** Freshet only: records stored when its memory is sampled against the 200 MiB target. */
  storedRecordsForRss: 1_000_000,
  /** put→get latency: one record every `latencyIntervalMs` for `latencySeconds`. */
  latencyIntervalMs: 10,
  latencySeconds: 5,
} as const;

/** The targets Freshet must meet in the same run. Ratios are Freshet ÷ kinesalite. */
export const TARGETS = {
  putRecordsRatio: 10,
  putRecordRatio: 4,
  getRecordsRatio: 20,
  subscribeP99Ms: 10,
  rssMiBAfterMillion: 200,
} as const;

export const STREAMS = {
  read: 'bench-read',
  latency: 'bench-latency',
  write: 'bench-write',
} as const;
