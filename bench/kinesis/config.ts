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
