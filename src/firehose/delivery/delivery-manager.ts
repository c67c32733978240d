/**
 * Runs delivery for every ACTIVE delivery stream: one DeliveryWorker each, plus a KinesisSource for streams that
 * read a Kinesis stream. Also the ingest path shared by PutRecord(Batch) and the Kinesis source: records are
 * appended to the stream's log (durably, per the storage sync policy) before the call returns.
 */
import type { KinesisService } from '../../kinesis/service.js';
import type { StorageEngine } from '../../storage/engine.js';
import type { ObjectWriter } from '../destinations/object-writer.js';
import { recordLogKey } from '../model/keys.js';
import type { RegistryListener } from '../model/registry.js';
import type { DeliveryStreamMeta } from '../model/types.js';
import type { DeliveryOutcome } from './deliver-batch.js';
import { DeliveryWorker } from './delivery-worker.js';
import { KinesisSource, sourceCheckpointKey } from './kinesis-source.js';
import type { InvokeFunction } from './transform.js';

/** The partition-key slot of directly put records (see `ingest`). */
export const DIRECT_PUT_KEY = 'firehose';

export interface DeliveryManagerOptions {
  storage: StorageEngine;
  writer: ObjectWriter;
  invoke: InvokeFunction;
  kinesis?: KinesisService;
  now(): number;
  idlePollMs: number;
  retryMs: number;
  httpRetryBaseMs: number;
  sourcePollMs: number;
  log(message: string): void;
  onDelivered?(meta: DeliveryStreamMeta, outcome: DeliveryOutcome): void;
}

export class DeliveryManager implements RegistryListener {
  private readonly workers = new Map<string, DeliveryWorker>();
  private readonly sources = new Map<string, KinesisSource>();
  /** Last arrival time handed to each log: arrival times must never go down within a log. */
  private readonly lastArrival = new Map<string, number>();
  private readonly stopping = new Map<string, Promise<void>>();

  constructor(private readonly o: DeliveryManagerOptions) {}

  /**
   * `sourceArrivalMs[i]`: when a Kinesis source stream received record i. It rides in the log's partition-key slot
   * (Firehose records have no partition key), because the log's own arrival times must never go down while
   * records of several shards interleave; prefixes and object names use it.
   */
  async ingest(meta: DeliveryStreamMeta, records: Uint8Array[], sourceArrivalMs?: number[]): Promise<void> {
    if (!records.length) return;
    const arrivalMs = Math.max(this.o.now(), this.lastArrival.get(meta.id) ?? 0);
    this.lastArrival.set(meta.id, arrivalMs);
    await this.o.storage.append(
      recordLogKey(meta.id),
      records.map((data, i) => ({ partitionKey: sourceArrivalMs ? String(sourceArrivalMs[i]) : DIRECT_PUT_KEY, data, arrivalMs })),
    );
    this.workers.get(meta.id)?.notify();
  }

  onActive(meta: DeliveryStreamMeta): void {
    const worker = this.workers.get(meta.id);
    if (worker) {
      worker.update(meta);
      return;
    }
    this.workers.set(
      meta.id,
      new DeliveryWorker(meta, {
        storage: this.o.storage,
        writer: this.o.writer,
        invoke: this.o.invoke,
        httpRetryBaseMs: this.o.httpRetryBaseMs,
        now: this.o.now,
        idlePollMs: this.o.idlePollMs,
        retryMs: this.o.retryMs,
        log: this.o.log,
        ...(this.o.onDelivered ? { onDelivered: this.o.onDelivered } : {}),
      }),
    );
    if (meta.type === 'KinesisStreamAsSource' && meta.source && !this.sources.has(meta.id)) {
      if (!this.o.kinesis) {
        this.o.log(`${meta.name}: no Kinesis service in this process to read ${meta.source.KinesisStreamARN}`);
        return;
      }
      const source = new KinesisSource(meta, {
        kinesis: this.o.kinesis,
        storage: this.o.storage,
        pollMs: this.o.sourcePollMs,
        shardRefreshMs: 5000,
        ingest: (records, arrivals) => this.ingest(meta, records, arrivals),
        log: this.o.log,
      });
      this.sources.set(meta.id, source);
      source.start().catch((err) => this.o.log(`${meta.name}: ${String(err)}`));
    }
  }

  onDeleting(meta: DeliveryStreamMeta): void {
    void this.stopStream(meta.id);
  }

  async onRemoving(meta: DeliveryStreamMeta): Promise<void> {
    await this.stopStream(meta.id);
    await this.o.storage.deleteMeta(sourceCheckpointKey(meta.id));
  }

  /** Stops a stream's reader and worker; concurrent callers all wait for the same stop. */
  private stopStream(id: string): Promise<void> {
    let stopping = this.stopping.get(id);
    if (!stopping) {
      const source = this.sources.get(id);
      const worker = this.workers.get(id);
      this.sources.delete(id);
      this.workers.delete(id);
      stopping = (async () => {
        await source?.stop();
        await worker?.stop();
      })().finally(() => this.stopping.delete(id));
      this.stopping.set(id, stopping);
    }
    return stopping;
  }

  async stop(): Promise<void> {
    await Promise.all([...this.sources.keys(), ...this.workers.keys()].map((id) => this.stopStream(id)));
    this.o.writer.close?.();
  }
}
