/**
 * Writes records with PutRecords: batches of at most 500 records and 5 MiB, sent when full or when input pauses,
 * and the entries a call refuses (throttled, internal failure) retried with exponential backoff and jitter.
 */
import { PutRecordsCommand, type KinesisClient, type PutRecordsRequestEntry } from '@aws-sdk/client-kinesis';
import { backoffMs, sleep } from './backoff.js';
import { CliError, isRetryable } from './errors.js';

export const MAX_BATCH_RECORDS = 500;
export const MAX_BATCH_BYTES = 5 * 1024 * 1024;
export const MAX_RECORD_BYTES = 1024 * 1024;

export interface ProducerOptions {
  /** Attempts per record before giving up (default 10). */
  maxAttempts?: number;
  /** How long a partial batch waits for more input (default 50 ms; Infinity: until full or flushed, for files). */
  lingerMs?: number;
  /** Called after each successful batch. */
  onWritten?: (records: number, bytes: number) => void;
}

export interface ProducerStats {
  records: number;
  bytes: number;
  batches: number;
  retried: number;
  /** Open shards that got records, when known. */
  shards: Set<string>;
  /** Where the most recent record went. */
  last?: { shardId: string; sequenceNumber: string };
}

export class Producer {
  readonly stats: ProducerStats = { records: 0, bytes: 0, batches: 0, retried: 0, shards: new Set() };
  private batch: PutRecordsRequestEntry[] = [];
  private batchBytes = 0;
  /** Record data alone, for the stats (the 5 MiB limit counts partition keys too). */
  private batchDataBytes = 0;
  private timer: NodeJS.Timeout | undefined;
  private sending: Promise<void> = Promise.resolve();
  private failure: unknown;

  constructor(
    private readonly kinesis: KinesisClient,
    private readonly streamName: string,
    private readonly options: ProducerOptions = {},
  ) {}

  /** Queues one record; resolves once there is room for more (a full batch is sent first). */
  async add(data: Uint8Array, partitionKey: string, where = 'record'): Promise<void> {
    if (this.failure) throw this.failure;
    const size = data.length + Buffer.byteLength(partitionKey);
    if (size > MAX_RECORD_BYTES) throw new CliError(`${where} is ${size} bytes with its partition key, over the 1 MiB record limit`);
    if (partitionKey.length === 0 || partitionKey.length > 256) throw new CliError(`${where}: a partition key has 1 to 256 characters`);
    if (this.batch.length === MAX_BATCH_RECORDS || this.batchBytes + size > MAX_BATCH_BYTES) await this.sendBatch();
    this.batch.push({ Data: data, PartitionKey: partitionKey });
    this.batchBytes += size;
    this.batchDataBytes += data.length;
    if (this.batch.length === MAX_BATCH_RECORDS) await this.sendBatch();
    else this.armLinger();
  }

  /** Sends what is queued and waits for every batch. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.batch.length > 0) await this.sendBatch();
    await this.sending;
    if (this.failure) throw this.failure;
  }

  private armLinger(): void {
    if (this.timer || this.options.lingerMs === Infinity) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.sendBatch().catch(() => undefined); // kept in this.failure, thrown by the next add/flush
    }, this.options.lingerMs ?? 50);
  }

  /** Batches go one at a time, so records keep their order per partition key. */
  private sendBatch(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const entries = this.batch;
    const bytes = this.batchDataBytes;
    this.batch = [];
    this.batchBytes = 0;
    this.batchDataBytes = 0;
    if (entries.length === 0) return this.sending;
    this.sending = this.sending.then(async () => {
      if (this.failure) return;
      try {
        await this.putWithRetries(entries);
        this.stats.records += entries.length;
        this.stats.bytes += bytes;
        this.stats.batches++;
        this.options.onWritten?.(entries.length, bytes);
      } catch (err) {
        this.failure = err;
      }
    });
    return this.sending.then(() => {
      if (this.failure) throw this.failure;
    });
  }

  private async putWithRetries(entries: PutRecordsRequestEntry[]): Promise<void> {
    const maxAttempts = this.options.maxAttempts ?? 10;
    let pending = entries;
    for (let attempt = 1; ; attempt++) {
      let lastError: string;
      try {
        const res = await this.kinesis.send(new PutRecordsCommand({ StreamName: this.streamName, Records: pending }));
        const failed: PutRecordsRequestEntry[] = [];
        lastError = '';
        res.Records?.forEach((r, i) => {
          if (r.ErrorCode) {
            failed.push(pending[i]!);
            lastError = `${r.ErrorCode}: ${r.ErrorMessage ?? ''}`.trim();
          } else if (r.ShardId) {
            this.stats.shards.add(r.ShardId);
            this.stats.last = { shardId: r.ShardId, sequenceNumber: r.SequenceNumber ?? '' };
          }
        });
        if (failed.length === 0) return;
        pending = failed;
        this.stats.retried += failed.length;
      } catch (err) {
        if (!isRetryable(err) || attempt >= maxAttempts) throw err;
        lastError = err instanceof Error ? `${err.name}: ${err.message.split('\n')[0]}` : String(err);
      }
      if (attempt >= maxAttempts) {
        throw new CliError(`${pending.length} record(s) not written after ${attempt} attempts: ${lastError}`);
      }
      await sleep(backoffMs(attempt));
    }
  }
}
