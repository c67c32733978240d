/**
 * The shards of a stream and their parent/child links, so that readers follow a stream across reshards: a child
 * is read once its parents are read to their end (Kinesis keeps a key's records in order that way).
 */
import { ListShardsCommand, type KinesisClient, type Shard } from '@aws-sdk/client-kinesis';

export async function listAllShards(kinesis: KinesisClient, streamName: string, signal?: AbortSignal): Promise<Shard[]> {
  const shards: Shard[] = [];
  let token: string | undefined;
  do {
    const res = await kinesis.send(
      new ListShardsCommand(token ? { NextToken: token } : { StreamName: streamName }),
      signal ? { abortSignal: signal } : {},
    );
    shards.push(...(res.Shards ?? []));
    token = res.NextToken;
  } while (token);
  return shards;
}

export function isClosed(shard: Shard): boolean {
  return shard.SequenceNumberRange?.EndingSequenceNumber !== undefined;
}

export function parentsOf(shard: Shard): string[] {
  return [shard.ParentShardId, shard.AdjacentParentShardId].filter((p): p is string => !!p);
}

/** Whether a sequence number falls in a shard's range (sequence numbers are decimal strings up to 128 digits). */
export function shardHoldsSequence(shard: Shard, sequenceNumber: string): boolean {
  const seq = BigInt(sequenceNumber);
  const range = shard.SequenceNumberRange;
  if (!range?.StartingSequenceNumber || seq < BigInt(range.StartingSequenceNumber)) return false;
  return range.EndingSequenceNumber === undefined || seq <= BigInt(range.EndingSequenceNumber);
}

/** `--shard` values: a full shard ID, or just its number (`1` → shardId-000000000001). */
export function shardIdOf(value: string): string {
  return /^\d+$/.test(value) ? `shardId-${value.padStart(12, '0')}` : value;
}
