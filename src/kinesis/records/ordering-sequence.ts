/**
 * `SequenceNumberForOrdering` (PutRecord): Freshet always orders a shard's records by arrival, so the value only
 * has to be one AWS would accept: any parseable sequence number (kinesalite's recorded layouts, with their range
 * checks) whose record time is not in the future.
 */
import { invalidArgument } from '../model/errors.js';
import { parseSequenceNumber } from '../model/sequence-numbers.js';

export function checkSequenceNumberForOrdering(seq: string, streamName: string, accountId: string, nowMs: number): void {
  let future = false;
  try {
    future = (parseSequenceNumber(seq).seqTime ?? 0) > nowMs;
  } catch {
    future = true;
  }
  if (future) {
    throw invalidArgument(
      `ExclusiveMinimumSequenceNumber ${seq} used in PutRecord on stream ${streamName} under account ${accountId} is invalid.`,
    );
  }
}
