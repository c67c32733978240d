/**
 * Per-window item counting for TOP_K_ITEMS_TUMBLING: exact counts in a hash map while the number of distinct
 * items stays within `exactLimit`, then a Space-Saving summary of `capacity` counters seeded with the largest exact
 * counts (KDA documents the function as approximate: it "may return three of the five most traded").
 */
import { SpaceSaving, type CountedItem } from './space-saving.js';

export interface FrequentItemsLimits {
  /** Distinct items counted exactly before switching to Space-Saving. */
  readonly exactLimit: number;
  /** Space-Saving counters after the switch. */
  readonly capacity: number;
}

interface ExactCount {
  value: unknown;
  count: number;
}

export class FrequentItems {
  private exact: Map<string, ExactCount> | undefined = new Map();
  private summary: SpaceSaving | undefined;

  constructor(private readonly limits: FrequentItemsLimits) {}

  get isExact(): boolean {
    return this.exact !== undefined;
  }

  add(key: string, value: unknown): void {
    if (this.exact) {
      const hit = this.exact.get(key);
      if (hit) {
        hit.count++;
        return;
      }
      if (this.exact.size < this.limits.exactLimit) {
        this.exact.set(key, { value, count: 1 });
        return;
      }
      this.switchToSummary();
    }
    this.summary!.offer(key, value);
  }

  /** The `k` most frequent items, most frequent first; ties in first-seen order while exact. */
  top(k: number): CountedItem[] {
    if (this.exact) {
      const all: CountedItem[] = [];
      for (const [key, e] of this.exact) all.push({ key, value: e.value, count: e.count, error: 0 });
      // Array.prototype.sort is stable, so equal counts keep first-seen order
      all.sort((a, b) => b.count - a.count);
      return all.slice(0, k);
    }
    return this.summary!.items().slice(0, k);
  }

  private switchToSummary(): void {
    const entries = [...this.exact!.entries()].sort((a, b) => b[1].count - a[1].count);
    const summary = new SpaceSaving(this.limits.capacity);
    for (const [key, e] of entries.slice(0, this.limits.capacity)) summary.offer(key, e.value, e.count);
    this.summary = summary;
    this.exact = undefined;
  }
}
