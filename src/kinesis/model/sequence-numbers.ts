/**
 * Sequence numbers in the layout kinesalite recorded from AWS ("version 2"): the decimal rendering of the hex string
 *
 *   '2' + hex9(shardCreateSecs) + hex1(shardIndex) + hex16(seqIx) + '00' + hex9(recordSecs) + hex8(shardIndex) + '2'
 *
 * Versions 0 and 1 (older AWS layouts) are parsed too, because clients may still send them as
 * `SequenceNumberForOrdering` / `StartingSequenceNumber`.
 *
 * Freshet's mapping onto storage: every shard has its own log, and a record's `seqIx` is its log position + 1
 * (`seqIx` 0 is the shard's StartingSequenceNumber, so every record sorts after it). Because `seqIx` sits above the
 * time fields, sequence numbers of one shard order exactly like log positions.
 */

const POW_2_124 = 1n << 124n;
const POW_2_124_NEXT = (1n << 125n) * 16n;
const POW_2_185 = 1n << 185n;
const POW_2_185_NEXT = (1n << 185n) * 3n / 2n;

export interface SequenceParts {
  version: 0 | 1 | 2;
  /** Shard creation time, epoch ms (whole seconds). */
  shardCreateTime: number;
  shardIx: number;
  /** Version 2: the per-shard counter (decimal string, may exceed 2^53). Version 1: a small counter. */
  seqIx?: string;
  /** Record time, epoch ms (whole seconds); versions 1 and 2. */
  seqTime?: number;
  byte1?: string;
  seqRand?: string;
}

const hex = (n: number | bigint, width: number): string => n.toString(16).padStart(width, '0').slice(-width);

/** Parses any sequence number version; throws when it is none of them (callers turn that into their AWS error). */
export function parseSequenceNumber(seq: string): SequenceParts {
  if (!/^\d+$/.test(seq)) throw new Error(`not a sequence number: ${seq}`);
  let n = BigInt(seq);
  if (n < POW_2_124) n += POW_2_124;
  const h = n.toString(16);
  const version = n < POW_2_124_NEXT ? 0 : n > POW_2_185 && n < POW_2_185_NEXT ? Number.parseInt(h.slice(-1), 16) : -1;
  if (version === 2) {
    const seqIxHex = h.slice(11, 27);
    let shardIxHex = h.slice(38, 46);
    if (Number.parseInt(seqIxHex[0]!, 16) > 7) throw new Error('Sequence index too high');
    const negative = Number.parseInt(shardIxHex[0]!, 16) > 7;
    const shardCreateSecs = Number.parseInt(h.slice(1, 10), 16);
    if (shardCreateSecs >= 16025175000) throw new Error(`Date too large: ${shardCreateSecs}`);
    let shardIx = Number.parseInt(shardIxHex, 16);
    if (negative) shardIx = -Number.parseInt(shardIxHex, 16);
    return {
      version: 2,
      shardCreateTime: shardCreateSecs * 1000,
      seqIx: BigInt('0x' + seqIxHex).toString(),
      byte1: h.slice(27, 29),
      seqTime: Number.parseInt(h.slice(29, 38), 16) * 1000,
      shardIx,
    };
  }
  if (version === 1) {
    return {
      version: 1,
      shardCreateTime: Number.parseInt(h.slice(1, 10), 16) * 1000,
      byte1: h.slice(11, 13),
      seqTime: Number.parseInt(h.slice(13, 22), 16) * 1000,
      seqRand: h.slice(22, 36),
      seqIx: String(Number.parseInt(h.slice(36, 38), 16)),
      shardIx: Number.parseInt(h.slice(38, 46), 16),
    };
  }
  if (version === 0) {
    const shardCreateSecs = Number.parseInt(h.slice(1, 10), 16);
    if (shardCreateSecs >= 16025175000) throw new Error(`Date too large: ${shardCreateSecs}`);
    return {
      version: 0,
      shardCreateTime: shardCreateSecs * 1000,
      byte1: h.slice(10, 12),
      seqRand: h.slice(12, 28),
      shardIx: Number.parseInt(h.slice(28, 32), 16),
    };
  }
  throw new Error(`Unknown version: ${version}`);
}

/** Renders a version-2 sequence number (the only one Freshet issues). */
export function stringifySequenceNumber(parts: {
  shardCreateTime: number;
  shardIx: number;
  seqIx?: bigint | string | number;
  seqTime?: number;
}): string {
  const h = [
    '2',
    hex(Math.floor(parts.shardCreateTime / 1000), 9),
    hex(parts.shardIx, 1),
    hex(BigInt(parts.seqIx ?? 0), 16),
    '00',
    hex(Math.floor((parts.seqTime ?? parts.shardCreateTime) / 1000), 9),
    hex(parts.shardIx, 8),
    '2',
  ].join('');
  return BigInt('0x' + h).toString();
}

/** The shard's StartingSequenceNumber: seqIx 0 at the shard's creation time. */
export function startingSequenceNumber(shardCreateTime: number, shardIx: number): string {
  return stringifySequenceNumber({ shardCreateTime, shardIx, seqIx: 0 });
}

/** The sequence number of the record at `position` in the shard's log. */
export function sequenceNumberForPosition(
  shard: { createdMs: number; index: number },
  position: number,
  arrivalMs: number,
): string {
  return stringifySequenceNumber({
    shardCreateTime: shard.createdMs,
    shardIx: shard.index,
    seqIx: BigInt(position) + 1n,
    seqTime: Math.max(arrivalMs, shard.createdMs),
  });
}

/**
 * The log position a version-2 sequence number of this shard points at (the record it names, or where it would
 * be); `position - 1` for the shard's starting sequence number. Throws when the number is not version 2.
 */
export function positionOfSequenceNumber(seq: string): number {
  const parts = parseSequenceNumber(seq);
  if (parts.version !== 2) throw new Error('not a version-2 sequence number');
  return Number(BigInt(parts.seqIx!) - 1n);
}

/** Compares two sequence numbers numerically (-1, 0, 1). */
export function compareSequenceNumbers(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
