import type { StorageEngine } from '../storage/engine.js';

/** Everything `freshet serve` can tune about the Kinesis Data Streams service. */
export interface KinesisOptions {
  storage: StorageEngine;
  /** Default account id when a request's credentials map to none (12 digits). */
  defaultAccountId?: string;
  /** How long a stream stays CREATING / DELETING / UPDATING (ms); kinesalite's default is 500. */
  createStreamMs?: number;
  deleteStreamMs?: number;
  updateStreamMs?: number;
  /** Account-wide open shard limit (LimitExceededException beyond it). */
  shardLimit?: number;
  /** Enforce per-shard write/read throughput (ProvisionedThroughputExceededException); off by default. */
  throughputLimits?: boolean;
  /** Shard iterator lifetime in ms (AWS: 300000). */
  iteratorTtlMs?: number;
}
