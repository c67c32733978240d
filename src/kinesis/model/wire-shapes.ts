/** Metadata → the shapes AWS sends (members absent rather than null; timestamps as Date, whole seconds). */
import type { ShardMeta, StreamMeta } from './types.js';
import { isOpen } from './types.js';

export function shardToWire(s: ShardMeta): Record<string, unknown> {
  return {
    ShardId: s.shardId,
    ...(s.parentShardId !== undefined ? { ParentShardId: s.parentShardId } : {}),
    ...(s.adjacentParentShardId !== undefined ? { AdjacentParentShardId: s.adjacentParentShardId } : {}),
    HashKeyRange: { StartingHashKey: s.startingHashKey, EndingHashKey: s.endingHashKey },
    SequenceNumberRange: {
      StartingSequenceNumber: s.startingSequenceNumber,
      ...(s.endingSequenceNumber !== undefined ? { EndingSequenceNumber: s.endingSequenceNumber } : {}),
    },
  };
}

/** AWS reports the creation time with whole-second precision. */
export function creationTimestamp(stream: StreamMeta): Date {
  return new Date(Math.floor(stream.createdMs / 1000) * 1000);
}

/**
 * Shards a stream shows: none while CREATING (AWS fills them in when it turns ACTIVE), nor when it is deleted
 * before it ever got there.
 */
export function visibleShards(stream: StreamMeta): ShardMeta[] {
  const neverActive = stream.status === 'CREATING' || (stream.status === 'DELETING' && stream.activatedMs === undefined);
  return neverActive ? [] : stream.shards;
}

export function enhancedMonitoring(stream: StreamMeta): Array<{ ShardLevelMetrics: string[] }> {
  return [{ ShardLevelMetrics: [...stream.shardLevelMetrics] }];
}

export function encryption(stream: StreamMeta): Record<string, unknown> {
  return { EncryptionType: stream.encryptionType, ...(stream.keyId !== undefined ? { KeyId: stream.keyId } : {}) };
}

export function streamSummary(stream: StreamMeta): Record<string, unknown> {
  return {
    StreamName: stream.name,
    StreamARN: stream.arn,
    StreamStatus: stream.status,
    StreamModeDetails: { StreamMode: stream.mode },
    StreamCreationTimestamp: creationTimestamp(stream),
  };
}

export function openShardCount(stream: StreamMeta): number {
  return visibleShards(stream).filter(isOpen).length;
}
