/**
 * The Kinesis metadata model as stored (one JSON document per stream in the `StorageEngine` metadata space).
 * Wire shapes are derived from it by the actions; nothing here is sent to clients verbatim.
 */

export type StreamStatus = 'CREATING' | 'ACTIVE' | 'UPDATING' | 'DELETING';
export type StreamMode = 'PROVISIONED' | 'ON_DEMAND';
export type EncryptionType = 'NONE' | 'KMS';
export type ConsumerStatus = 'CREATING' | 'ACTIVE' | 'DELETING';

export interface ShardMeta {
  /** `shardId-000000000003` */
  shardId: string;
  /** The number in the shard id; also embedded in sequence numbers. */
  index: number;
  parentShardId?: string;
  adjacentParentShardId?: string;
  /** Inclusive hash key range, decimal strings (compare with BigInt). */
  startingHashKey: string;
  endingHashKey: string;
  /** Shard creation time used in its sequence numbers, epoch ms. */
  createdMs: number;
  startingSequenceNumber: string;
  /** Set when the shard was closed by a split, merge or resharding. */
  endingSequenceNumber?: string;
  /** When the shard was closed, epoch ms (no record in it is younger). */
  closedMs?: number;
  /** The storage log holding this shard's records (unique per stream incarnation and shard). */
  logKey: string;
}

export interface ConsumerMeta {
  name: string;
  arn: string;
  status: ConsumerStatus;
  createdMs: number;
  /** When the pending CREATING→ACTIVE or DELETING→gone transition completes, epoch ms. */
  transitionAt?: number;
  tags?: Record<string, string>;
  resourcePolicy?: string;
}

/**
 * A change to apply when an UPDATING period ends (kept in metadata so that it survives a restart); `kind` names an
 * applier registered with `StreamRegistry.registerUpdateKind`.
 */
export interface PendingUpdate {
  kind: string;
  params: unknown;
}

export interface StreamMeta {
  name: string;
  arn: string;
  accountId: string;
  region: string;
  /** Unique per incarnation of a stream name (AWS's StreamId shape: 20 + 3 lower-case alphanumerics). */
  streamId: string;
  status: StreamStatus;
  /** When the current CREATING/UPDATING/DELETING state ends, epoch ms. */
  transitionAt?: number;
  /** What the end of the current UPDATING state applies (in order). */
  pendingUpdates?: PendingUpdate[];
  /** Stream creation time, epoch ms. */
  createdMs: number;
  /** When the stream first turned ACTIVE (unset while CREATING, and for a stream deleted before it got there). */
  activatedMs?: number;
  mode: StreamMode;
  retentionHours: number;
  encryptionType: EncryptionType;
  keyId?: string;
  /** Enabled shard-level metrics, in AWS's order. */
  shardLevelMetrics: string[];
  /** Tags in insertion order. */
  tags: Record<string, string>;
  maxRecordSizeKiB: number;
  /** Warm throughput (on-demand streams), MiB/s. */
  warmThroughput?: { targetMiBps: number; currentMiBps: number };
  /** Every shard still within retention, open and closed, in shard-id order. */
  shards: ShardMeta[];
  /** Next shard index to hand out (shard ids are never reused within a stream). */
  nextShardIndex: number;
  consumers: ConsumerMeta[];
  resourcePolicy?: string;
  /** Free-form room for the data plane (e.g. resharding bookkeeping); persisted with the stream. */
  extra?: Record<string, unknown>;
}

/** Per account and region settings (UpdateAccountSettings). */
export interface AccountSettings {
  minimumThroughputBillingCommitment?: {
    status: 'ENABLED' | 'DISABLED' | 'ENABLED_UNTIL_EARLIEST_ALLOWED_END';
    startedAtMs?: number;
    endedAtMs?: number;
    earliestAllowedEndAtMs?: number;
  };
}

export function isOpen(shard: ShardMeta): boolean {
  return shard.endingSequenceNumber === undefined;
}
