/**
 * A segment's sparse index: one entry (position, byte offset, arrivalMs) for the first frame at or after every
 * `INDEX_SPACING` bytes. Lookups binary-search it and then scan at most one spacing's worth of frames, so reads and
 * time lookups cost one short pread, while memory stays tiny (about 24 bytes per 32 KiB stored).
 */
export const INDEX_SPACING = 32 * 1024;

export class SparseIndex {
  private positions = new Float64Array(16);
  private offsets = new Float64Array(16);
  private arrivals = new Float64Array(16);
  private n = 0;
  private nextOffset = 0;

  get length(): number {
    return this.n;
  }

  /** Offers the frame at `offset`; indexed only if it crosses the next spacing boundary. */
  offer(position: number, offset: number, arrivalMs: number): void {
    if (offset < this.nextOffset) return;
    if (this.n === this.positions.length) this.grow();
    this.positions[this.n] = position;
    this.offsets[this.n] = offset;
    this.arrivals[this.n] = arrivalMs;
    this.n++;
    this.nextOffset = offset + INDEX_SPACING;
  }

  position(i: number): number {
    return this.positions[i]!;
  }
  offset(i: number): number {
    return this.offsets[i]!;
  }
  arrival(i: number): number {
    return this.arrivals[i]!;
  }

  /** Index of the last entry with position ≤ `pos` (0 if none). */
  floorByPosition(pos: number): number {
    return Math.max(0, this.lastBelow(this.positions, pos, true));
  }

  /** Index of the first entry with position ≥ `pos`, or `length` if none. */
  ceilByPosition(pos: number): number {
    return this.lastBelow(this.positions, pos, false) + 1;
  }

  /** Index of the last entry with arrivalMs < `ms`, or -1 if none. */
  lastArrivalBefore(ms: number): number {
    return this.lastBelow(this.arrivals, ms, false);
  }

  /** Last index whose value is < key (or ≤ key when `inclusive`), -1 if none. Values are non-decreasing. */
  private lastBelow(values: Float64Array, key: number, inclusive: boolean): number {
    let lo = 0;
    let hi = this.n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const v = values[mid]!;
      if (v < key || (inclusive && v === key)) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  /** Number of entries whose offset is below `size`. */
  countBelowOffset(size: number): number {
    let n = this.n;
    while (n > 0 && this.offsets[n - 1]! >= size) n--;
    return n;
  }

  /** The first `count` entries back to back as (position, offset, arrival) float64 triples. */
  entriesBytes(count = this.n): Buffer {
    const out = Buffer.allocUnsafe(count * 24);
    for (let i = 0; i < count; i++) {
      out.writeDoubleLE(this.positions[i]!, i * 24);
      out.writeDoubleLE(this.offsets[i]!, i * 24 + 8);
      out.writeDoubleLE(this.arrivals[i]!, i * 24 + 16);
    }
    return out;
  }

  /** Rebuilds from `entriesBytes()` output. */
  static fromEntries(buf: Buffer, count: number): SparseIndex {
    const idx = new SparseIndex();
    for (let i = 0; i < count; i++) {
      idx.offer(buf.readDoubleLE(i * 24), buf.readDoubleLE(i * 24 + 8), buf.readDoubleLE(i * 24 + 16));
    }
    return idx;
  }

  private grow(): void {
    const size = this.positions.length * 2;
    for (const k of ['positions', 'offsets', 'arrivals'] as const) {
      const next = new Float64Array(size);
      next.set(this[k]);
      this[k] = next;
    }
  }
}
