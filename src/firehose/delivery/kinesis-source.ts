/**
 * KinesisStreamAsSource: reads a Freshet Kinesis stream in-process (the Kinesis service's own GetRecords, no
 * sockets) from the delivery start time, de-aggregates KPL records, and appends the user records to the delivery
 * stream's log, where delivery takes over. Each shard's last copied sequence number is checkpointed after the
 * append, so a restart resumes where the copy left off (a crash in between copies a batch twice: at-least-once).
 * New shards (after a reshard) are picked up by listing the shards again every few seconds.
 */
import type { KinesisService } from '../../kinesis/service.js';
import { inProcessEndpoint, type ReadRecord, type StreamEndpoint } from '../../analytics/runner/stream-endpoint.js';
import { ShardReader } from '../../analytics/runner/shard-reader.js';
import type { StorageEngine } from '../../storage/engine.js';
import type { DeliveryStreamMeta } from '../model/types.js';
import { deaggregate } from './kpl-aggregation.js';

export interface SourceCheckpoint {
  /** Shard id → sequence number of the last record copied. */
  shards: Record<string, string>;
}

export function sourceCheckpointKey(streamId: string): string {
  return `firehose/source-checkpoints/${streamId}`;
}

export interface KinesisSourceDeps {
  kinesis: KinesisService;
  storage: StorageEngine;
  pollMs: number;
  shardRefreshMs: number;
  ingest(records: Uint8Array[]): Promise<void>;
  log(message: string): void;
}

export class KinesisSource {
  private readonly readers = new Map<string, ShardReader>();
  private stopResolve!: () => void;
  private readonly stoppedPromise = new Promise<void>((res) => (this.stopResolve = res));
  private stopped = false;
  private endpoint: StreamEndpoint;
  private checkpoint: SourceCheckpoint = { shards: {} };
  private saving: Promise<unknown> = Promise.resolve();
  private refreshTimer: NodeJS.Timeout | undefined;
  /** Appends of one shard's batches happen in order; batches of different shards may interleave. */
  private copying: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly meta: DeliveryStreamMeta,
    private readonly deps: KinesisSourceDeps,
  ) {
    const arn = meta.source!.KinesisStreamARN;
    // The stream's own account and region come from its ARN.
    const [, , , region, account] = arn.split(':');
    this.endpoint = inProcessEndpoint(deps.kinesis, arn, account!, region!);
  }

  async start(): Promise<void> {
    const saved = await this.deps.storage.getMeta<SourceCheckpoint>(sourceCheckpointKey(this.meta.id));
    if (saved) this.checkpoint = saved.value;
    await this.refresh();
    this.refreshTimer = setInterval(() => void this.refresh(), this.deps.shardRefreshMs);
    this.refreshTimer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.refreshTimer) clearInterval(this.refreshTimer);
    this.stopResolve();
    await Promise.all([...this.readers.values()].map((r) => r.finished));
    await this.copying;
    await this.saving;
  }

  private async refresh(): Promise<void> {
    if (this.stopped) return;
    let shards;
    try {
      shards = await this.endpoint.listShards();
    } catch (err) {
      this.deps.log(`source ${this.meta.source!.KinesisStreamARN} of ${this.meta.name}: ${(err as Error).message}`);
      return;
    }
    for (const shard of shards) {
      if (this.readers.has(shard.shardId) || this.stopped) continue;
      const after = this.checkpoint.shards[shard.shardId];
      const reader: ShardReader = new ShardReader({
        endpoint: this.endpoint,
        shardId: shard.shardId,
        start: { type: 'AT_TIMESTAMP', timestamp: new Date(this.meta.source!.deliveryStartMs) },
        ...(after ? { after } : {}),
        pollMs: this.deps.pollMs,
        // ShardReader hands batches synchronously: chain them so they are appended in order.
        onRecords: (records) => {
          this.copying = this.copying.then(() => this.copy(shard.shardId, records));
        },
        onError: (err) => this.deps.log(`reading ${shard.shardId} for ${this.meta.name}: ${(err as Error).message}`),
        stopped: this.stoppedPromise,
        isStopped: () => this.stopped,
      });
      this.readers.set(shard.shardId, reader);
    }
  }

  private async copy(shardId: string, records: ReadRecord[]): Promise<void> {
    const data = records.flatMap((r) => deaggregate(r.data).map((u) => u.data));
    for (;;) {
      try {
        await this.deps.ingest(data);
        break;
      } catch (err) {
        this.deps.log(`copying ${shardId} into ${this.meta.name}: ${(err as Error).message}`);
        if (this.stopped) return;
        await new Promise((res) => setTimeout(res, 500));
      }
    }
    this.checkpoint.shards[shardId] = records[records.length - 1]!.sequenceNumber;
    const snapshot = { shards: { ...this.checkpoint.shards } };
    this.saving = this.saving.then(() => this.deps.storage.putMeta(sourceCheckpointKey(this.meta.id), snapshot)).catch(() => {});
    await this.saving;
  }
}
