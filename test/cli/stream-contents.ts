/** Reads every record of a stream with the SDK (every shard, from the oldest record), to check what the CLI wrote. */
import { GetRecordsCommand, GetShardIteratorCommand, ListShardsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';

export interface StoredRecord {
  shardId: string;
  data: string;
  bytes: Uint8Array;
  partitionKey: string;
  sequenceNumber: string;
}

export async function readAll(kinesis: KinesisClient, stream: string): Promise<StoredRecord[]> {
  const shards = (await kinesis.send(new ListShardsCommand({ StreamName: stream }))).Shards ?? [];
  const out: StoredRecord[] = [];
  for (const s of shards) {
    let it = (await kinesis.send(new GetShardIteratorCommand({ StreamName: stream, ShardId: s.ShardId!, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
    while (it) {
      const res = await kinesis.send(new GetRecordsCommand({ ShardIterator: it }));
      for (const r of res.Records ?? []) {
        out.push({ shardId: s.ShardId!, data: Buffer.from(r.Data!).toString('utf8'), bytes: r.Data!, partitionKey: r.PartitionKey!, sequenceNumber: r.SequenceNumber! });
      }
      if ((res.Records ?? []).length === 0) break;
      it = res.NextShardIterator;
    }
  }
  return out;
}
