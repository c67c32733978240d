/**
 * SubscribeToShard's event stream: `initial-response` first (boto3 insists on it), then `SubscribeToShardEvent`s
 * pushed as soon as records are committed (the append signal wakes the subscription; no polling), an empty event
 * at least every 5 s while idle, `ChildShards` and the end of the stream once a closed shard is drained, and the
 * end after the subscription's lifetime (AWS: 5 minutes). The client going away ends it at once.
 */
import type { EventStreamMessage } from '../../server/service.js';
import { AwsError } from '../../server/service.js';
import type { ShardMeta, StreamMeta } from '../model/types.js';
import type { DataPlane } from '../records/data-plane.js';
import { readShard } from '../records/get-records.js';
import { sequencerFor } from '../records/sequence-format.js';

export const HEARTBEAT_MS = 5000;
/** How often an idle subscription looks again at its consumer and stream (deregistration, deletion, resharding). */
const RECHECK_MS = 1000;
const EVENT_MAX_RECORDS = 10_000;
const EVENT_MAX_BYTES = 2 * 1024 * 1024;

export interface SubscriptionSpec {
  plane: DataPlane;
  stream: StreamMeta;
  shard: ShardMeta;
  consumerArn: string;
  /** First log position to deliver. */
  position: number;
  /** When the subscription ends by itself (epoch ms). */
  endsAt: number;
  signal: AbortSignal;
  /** Called once when the subscription is over, whatever ended it. */
  onEnd: () => void;
}

export async function* subscriptionEvents(spec: SubscriptionSpec): AsyncGenerator<EventStreamMessage> {
  const { plane, shard } = spec;
  let position = spec.position;
  let stream = spec.stream;
  let woken = false;
  let wake: (() => void) | undefined;
  const poke = (): void => {
    woken = true;
    wake?.();
  };
  const unlisten = plane.appends.listen(shard.logKey, poke);
  spec.signal.addEventListener('abort', poke);
  try {
    yield { kind: 'event', eventType: 'initial-response', payload: {} };
    // The first event goes out at once, records or not, so a subscriber knows where it stands.
    let lastEventAt = -Infinity;
    let continuation: string | undefined;
    while (!spec.signal.aborted) {
      const now = plane.now();
      if (now >= spec.endsAt) return;
      // Pick up resharding (a closed shard, its children) and notice a consumer or stream going away.
      const current = plane.registry.find(stream.accountId, stream.region, stream.name);
      const consumer = current?.consumers.find((c) => c.arn === spec.consumerArn);
      if (!current || current.streamId !== stream.streamId || !consumer || consumer.status !== 'ACTIVE') {
        throw new AwsError('ResourceNotFoundException', `Consumer ${spec.consumerArn} not found.`);
      }
      stream = current;
      const currentShard = plane.registry.findShard(stream, shard.shardId) ?? shard;
      woken = false;
      const r = await readShard(plane, stream, currentShard, position, EVENT_MAX_RECORDS, EVENT_MAX_BYTES);
      position = r.nextPosition;
      if (r.records.length > 0 || r.shardEnded || now - lastEventAt >= HEARTBEAT_MS) {
        const payload: Record<string, unknown> = {
          Records: r.records,
          MillisBehindLatest: r.millisBehindLatest,
        };
        if (r.shardEnded) {
          payload.ChildShards = r.childShards ?? [];
        } else {
          // Where to resume (AFTER_SEQUENCE_NUMBER): the last record delivered, or, before any, the position just
          // before this subscription's start (only its counter matters for resuming).
          const lastRecord = r.records[r.records.length - 1];
          if (lastRecord) continuation = lastRecord.SequenceNumber;
          continuation ??= sequencerFor(currentShard).sequenceNumber(position - 1, now);
          payload.ContinuationSequenceNumber = continuation;
        }
        lastEventAt = now;
        yield { kind: 'event', eventType: 'SubscribeToShardEvent', payload };
        if (r.shardEnded) return;
        if (r.records.length > 0 && !r.shardEnded && r.millisBehindLatest > 0) continue;
      }
      if (woken || spec.signal.aborted) continue;
      const waitMs = Math.max(0, Math.min(HEARTBEAT_MS - (plane.now() - lastEventAt), spec.endsAt - plane.now(), RECHECK_MS));
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, waitMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
    }
  } finally {
    unlisten();
    spec.signal.removeEventListener('abort', poke);
    spec.onEnd();
  }
}
