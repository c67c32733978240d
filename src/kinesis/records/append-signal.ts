/**
 * Wakes whoever waits for new records in a shard log (SubscribeToShard pushes records as soon as they are
 * committed instead of polling). Costs one map lookup per append when nobody listens.
 */
export class AppendSignal {
  private readonly waiters = new Map<string, Set<() => void>>();

  /** Calls `wake` after every append to `log` until the returned function is called. */
  listen(log: string, wake: () => void): () => void {
    let set = this.waiters.get(log);
    if (!set) {
      set = new Set();
      this.waiters.set(log, set);
    }
    set.add(wake);
    return () => {
      const s = this.waiters.get(log);
      if (!s) return;
      s.delete(wake);
      if (s.size === 0) this.waiters.delete(log);
    };
  }

  notify(log: string): void {
    const set = this.waiters.get(log);
    if (set) for (const wake of [...set]) wake();
  }
}
