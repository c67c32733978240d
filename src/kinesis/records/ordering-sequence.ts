/**
 * `SequenceNumberForOrdering` (PutRecord): Freshet always orders a shard's records by arrival, so the value only
 * has to be one AWS would accept; these are the cases kinesalite recorded from AWS.
 */
import { AwsError } from '../../server/service.js';
import { internalFailure, invalidArgument } from '../model/errors.js';
import { parseSequenceNumber } from '../model/sequence-numbers.js';

const POW_2_185 = 1n << 185n;
const POW_2_185_NEXT = (1n << 185n) * 3n / 2n;

export function checkSequenceNumberForOrdering(seq: string, streamName: string, accountId: string, nowMs: number): void {
  const invalid = (): AwsError =>
    invalidArgument(
      `ExclusiveMinimumSequenceNumber ${seq} used in PutRecord on stream ${streamName} under account ${accountId} is invalid.`,
    );
  const n = BigInt(seq);
  // A would-be current-layout number with version digit 3 makes AWS fail internally rather than refuse it.
  if (n > POW_2_185 && n < POW_2_185_NEXT && (n & 0xfn) === 3n) throw internalFailure();
  let parts;
  try {
    parts = parseSequenceNumber(seq);
  } catch {
    throw invalid();
  }
  if (parts.version === 0 || parts.shardIx < 0) throw invalid();
  if ((parts.seqTime ?? 0) > nowMs) throw invalid();
}
