/**
 * KinesisStreamAsSource: reads a Freshet Kinesis stream in-process from the delivery start time, de-aggregates
 * KPL records, and appends the user records to the delivery stream's log, where delivery takes over. Each shard's
 * last copied sequence number is checkpointed after the append, so a restart resumes where the copy left off (a
 * crash in between copies a batch twice: at-least-once). New shards (after a reshard) are picked up by listing
 * the shards again every few seconds.
 */
import type { KinesisService } from '../../kinesis/service.js';
import type { StorageEngine } from '../../storage/engine.js';
import type { DeliveryStreamMeta } from '../model/types.js';
import { deaggregate } from './kpl-aggregation.js';
import { inProcessCalls, readShard, type KinesisRecord, type KinesisStreamCalls } from './kinesis-shard-reader.js';

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
  ingest(records: Uint8Array[], sourceArrivalMs: number[]): Promise<void>;
  log(message: string): void;
}

export class KinesisSource {
  private readonly readers = new Map<string, Promise<void>>();
  private readonly abort = new AbortController();
  private readonly calls: KinesisStreamCalls;
  private checkpoint: SourceCheckpoint = { shards: {} };
  /** Checkpoint writes, one after the other (shards copy concurrently). */
  private saving: Promise<unknown> = Promise.resolve();
  private refreshTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly meta: DeliveryStreamMeta,
    private readonly deps: KinesisSourceDeps,
  ) {
    this.calls = inProcessCalls(deps.kinesis, meta.source!.KinesisStreamARN);
  }

  async start(): Promise<void> {
    const saved = await this.deps.storage.getMeta<SourceCheckpoint>(sourceCheckpointKey(this.meta.id));
    if (saved) this.checkpoint = saved.value;
    await this.refresh();
    this.refreshTimer = setInterval(() => void this.refresh(), this.deps.shardRefreshMs);
    this.refreshTimer.unref();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    if (this.refreshTimer) clearInterval(this.refreshTimer);
    await Promise.all(this.readers.values());
    await this.saving.catch(() => {});
  }

  private sleep = (ms: number): Promise<void> =>
    new Promise((res) => {
      const timer = setTimeout(res, ms);
      this.abort.signal.addEventListener('abort', () => (clearTimeout(timer), res()), { once: true });
    });

  private async refresh(): Promise<void> {
    if (this.abort.signal.aborted) return;
    let shardIds: string[];
    try {
      shardIds = await this.calls.listShardIds();
    } catch (err) {
      this.deps.log(`source ${this.meta.source!.KinesisStreamARN} of ${this.meta.name}: ${(err as Error).message}`);
      return;
    }
    for (const shardId of shardIds) {
      if (this.readers.has(shardId) || this.abort.signal.aborted) continue;
      this.readers.set(
        shardId,
        readShard({
          calls: this.calls,
          shardId,
          after: this.checkpoint.shards[shardId],
          startMs: this.meta.source!.deliveryStartMs,
          pollMs: this.deps.pollMs,
          onRecords: (records) => this.copy(shardId, records),
          onError: (err) => this.deps.log(`reading ${shardId} for ${this.meta.name}: ${(err as Error).message}`),
          isStopped: () => this.abort.signal.aborted,
          sleep: this.sleep,
        }),
      );
    }
  }

  private async copy(shardId: string, records: KinesisRecord[]): Promise<void> {
    const users = records.flatMap((r) => deaggregate(r.data).map((u) => ({ data: u.data, arrivalMs: r.arrivalMs })));
    await this.deps.ingest(
      users.map((u) => u.data),
      users.map((u) => u.arrivalMs),
    );
    this.checkpoint.shards[shardId] = records[records.length - 1]!.sequenceNumber;
    const snapshot = { shards: { ...this.checkpoint.shards } };
    // A failed earlier write must not fail every later one: each write carries the whole checkpoint.
    this.saving = this.saving.catch(() => {}).then(() => this.deps.storage.putMeta(sourceCheckpointKey(this.meta.id), snapshot));
    await this.saving;
  }
}
