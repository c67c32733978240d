/**
 * Reads one source shard from a position until stopped or until the (closed) shard ends, handing each batch of
 * records to the application. Errors (a stream deleted under it, an expired iterator, a throttle) are reported
 * and retried from the last record handed over, so a reader never skips or repeats records on its own.
 */
import type { IteratorStart, ReadRecord, StreamEndpoint } from './stream-endpoint.js';

export interface ShardReaderOptions {
  endpoint: StreamEndpoint;
  shardId: string;
  start: IteratorStart;
  /** The checkpoint: reading resumes after this record instead of at `start`. */
  after?: string;
  /** Pause after an empty read (AWS's consumers poll each shard about once a second). */
  pollMs: number;
  onRecords(records: ReadRecord[]): void;
  onError(err: unknown): void;
  /** True while the application's outputs are too far behind: reading waits (KDA fell behind the same way). */
  paused(): boolean;
  /** Resolves when the reader should stop. */
  stopped: Promise<void>;
  isStopped(): boolean;
}

const BATCH = 10_000;

function sleep(ms: number, stopped: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([new Promise<void>((res) => (timer = setTimeout(res, ms))), stopped]).finally(() => clearTimeout(timer));
}

export class ShardReader {
  lastSequenceNumber: string | undefined;
  done = false;
  readonly finished: Promise<void>;

  constructor(readonly o: ShardReaderOptions) {
    this.lastSequenceNumber = o.after;
    this.finished = this.run();
  }

  private async run(): Promise<void> {
    const { endpoint, shardId } = this.o;
    let iterator: string | undefined;
    while (!this.o.isStopped()) {
      try {
        if (this.o.paused()) {
          await sleep(this.o.pollMs, this.o.stopped);
          continue;
        }
        iterator ??= await endpoint.shardIterator(
          shardId,
          this.lastSequenceNumber ? { type: 'AFTER_SEQUENCE_NUMBER', sequenceNumber: this.lastSequenceNumber } : this.o.start,
        );
        const res = await endpoint.getRecords(iterator, BATCH);
        if (this.o.isStopped()) return;
        if (res.records.length) {
          this.o.onRecords(res.records);
          this.lastSequenceNumber = res.records[res.records.length - 1]!.sequenceNumber;
        }
        if (!res.nextIterator) {
          this.done = true;
          return;
        }
        iterator = res.nextIterator;
        if (!res.records.length) await sleep(this.o.pollMs, this.o.stopped);
      } catch (err) {
        this.o.onError(err);
        iterator = undefined;
        await sleep(Math.max(this.o.pollMs, 200), this.o.stopped);
      }
    }
  }
}
