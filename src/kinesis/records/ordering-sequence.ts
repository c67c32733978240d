/**
 * `SequenceNumberForOrdering` (PutRecord): Freshet always orders a shard's records by arrival, so the value only
 * has to be one AWS would accept. From what kinesalite recorded, AWS looks at the layout only: a current-layout
 * number (version 2) passes unless its counter or shard field has the top bit set or its record time lies in the
 * future (the shard creation field is not checked); version 1 passes; version 0 and anything else is refused, and
 * version digit 3 makes AWS fail internally.
 */
import { AwsError } from '../../server/service.js';
import { internalFailure, invalidArgument } from '../model/errors.js';

const POW_2_124 = 1n << 124n;
const POW_2_185 = 1n << 185n;
const POW_2_185_NEXT = (1n << 185n) * 3n / 2n;

export function checkSequenceNumberForOrdering(seq: string, streamName: string, accountId: string, nowMs: number): void {
  const invalid = (): AwsError =>
    invalidArgument(
      `ExclusiveMinimumSequenceNumber ${seq} used in PutRecord on stream ${streamName} under account ${accountId} is invalid.`,
    );
  let n = BigInt(seq);
  if (n < POW_2_124) n += POW_2_124;
  if (!(n > POW_2_185 && n < POW_2_185_NEXT)) throw invalid();
  const hex = n.toString(16);
  const version = Number.parseInt(hex.slice(-1), 16);
  if (version === 3) throw internalFailure();
  if (version === 1) return;
  if (version !== 2) throw invalid();
  if (Number.parseInt(hex[11]!, 16) > 7 || Number.parseInt(hex[38]!, 16) > 7) throw invalid();
  if (Number.parseInt(hex.slice(29, 38), 16) * 1000 > nowMs) throw invalid();
}
