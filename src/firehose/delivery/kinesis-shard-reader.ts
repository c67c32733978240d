/**
 * Reads one shard of a Freshet Kinesis stream through the Kinesis service's own `handle` (the same validation,
 * iterators and resharding rules as on the wire, without sockets): from a checkpoint (AFTER_SEQUENCE_NUMBER) or
 * from a time, polling about once a second like Firehose, until stopped or until a closed shard is read to its end.
 * A failed read is retried from the last record handed over, so no record is skipped.
 */
import { randomUUID } from 'node:crypto';
import type { KinesisService } from '../../kinesis/service.js';

export interface KinesisRecord {
  data: Uint8Array;
  sequenceNumber: string;
  arrivalMs: number;
}

export interface KinesisStreamCalls {
  listShardIds(): Promise<string[]>;
  iterator(shardId: string, after: string | undefined, atMs: number): Promise<string>;
  read(iterator: string): Promise<{ records: KinesisRecord[]; next?: string }>;
}

/** The stream's account and region come from its ARN (`arn:aws:kinesis:<region>:<account>:stream/<name>`). */
export function inProcessCalls(kinesis: KinesisService, streamArn: string): KinesisStreamCalls {
  const [, , , region, accountId] = streamArn.split(':');
  const signal = new AbortController().signal;
  const call = (operation: string, input: Record<string, unknown>): Promise<any> =>
    kinesis.handle(operation, input, {
      accountId: accountId!,
      region: region!,
      requestId: randomUUID(),
      // CBOR's in-memory shapes: blobs as bytes, timestamps as Dates.
      protocol: 'cbor',
      httpVersion: '1.1',
      signal,
    });
  return {
    async listShardIds() {
      const ids: string[] = [];
      let token: string | undefined;
      do {
        const res = await call('ListShards', token ? { NextToken: token } : { StreamARN: streamArn });
        for (const s of res.Shards ?? []) ids.push(s.ShardId);
        token = res.NextToken;
      } while (token);
      return ids;
    },
    async iterator(shardId, after, atMs) {
      const input: Record<string, unknown> = after
        ? { StreamARN: streamArn, ShardId: shardId, ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', StartingSequenceNumber: after }
        : { StreamARN: streamArn, ShardId: shardId, ShardIteratorType: 'AT_TIMESTAMP', Timestamp: new Date(atMs) };
      return (await call('GetShardIterator', input)).ShardIterator as string;
    },
    async read(iterator) {
      const res = await call('GetRecords', { ShardIterator: iterator, Limit: 10_000 });
      return {
        records: (res.Records ?? []).map((r: any) => ({
          data: r.Data as Uint8Array,
          sequenceNumber: r.SequenceNumber as string,
          arrivalMs: r.ApproximateArrivalTimestamp instanceof Date ? r.ApproximateArrivalTimestamp.getTime() : Date.now(),
        })),
        ...(res.NextShardIterator ? { next: res.NextShardIterator as string } : {}),
      };
    },
  };
}

export interface ShardReaderOptions {
  calls: KinesisStreamCalls;
  shardId: string;
  /** Resume after this sequence number; else start at `startMs`. */
  after: string | undefined;
  startMs: number;
  pollMs: number;
  /** Hands a batch over; reading continues once it resolves (the batch is then the new resume point). */
  onRecords(records: KinesisRecord[]): Promise<void>;
  onError(err: unknown): void;
  isStopped(): boolean;
  sleep(ms: number): Promise<void>;
}

export async function readShard(o: ShardReaderOptions): Promise<void> {
  let after = o.after;
  let iterator: string | undefined;
  while (!o.isStopped()) {
    try {
      iterator ??= await o.calls.iterator(o.shardId, after, o.startMs);
      const res = await o.calls.read(iterator);
      if (o.isStopped()) return;
      if (res.records.length) {
        await o.onRecords(res.records);
        after = res.records[res.records.length - 1]!.sequenceNumber;
      }
      if (!res.next) return; // a closed shard, read to its end
      iterator = res.next;
      if (!res.records.length) await o.sleep(o.pollMs);
    } catch (err) {
      o.onError(err);
      iterator = undefined;
      await o.sleep(Math.max(o.pollMs, 200));
    }
  }
}
