/**
 * Reads one shard through an enhanced fan-out consumer (SubscribeToShard over HTTP/2). A subscription lasts at
 * most 5 minutes; the next one continues after the last delivered record. The shard has ended when an event
 * carries ChildShards and no continuation.
 */
import { SubscribeToShardCommand, type KinesisClient, type StartingPosition } from '@aws-sdk/client-kinesis';
import { abortableSleep } from './abortable-sleep.js';
import { isRetryable } from './errors.js';
import { backoffMs } from './backoff.js';
import type { ShardBatch, ShardOutcome } from './shard-poller.js';
import type { StartPosition } from './start-position.js';

export interface SubscribeOptions {
  consumerArn: string;
  shardId: string;
  from: StartPosition;
  signal: AbortSignal;
  onBatch(batch: ShardBatch): Promise<void>;
}

const MAX_CONSECUTIVE_FAILURES = 6;

function startingPosition(from: StartPosition): StartingPosition {
  switch (from.type) {
    case 'AT_SEQUENCE_NUMBER':
      return { Type: 'AT_SEQUENCE_NUMBER', SequenceNumber: from.sequenceNumber };
    case 'AT_TIMESTAMP':
      return { Type: 'AT_TIMESTAMP', Timestamp: from.timestamp };
    default:
      return { Type: from.type };
  }
}

export async function subscribeShard(client: KinesisClient, o: SubscribeOptions): Promise<ShardOutcome> {
  let position = startingPosition(o.from);
  let failures = 0;
  while (!o.signal.aborted) {
    try {
      const res = await client.send(
        new SubscribeToShardCommand({ ConsumerARN: o.consumerArn, ShardId: o.shardId, StartingPosition: position }),
        { abortSignal: o.signal },
      );
      for await (const event of res.EventStream ?? []) {
        if (o.signal.aborted) return 'aborted';
        const e = event.SubscribeToShardEvent;
        if (!e) {
          const [name, error] = Object.entries(event).find(([, v]) => v !== undefined) ?? ['UnknownEvent', undefined];
          const err = new Error((error as { message?: string } | undefined)?.message ?? name);
          err.name = name;
          throw err;
        }
        failures = 0;
        if (e.Records?.length) await o.onBatch({ shardId: o.shardId, records: e.Records, millisBehindLatest: e.MillisBehindLatest });
        if (e.ContinuationSequenceNumber) position = { Type: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: e.ContinuationSequenceNumber };
        else if (e.ChildShards) return 'ended';
      }
    } catch (err) {
      if (o.signal.aborted) return 'aborted';
      // A subscription of this consumer to this shard may still be winding down: wait and subscribe again.
      const busy = err instanceof Error && err.name === 'ResourceInUseException';
      if ((!busy && !isRetryable(err)) || ++failures >= MAX_CONSECUTIVE_FAILURES) throw err;
      await abortableSleep(busy ? 1000 : backoffMs(failures), o.signal);
    }
  }
  return 'aborted';
}
