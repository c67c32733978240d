/** Errors of SplitShard / MergeShards / UpdateShardCount with AWS's texts. */
import { AwsError } from '../../server/service.js';
import type { StreamMeta } from '../model/types.js';

export function couldNotFindShard(shardId: string, streamName: string, accountId: string): AwsError {
  return new AwsError('ResourceNotFoundException', `Could not find shard ${shardId} in stream ${streamName} under account ${accountId}.`);
}

/** A closed shard (already split or merged) cannot take part in another split or merge. */
export function shardNotEligible(shardId: string, stream: StreamMeta): AwsError {
  return new AwsError(
    'InvalidArgumentException',
    `Shard ${shardId} in stream ${stream.name} under account ${stream.accountId} has already been merged or split, ` +
      'and thus is not eligible for merging or splitting.',
  );
}
