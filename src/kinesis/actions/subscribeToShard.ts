/**
 * SubscribeToShard: checks the consumer (ACTIVE), the shard and the starting position up front (so those errors are
 * plain HTTP errors), then answers with an event stream of the shard's records.
 */
import { AwsError, type EventStreamResult } from '../../server/service.js';
import { shardNotFound } from '../model/errors.js';
import { parseShardIndex, shardIdName } from '../model/hash-keys.js';
import { claimSubscription } from '../consumers/active-subscriptions.js';
import { lookupConsumer } from '../consumers/consumer-lookup.js';
import { subscriptionEvents } from '../consumers/subscription.js';
import { dataPlaneOf } from '../records/data-plane.js';
import { startPosition, type ShardIteratorType } from '../records/iterator-start.js';
import { defineAction } from '../runtime.js';
import { validation } from '../validations/subscribeToShard.js';

export default defineAction(validation, async ({ rt, req }, data): Promise<EventStreamResult> => {
  const plane = dataPlaneOf(rt);
  const { stream, consumer } = lookupConsumer(rt, { ConsumerARN: data.ConsumerARN });
  if (consumer.status !== 'ACTIVE') {
    throw new AwsError(
      'ResourceInUseException',
      `Consumer ${consumer.arn} is not ACTIVE, instead in state ${consumer.status}.`,
    );
  }
  const index = parseShardIndex(data.ShardId);
  const shardId = index === undefined ? data.ShardId : shardIdName(index);
  const shard = index === undefined ? undefined : rt.registry.findShard(stream, shardId);
  if (!shard) throw shardNotFound(shardId, stream.name, stream.accountId);
  const sp = data.StartingPosition as { Type: ShardIteratorType; SequenceNumber?: string; Timestamp?: Date };
  const position = await startPosition(plane, stream, shard, {
    type: sp.Type,
    startingSequenceNumber: sp.SequenceNumber,
    timestampMs: sp.Timestamp?.getTime(),
  });
  const release = claimSubscription(plane, consumer.arn, shard.shardId);
  // Released when the event stream ends, and in any case when the client goes away (even if it never started).
  req.signal.addEventListener('abort', release, { once: true });
  return {
    eventStream: subscriptionEvents({
      plane,
      stream,
      shard,
      consumerArn: consumer.arn,
      position,
      // AWS ends a subscription after 5 minutes, the same span as an iterator's lifetime (configurable together).
      endsAt: plane.now() + rt.options.iteratorTtlMs,
      signal: req.signal,
      onEnd: release,
    }),
  };
});
