/**
 * One subscription per consumer and shard at a time: a second SubscribeToShard for the same pair while one is
 * open is refused with ResourceInUseException, as AWS does.
 */
import { AwsError } from '../../server/service.js';

const open = new WeakMap<object, Set<string>>();

export function claimSubscription(owner: object, consumerArn: string, shardId: string): () => void {
  let set = open.get(owner);
  if (!set) {
    set = new Set();
    open.set(owner, set);
  }
  const key = `${consumerArn} ${shardId}`;
  if (set.has(key)) {
    throw new AwsError(
      'ResourceInUseException',
      `Another active subscription exists for consumer ${consumerArn} and shard ${shardId}.`,
    );
  }
  set.add(key);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    set.delete(key);
  };
}
