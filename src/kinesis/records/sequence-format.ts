/**
 * Fast rendering of record sequence numbers for the put/get hot path. Produces exactly what
 * `model/sequence-numbers.ts#sequenceNumberForPosition` produces (version-2 layout, seqIx = position + 1), but with
 * the shard's constant fields folded into one BigInt once per shard, so a record costs one shift, two adds and one
 * decimal conversion.
 *
 * Layout (hex digits, most significant first): '2' | createSecs ×9 | shardIx nibble | seqIx ×16 | '00' |
 * recordSecs ×9 | shardIx ×8 | '2' — so seqIx sits at bit 80 and the record's seconds at bit 36.
 */
import type { ShardMeta } from '../model/types.js';

const SEQ_IX_SHIFT = 80n;
const SECONDS_SHIFT = 36n;
const MASK_36 = (1n << 36n) - 1n;

export class ShardSequencer {
  private readonly base: bigint;
  private readonly createdMs: number;
  private lastSecs = -1;
  private lastBase = 0n;

  constructor(shard: Pick<ShardMeta, 'createdMs' | 'index'>) {
    const createSecs = BigInt(Math.floor(shard.createdMs / 1000)) & MASK_36;
    const ix = BigInt(shard.index);
    this.base = (2n << 184n) | (createSecs << 148n) | ((ix & 0xfn) << 144n) | ((ix & 0xffffffffn) << 4n) | 2n;
    this.createdMs = shard.createdMs;
  }

  private baseAt(arrivalMs: number): bigint {
    const secs = Math.floor(Math.max(arrivalMs, this.createdMs) / 1000);
    if (secs !== this.lastSecs) {
      this.lastSecs = secs;
      this.lastBase = this.base | ((BigInt(secs) & MASK_36) << SECONDS_SHIFT);
    }
    return this.lastBase;
  }

  /** The sequence number of the record stored at `position` that arrived at `arrivalMs`. */
  sequenceNumber(position: number, arrivalMs: number): string {
    return (this.baseAt(arrivalMs) + (BigInt(position + 1) << SEQ_IX_SHIFT)).toString();
  }

  /** A renderer for many records in position order (see SequenceRun). */
  run(): SequenceRun {
    return new SequenceRun(this);
  }

  /** @internal The number (not yet rendered) for `position` at `arrivalMs`, and the second it falls in. */
  valueAt(position: number, arrivalMs: number): bigint {
    return this.baseAt(arrivalMs) + (BigInt(position + 1) << SEQ_IX_SHIFT);
  }

  /** @internal The second a record's sequence number embeds. */
  secondsOf(arrivalMs: number): number {
    return Math.floor(Math.max(arrivalMs, this.createdMs) / 1000);
  }
}

const STEP = 1n << SEQ_IX_SHIFT;

/**
 * Renders the sequence numbers of consecutive records: while positions follow each other within the same second,
 * the next number is the previous one plus 2^80 (one BigInt addition instead of building it from its fields).
 */
export class SequenceRun {
  private value = 0n;
  private lastPosition = -2;
  private lastSecs = -1;

  constructor(private readonly sequencer: ShardSequencer) {}

  next(position: number, arrivalMs: number): string {
    const secs = this.sequencer.secondsOf(arrivalMs);
    if (position === this.lastPosition + 1 && secs === this.lastSecs) this.value += STEP;
    else this.value = this.sequencer.valueAt(position, arrivalMs);
    this.lastPosition = position;
    this.lastSecs = secs;
    return this.value.toString();
  }
}

const sequencers = new WeakMap<ShardMeta, ShardSequencer>();

/** The sequencer of a shard (cached per shard object). */
export function sequencerFor(shard: ShardMeta): ShardSequencer {
  let s = sequencers.get(shard);
  if (!s) {
    s = new ShardSequencer(shard);
    sequencers.set(shard, s);
  }
  return s;
}
