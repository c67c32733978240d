/** Reads one shard with GetShardIterator/GetRecords until it ends, catches up (when asked) or the signal aborts. */
import { GetRecordsCommand, GetShardIteratorCommand, type KinesisClient, type _Record } from '@aws-sdk/client-kinesis';
import { isRetryable } from './errors.js';
import { backoffMs } from './backoff.js';
import type { StartPosition } from './start-position.js';
import { abortableSleep } from './abortable-sleep.js';

export interface ShardBatch {
  shardId: string;
  records: _Record[];
  millisBehindLatest?: number;
}

export type ShardOutcome = 'ended' | 'caught-up' | 'aborted';

export interface PollOptions {
  stream: string;
  shardId: string;
  from: StartPosition;
  /** Stop once a read comes back empty at the tip of an open shard. */
  stopAtTip: boolean;
  /** With stopAtTip: records that arrived after this are left out, so a busy stream still has an end. */
  until?: Date;
  /** Pause between empty reads. */
  idleMs: number;
  signal: AbortSignal;
  onBatch(batch: ShardBatch): Promise<void>;
}

/** AWS allows 5 GetRecords calls a second per shard. */
const MIN_GAP_MS = 200;
const MAX_CONSECUTIVE_FAILURES = 6;

export async function pollShard(kinesis: KinesisClient, o: PollOptions): Promise<ShardOutcome> {
  const abort = { abortSignal: o.signal };
  let lastSequence: string | undefined;
  const iterator = async (): Promise<string | undefined> => {
    const from: StartPosition = lastSequence ? { type: 'AT_SEQUENCE_NUMBER', sequenceNumber: lastSequence } : o.from;
    const res = await kinesis.send(
      new GetShardIteratorCommand({
        StreamName: o.stream,
        ShardId: o.shardId,
        ShardIteratorType: lastSequence ? 'AFTER_SEQUENCE_NUMBER' : from.type,
        ...(from.type === 'AT_SEQUENCE_NUMBER' ? { StartingSequenceNumber: from.sequenceNumber } : {}),
        ...(from.type === 'AT_TIMESTAMP' ? { Timestamp: from.timestamp } : {}),
      }),
      abort,
    );
    return res.ShardIterator;
  };
  let it = await iterator();
  let failures = 0;
  while (it) {
    if (o.signal.aborted) return 'aborted';
    let res;
    try {
      res = await kinesis.send(new GetRecordsCommand({ ShardIterator: it, Limit: 10000 }), abort);
      failures = 0;
    } catch (err) {
      if (o.signal.aborted) return 'aborted';
      if (err instanceof Error && err.name === 'ExpiredIteratorException') {
        it = await iterator();
        continue;
      }
      if (!isRetryable(err) || ++failures >= MAX_CONSECUTIVE_FAILURES) throw err;
      await abortableSleep(backoffMs(failures), o.signal);
      continue;
    }
    let records = res.Records ?? [];
    let pastEnd = false;
    if (o.stopAtTip && o.until) {
      const until = o.until.getTime();
      const kept = records.filter((r) => (r.ApproximateArrivalTimestamp?.getTime() ?? 0) <= until);
      pastEnd = kept.length < records.length;
      records = kept;
    }
    if (records.length > 0) {
      lastSequence = records[records.length - 1]!.SequenceNumber;
      await o.onBatch({ shardId: o.shardId, records, millisBehindLatest: res.MillisBehindLatest });
    }
    if (pastEnd) return 'caught-up';
    if (!res.NextShardIterator) return 'ended';
    if (o.stopAtTip && records.length === 0 && (res.MillisBehindLatest ?? 0) === 0) return 'caught-up';
    it = res.NextShardIterator;
    await abortableSleep(records.length > 0 ? MIN_GAP_MS : o.idleMs, o.signal);
  }
  return 'ended';
}
