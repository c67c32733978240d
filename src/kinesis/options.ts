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
  /** How long a consumer stays CREATING / DELETING (ms); defaults to createStreamMs. */
  consumerMs?: number;
  /** Account-wide open shard limit per region (LimitExceededException beyond it); AWS's default is 500. */
  shardLimit?: number;
  /** Account-wide on-demand stream limit per region (AWS: 50). */
  onDemandStreamLimit?: number;
  /** Enforce per-shard write/read throughput (ProvisionedThroughputExceededException); off by default. */
  throughputLimits?: boolean;
  /** Shard iterator lifetime in ms (AWS: 300000). */
  iteratorTtlMs?: number;
  /** How often expired records are trimmed from shard logs (ms; default 60000). */
  retentionCheckMs?: number;
  /** Clock override (epoch ms), for tests that need to move time. */
  now?: () => number;
}

export type ResolvedKinesisOptions = Required<Omit<KinesisOptions, 'now'>> & { now: () => number };

export function resolveKinesisOptions(o: KinesisOptions): ResolvedKinesisOptions {
  const createStreamMs = o.createStreamMs ?? 500;
  return {
    storage: o.storage,
    defaultAccountId: o.defaultAccountId ?? '000000000000',
    createStreamMs,
    deleteStreamMs: o.deleteStreamMs ?? 500,
    updateStreamMs: o.updateStreamMs ?? 500,
    consumerMs: o.consumerMs ?? createStreamMs,
    shardLimit: o.shardLimit ?? 500,
    onDemandStreamLimit: o.onDemandStreamLimit ?? 50,
    throughputLimits: o.throughputLimits ?? false,
    iteratorTtlMs: o.iteratorTtlMs ?? 300_000,
    retentionCheckMs: o.retentionCheckMs ?? 60_000,
    now: o.now ?? Date.now,
  };
}
