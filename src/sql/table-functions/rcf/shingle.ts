/**
 * Shingling: the point for record t is the concatenation of the last `size` records' values, oldest first, so the
 * forest sees short sequences and can flag values that are unusual in context rather than in isolation.
 */
export class Shingle {
  private readonly ring: Float64Array;
  private readonly out: Float64Array;
  private next = 0;
  private filled = 0;

  constructor(
    private readonly width: number,
    private readonly size: number,
  ) {
    this.ring = new Float64Array(width * size);
    this.out = new Float64Array(width * size);
  }

  add(values: ArrayLike<number>): void {
    const o = this.next * this.width;
    for (let i = 0; i < this.width; i++) this.ring[o + i] = values[i]!;
    this.next = (this.next + 1) % this.size;
    if (this.filled < this.size) this.filled++;
  }

  get isFull(): boolean {
    return this.filled === this.size;
  }

  /** The current shingle, oldest record first. Valid until the next `add`. */
  point(): Float64Array {
    for (let k = 0; k < this.size; k++) {
      const from = ((this.next + k) % this.size) * this.width;
      this.out.set(this.ring.subarray(from, from + this.width), k * this.width);
    }
    return this.out;
  }
}
