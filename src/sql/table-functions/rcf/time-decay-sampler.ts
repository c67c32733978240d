/**
 * The time-decayed reservoir sample of one tree, as in the reference implementation's compact sampler: every
 * arriving point gets the weight `-λ·seq + log(-log(u))` (u uniform) and the sampler keeps the `capacity` points of
 * smallest weight, so a point's chance of being kept decays exponentially with its age (λ = 1/timeDecay records).
 * Until the sample is full every point is accepted. A max-heap on the weights finds the point to evict.
 */
export class TimeDecaySampler {
  private readonly weights: Float64Array;
  private readonly slots: Int32Array;
  private count = 0;
  /** `acceptedWeight`'s cached rejection bound, valid through `boundSeq` while the heaviest weight stays. */
  private boundSeq = -1;
  private rejectAtOrBelow = 0;

  constructor(
    readonly capacity: number,
    private readonly lambda: number,
  ) {
    this.weights = new Float64Array(capacity);
    this.slots = new Int32Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  get isFull(): boolean {
    return this.count >= this.capacity;
  }

  /** The weight a point arriving at `seq` draws, from a uniform `u` in [0, 1). */
  weightFor(seq: number, u: number): number {
    // u = 0 would give -log(0) = ∞; nudge it into (0, 1)
    const v = u > 0 ? u : Number.MIN_VALUE;
    return -this.lambda * seq + Math.log(-Math.log(v));
  }

  /**
   * The weight of a point arriving at `seq` with uniform draw `u` when it enters the full sample, else undefined.
   * Most points are rejected, so a cached bound answers first without logarithms: the point enters iff
   * u > exp(-exp(W + λ·seq)) with W the heaviest kept weight, a threshold that only falls as seq grows; its value
   * at a later seq rejects every u at or below it until then (or until W changes).
   */
  acceptedWeight(seq: number, u: number): number | undefined {
    if (seq > this.boundSeq) {
      this.boundSeq = seq + Math.max(1, Math.floor(0.01 / this.lambda));
      // a hair below the exact threshold, so rounding never rejects a point that would enter
      this.rejectAtOrBelow = Math.exp(-Math.exp(this.weights[0]! + this.lambda * this.boundSeq)) * (1 - 1e-12);
    }
    if (u <= this.rejectAtOrBelow) return undefined;
    const weight = this.weightFor(seq, u);
    return weight < this.weights[0]! ? weight : undefined;
  }

  /** Whether a point of this weight enters a full sample (it must beat the heaviest kept point). */
  wouldAccept(weight: number): boolean {
    return !this.isFull || weight < this.weights[0]!;
  }

  /** The leaf slot of the heaviest kept point: the one evicted next. */
  get heaviestSlot(): number {
    return this.slots[0]!;
  }

  /** Adds a point to a sample that is not full. */
  add(weight: number, slot: number): void {
    this.boundSeq = -1;
    let i = this.count++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.weights[p]! >= weight) break;
      this.weights[i] = this.weights[p]!;
      this.slots[i] = this.slots[p]!;
      i = p;
    }
    this.weights[i] = weight;
    this.slots[i] = slot;
  }

  /** Replaces the heaviest point by a new one. */
  replaceHeaviest(weight: number, slot: number): void {
    this.boundSeq = -1;
    const n = this.count;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && this.weights[r]! > this.weights[l]! ? r : l;
      if (this.weights[c]! <= weight) break;
      this.weights[i] = this.weights[c]!;
      this.slots[i] = this.slots[c]!;
      i = c;
    }
    this.weights[i] = weight;
    this.slots[i] = slot;
  }
}
