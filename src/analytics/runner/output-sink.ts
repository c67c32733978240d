/**
 * One application output: rows of an in-application stream (or error_stream), encoded as the DestinationSchema
 * says — JSON objects keyed by column name with no separator, or CSV lines — one destination record per row,
 * queued and written in PutRecords batches. A partly failed batch keeps its failed records, in order, for the
 * next flush; nothing is dropped.
 */
import { randomBytes } from 'node:crypto';
import { encodeCsvRow, encodeJsonRow, type ColumnInfo, type Row } from '../../sql/index.js';
import type { StreamEndpoint } from './stream-endpoint.js';

const MAX_BATCH_RECORDS = 500;

/** Where a sink's records go: a Kinesis stream, a Firehose delivery stream or a Lambda function. */
export type RecordWriter = Pick<StreamEndpoint, 'putRecords' | 'close'>;
const MAX_BATCH_BYTES = 5 * 1024 * 1024;

export class OutputSink {
  private queue: { data: Uint8Array; partitionKey: string }[] = [];

  constructor(
    readonly stream: string,
    private readonly columns: readonly ColumnInfo[],
    private readonly format: 'JSON' | 'CSV',
    private readonly endpoint: RecordWriter,
  ) {}

  push(row: Row): void {
    const text = this.format === 'JSON' ? encodeJsonRow(row, this.columns) : encodeCsvRow(row, this.columns);
    // Rows spread over the destination's shards like KDA's writer did (random partition keys).
    this.queue.push({ data: Buffer.from(text, 'utf8'), partitionKey: randomBytes(8).toString('hex') });
  }

  get pending(): number {
    return this.queue.length;
  }

  /** Writes everything queued; resolves true when the queue is empty. */
  async flush(): Promise<boolean> {
    while (this.queue.length) {
      let bytes = 0;
      let n = 0;
      while (n < this.queue.length && n < MAX_BATCH_RECORDS) {
        const size = this.queue[n]!.data.length + this.queue[n]!.partitionKey.length;
        if (n > 0 && bytes + size > MAX_BATCH_BYTES) break;
        bytes += size;
        n++;
      }
      const batch = this.queue.slice(0, n);
      const failed = await this.endpoint.putRecords(batch);
      this.queue = [...failed.map((i) => batch[i]!), ...this.queue.slice(n)];
      if (failed.length) return false;
    }
    return true;
  }

  close(): void {
    this.endpoint.close();
  }
}
