/**
 * The Space-Saving summary (Metwally, Agrawal, El Abbadi, "Efficient Computation of Frequent and Top-k Elements
 * in Data Streams", ICDT 2005) with `capacity` counters. A new item takes over the smallest counter, inheriting its
 * count as its error. Guarantees, for a stream of N items: every estimate is ≥ the true count and at most
 * `error` above it, the smallest counter is ≤ N/capacity, and every item more frequent than N/capacity is kept.
 * The counters sit in a min-heap keyed by count, with a map from item to heap position.
 */
export interface CountedItem {
  readonly key: string;
  readonly value: unknown;
  /** Estimated count (an upper bound of the true count). */
  readonly count: number;
  /** Maximum overestimate: count − error ≤ true count ≤ count. */
  readonly error: number;
}

export class SpaceSaving {
  private readonly keys: string[] = [];
  private readonly values: unknown[] = [];
  private readonly counts: number[] = [];
  private readonly errors: number[] = [];
  private readonly position = new Map<string, number>();

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.keys.length;
  }

  /** Adds `count` occurrences of an item. */
  offer(key: string, value: unknown, count = 1, error = 0): void {
    const at = this.position.get(key);
    if (at !== undefined) {
      this.counts[at]! += count;
      this.siftDown(at);
      return;
    }
    if (this.keys.length < this.capacity) {
      const i = this.keys.length;
      this.keys.push(key);
      this.values.push(value);
      this.counts.push(count);
      this.errors.push(error);
      this.position.set(key, i);
      this.siftUp(i);
      return;
    }
    // take over the smallest counter
    const min = this.counts[0]!;
    this.position.delete(this.keys[0]!);
    this.keys[0] = key;
    this.values[0] = value;
    this.counts[0] = min + count;
    this.errors[0] = min + error;
    this.position.set(key, 0);
    this.siftDown(0);
  }

  /** The smallest counter: no item outside the summary occurred more often than this. */
  get minCount(): number {
    return this.keys.length < this.capacity ? 0 : this.counts[0]!;
  }

  /** The kept items, most frequent first (ties: smaller guaranteed error first, then key). */
  items(): CountedItem[] {
    const out: CountedItem[] = this.keys.map((key, i) => ({
      key,
      value: this.values[i],
      count: this.counts[i]!,
      error: this.errors[i]!,
    }));
    out.sort((a, b) => b.count - a.count || a.error - b.error || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return out;
  }

  private siftUp(i: number): void {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.counts[p]! <= this.counts[i]!) break;
      this.swap(i, p);
      i = p;
    }
  }

  private siftDown(i: number): void {
    const n = this.keys.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) return;
      const r = l + 1;
      const c = r < n && this.counts[r]! < this.counts[l]! ? r : l;
      if (this.counts[i]! <= this.counts[c]!) return;
      this.swap(i, c);
      i = c;
    }
  }

  private swap(a: number, b: number): void {
    const k = this.keys[a]!;
    this.keys[a] = this.keys[b]!;
    this.keys[b] = k;
    const v = this.values[a];
    this.values[a] = this.values[b];
    this.values[b] = v;
    const c = this.counts[a]!;
    this.counts[a] = this.counts[b]!;
    this.counts[b] = c;
    const e = this.errors[a]!;
    this.errors[a] = this.errors[b]!;
    this.errors[b] = e;
    this.position.set(this.keys[a]!, a);
    this.position.set(this.keys[b]!, b);
  }
}
