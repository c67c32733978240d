/**
 * Distinct counting for COUNT_DISTINCT_ITEMS_TUMBLING: exact (a Set) while at most EXACT_DISTINCT_LIMIT distinct
 * items have been seen, as KDA documents, then HyperLogLog with 2^16 registers (≈0.4% standard error).
 */
import { HyperLogLog } from './hyperloglog.js';

export const EXACT_DISTINCT_LIMIT = 10_000;
const HLL_PRECISION = 16;

export class DistinctCounter {
  private exact: Set<string> | undefined = new Set();
  private sketch: HyperLogLog | undefined;

  get isExact(): boolean {
    return this.exact !== undefined;
  }

  add(key: string): void {
    if (this.exact) {
      this.exact.add(key);
      if (this.exact.size <= EXACT_DISTINCT_LIMIT) return;
      this.sketch = new HyperLogLog(HLL_PRECISION);
      for (const k of this.exact) this.sketch.add(k);
      this.exact = undefined;
      return;
    }
    this.sketch!.add(key);
  }

  count(): number {
    return this.exact ? this.exact.size : Math.round(this.sketch!.estimate());
  }
}
