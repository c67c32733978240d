/**
 * Delivers one delivery stream: reads its record log from the delivered-up-to checkpoint, buffers until the
 * BufferingHints say so (size reached, or the oldest buffered record is IntervalInSeconds old), delivers the batch,
 * then moves the checkpoint past it and trims the log. A batch is only checkpointed after its destination accepted
 * it, so a crash or a failed write delivers it again: at-least-once, as Firehose promises.
 */
import type { StorageEngine } from '../../storage/engine.js';
import { checkpointKey, recordLogKey } from '../model/keys.js';
import type { DeliveryStreamMeta } from '../model/types.js';
import { deliverBatch, type DeliveryDeps, type DeliveryOutcome } from './deliver-batch.js';

export interface Checkpoint {
  /** Position of the first record not yet delivered. */
  deliveredUpTo: number;
}

export interface WorkerDeps extends Omit<DeliveryDeps, 'signal'> {
  storage: StorageEngine;
  /** Fallback poll while idle (records normally wake the worker directly). */
  idlePollMs: number;
  /** Pause before retrying a batch whose delivery failed. */
  retryMs: number;
  log(message: string): void;
  onDelivered?(meta: DeliveryStreamMeta, outcome: DeliveryOutcome): void;
}

const MIB = 1024 * 1024;
/** AWS sends at most 10,000 records in one HTTP endpoint request. */
const HTTP_MAX_RECORDS = 10_000;
const S3_MAX_RECORDS = 100_000;
/** How often a buffer that is neither full nor due is looked at again. */
const SIZE_CHECK_MS = 200;

export class DeliveryWorker {
  private readonly abort = new AbortController();
  private wake: (() => void) | undefined;
  /** Waiting for the first record (rather than for a buffer to fill or age). */
  private idle = false;
  private readonly done: Promise<void>;

  constructor(
    private meta: DeliveryStreamMeta,
    private readonly deps: WorkerDeps,
  ) {
    this.done = this.run().catch((err) => deps.log(`delivery of ${meta.name} stopped: ${String(err)}`));
  }

  /** A new configuration (UpdateDestination): the next batch uses it. */
  update(meta: DeliveryStreamMeta): void {
    this.meta = meta;
    this.wake?.();
  }

  /** New records were appended: wakes the worker if it was waiting for any (a filling buffer is re-checked on its own pace). */
  notify(): void {
    if (this.idle || this.stopped) this.wake?.();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    this.wake?.();
    await this.done;
  }

  private get stopped(): boolean {
    return this.abort.signal.aborted;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((res) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        res();
      }
      this.wake = done;
    });
  }

  private async run(): Promise<void> {
    const { storage } = this.deps;
    const log = recordLogKey(this.meta.id);
    const saved = await storage.getMeta<Checkpoint>(checkpointKey(this.meta.id));
    let cursor = saved?.value.deliveredUpTo ?? (await storage.firstPosition(log));
    while (!this.stopped) {
      const destination = this.meta.destinations[0]!;
      const hints = destination.description['BufferingHints'] ?? { SizeInMBs: 5, IntervalInSeconds: 300 };
      const sizeBytes = hints.SizeInMBs * MIB;
      const limit = destination.kind === 'HttpEndpoint' ? HTTP_MAX_RECORDS : S3_MAX_RECORDS;
      const records = await storage.read(log, cursor, { limit, maxBytes: sizeBytes });
      if (!records.length) {
        this.idle = true;
        await this.sleep(this.deps.idlePollMs);
        this.idle = false;
        continue;
      }
      const last = records[records.length - 1]!;
      const bytes = records.reduce((n, r) => n + r.data.length, 0);
      const more = (await storage.nextPosition(log)) > last.position + 1;
      const full = bytes >= sizeBytes || records.length >= limit || (more && (await this.nextWouldOverflow(log, last.position + 1, bytes, sizeBytes)));
      const dueAt = records[0]!.arrivalMs + hints.IntervalInSeconds * 1000;
      const now = this.deps.now();
      if (!full && now < dueAt) {
        // Re-reading a large buffer on every put would be costly: check the size a few times a second instead.
        await this.sleep(Math.min(dueAt - now, SIZE_CHECK_MS));
        continue;
      }
      try {
        const outcome = await deliverBatch(
          this.meta,
          // A Kinesis source's own arrival time, when the record came from one (see DeliveryManager.ingest).
          records.map((r) => ({ data: Buffer.from(r.data), arrivalMs: Number(r.partitionKey) || r.arrivalMs })),
          { ...this.deps, signal: this.abort.signal },
        );
        // Checkpoint even when stopping: the batch is delivered, and a clean stop should not deliver it twice.
        cursor = last.position + 1;
        await storage.putMeta<Checkpoint>(checkpointKey(this.meta.id), { deliveredUpTo: cursor });
        // Everything older than the last delivered record is delivered (arrival times never go down in a log).
        await storage.trimBefore(log, last.arrivalMs);
        this.deps.onDelivered?.(this.meta, outcome);
      } catch (err) {
        if (this.stopped) return;
        this.deps.log(`delivery of ${this.meta.name} failed, retrying: ${err instanceof Error ? err.message : String(err)}`);
        await this.sleep(this.deps.retryMs);
      }
    }
  }

  /** Whether the record after the batch did not fit in the size hint (so the batch is as full as it gets). */
  private async nextWouldOverflow(log: string, from: number, bytes: number, sizeBytes: number): Promise<boolean> {
    const next = await this.deps.storage.read(log, from, { limit: 1 });
    return next.length > 0 && bytes + next[0]!.data.length > sizeBytes;
  }
}
