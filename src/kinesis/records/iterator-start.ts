/**
 * GetShardIterator's rules: where each iterator type starts in the shard's log, with AWS's messages for sequence
 * numbers that are malformed, belong to another shard, or come from another stream (as kinesalite 3.3.3 answers,
 * whose test suite recorded them from AWS).
 */
import { AwsError } from '../../server/service.js';
import { internalFailure, invalidArgument } from '../model/errors.js';
import { shardIdName } from '../model/hash-keys.js';
import { parseSequenceNumber, type SequenceParts } from '../model/sequence-numbers.js';
import type { ShardMeta, StreamMeta } from '../model/types.js';
import type { DataPlane } from './data-plane.js';
import { sequencerFor } from './sequence-format.js';
import { encodeShardIterator } from './shard-iterator.js';

export type ShardIteratorType = 'AT_SEQUENCE_NUMBER' | 'AFTER_SEQUENCE_NUMBER' | 'TRIM_HORIZON' | 'LATEST' | 'AT_TIMESTAMP';

export interface IteratorRequest {
  type: ShardIteratorType;
  startingSequenceNumber?: string;
  /** AT_TIMESTAMP, epoch ms. */
  timestampMs?: number;
}

/** A shard id as AWS prints one decoded from a sequence number (negative when the field's top bit is set). */
function encodedShardId(index: number): string {
  return index < 0 ? `shardId--${String(-index).padStart(11, '0')}` : shardIdName(index);
}

function mustSpecify(type: string, hasSequence: boolean): AwsError {
  return invalidArgument(
    'Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or ' +
      '(2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. ' +
      `Request specified ${type} and ${hasSequence ? 'also a' : 'no'} StartingSequenceNumber.`,
  );
}

/**
 * Where a request's sequence number points in this shard's log: AT → the record it names, AFTER → the one after.
 * (The shard's StartingSequenceNumber has seqIx 0, i.e. position −1: AT it means "from the start".)
 */
export function positionForSequence(
  stream: StreamMeta,
  shard: ShardMeta,
  seq: string,
  after: boolean,
  operation = 'GetShardIterator',
): number {
  const invalid = (suffix = ''): AwsError =>
    invalidArgument(
      `StartingSequenceNumber ${seq} used in ${operation} on shard ${shard.shardId} in stream ${stream.name} ` +
        `under account ${stream.accountId} is invalid${suffix}.`,
    );
  let parts: SequenceParts;
  try {
    parts = parseSequenceNumber(seq);
  } catch {
    throw invalid();
  }
  if (parts.shardIx !== shard.index) {
    throw invalidArgument(
      `Invalid StartingSequenceNumber. It encodes ${encodedShardId(parts.shardIx)}, while it was used in a call to a shard with ${shard.shardId}`,
    );
  }
  if (parts.version !== 2 || parts.shardCreateTime !== Math.floor(shard.createdMs / 1000) * 1000) {
    // An old-layout (version 0) number of this shard index makes AWS fail internally, as kinesalite recorded.
    if (parts.version === 0) throw internalFailure();
    throw invalid(' because it did not come from this stream');
  }
  const seqIx = BigInt(parts.seqIx!);
  if (seqIx > BigInt(Number.MAX_SAFE_INTEGER)) {
    // Beyond any position a log can reach (e.g. a closed shard's EndingSequenceNumber): the end of the shard.
    return Number.MAX_SAFE_INTEGER;
  }
  const atPosition = Number(seqIx) - 1;
  return after ? atPosition + 1 : Math.max(0, atPosition);
}

/** Where an iterator of the requested type starts (a log position), checking the request's combination. */
export async function startPosition(plane: DataPlane, stream: StreamMeta, shard: ShardMeta, req: IteratorRequest): Promise<number> {
  const hasSeq = req.startingSequenceNumber !== undefined;
  switch (req.type) {
    case 'AT_SEQUENCE_NUMBER':
    case 'AFTER_SEQUENCE_NUMBER':
      if (!hasSeq) throw mustSpecify(req.type, false);
      return positionForSequence(stream, shard, req.startingSequenceNumber!, req.type === 'AFTER_SEQUENCE_NUMBER');
    case 'TRIM_HORIZON':
      if (hasSeq) throw mustSpecify(req.type, true);
      return plane.storage.firstPosition(shard.logKey);
    case 'LATEST':
      if (hasSeq) throw mustSpecify(req.type, true);
      return plane.storage.nextPosition(shard.logKey);
    case 'AT_TIMESTAMP': {
      if (req.timestampMs === undefined) {
        throw invalidArgument(
          'Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP. Current request has no timestamp parameter.',
        );
      }
      const now = plane.now();
      if (req.timestampMs > now) {
        throw invalidArgument(
          'The timestampInMillis parameter cannot be greater than the currentTimestampInMillis. ' +
            `timestampInMillis: ${req.timestampMs}, currentTimestampInMillis: ${now}`,
        );
      }
      return plane.storage.positionAtTime(shard.logKey, req.timestampMs);
    }
    default:
      throw internalFailure();
  }
}

/** An iterator that starts reading `shard` at `position`. */
export function iteratorAt(stream: StreamMeta, shard: ShardMeta, position: number, timeMs = Date.now()): string {
  const p = Math.min(position, Number.MAX_SAFE_INTEGER - 1);
  return encodeShardIterator(stream.name, shard.shardId, sequencerFor(shard).sequenceNumber(p, timeMs), timeMs);
}
