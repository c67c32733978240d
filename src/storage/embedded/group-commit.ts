/**
 * When written bytes become durable, per the engine's sync policy:
 *  - `always`: a write is acknowledged only after an fdatasync that started after it. Concurrent writers share
 *    syncs (group commit): while one round of fdatasyncs runs, new writes queue up and the next round syncs every
 *    file they touched at once, so N concurrent appends cost about one sync round, not N.
 *  - `interval`: writes are acknowledged at once; a timer syncs every dirty file every `intervalMs`.
 *  - `none`: writes are acknowledged at once and left to the OS (files are still synced on close).
 *
 * Under `always`, writers usually wait in a closed loop (write, wait for the sync, answer, write again). Their next
 * writes arrive a little after a round answers them, typically just after the next round started for the few that
 * were already waiting: the writers then split into groups that alternate, each waiting two rounds per write. So
 * after a round the group commit waits briefly (at most a quarter of the last sync time, and never past 2 ms) until
 * as many writes wait as the round answered plus those already waiting, and starts at once when they are there.
 *
 * A failed fdatasync cannot be retried safely (the kernel may have dropped the dirty pages), so the first failure
 * poisons the whole engine: every later commit rejects with it.
 */
import { closeSync, fdatasync } from 'node:fs';

export type SyncPolicy = 'always' | 'interval' | 'none';

/** An open file whose writes go through the group commit. */
export interface SyncedFile {
  readonly fd: number;
}

interface Retired {
  file: SyncedFile;
  /** Runs once the file's last writes are durable and its descriptor is closed. */
  afterSync?: () => void;
}

interface Waiter {
  resolve: () => void;
  reject: (err: Error) => void;
}

/** Longest wait for the writers a round answered to come back (see the module comment). */
const MAX_GATHER_MS = 2;

function datasync(fd: number): Promise<void> {
  return new Promise((resolve, reject) => fdatasync(fd, (err) => (err ? reject(err) : resolve())));
}

export class GroupCommit {
  private dirty = new Set<SyncedFile>();
  private waiters: Waiter[] = [];
  private retired: Retired[] = [];
  private scheduled = false;
  private running: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private failure: Error | undefined;
  /** While a round gathers writers: how many waiters end the wait, and how to end it. */
  private gatherTarget = 0;
  private gatherDone: (() => void) | undefined;
  /** Counters, for tests and monitoring: sync rounds run, fdatasync calls made, writes acknowledged by them. */
  readonly stats = { rounds: 0, fsyncs: 0, acknowledged: 0 };

  constructor(
    readonly policy: SyncPolicy,
    intervalMs = 1000,
  ) {
    if (policy === 'interval') {
      this.timer = setInterval(() => this.schedule(), Math.max(1, intervalMs));
      this.timer.unref();
    }
  }

  /** Files written since the current round began, waiting for the next one. */
  get pendingFiles(): number {
    return this.dirty.size;
  }

  /** The error that poisoned the engine, if any. */
  get failed(): Error | undefined {
    return this.failure;
  }

  /**
   * Records that bytes were written to `file`. Returns a promise that resolves once they are durable, or
   * undefined when the policy acknowledges at once (saves a promise per append on the fast path).
   */
  commit(file: SyncedFile): Promise<void> | undefined {
    if (this.failure) return Promise.reject(this.failure);
    this.dirty.add(file);
    if (this.policy !== 'always') return undefined;
    const p = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    this.schedule();
    if (this.gatherDone && this.waiters.length >= this.gatherTarget) this.gatherDone();
    return p;
  }

  /** Resolves once `files` have been synced by a round that started after this call (whatever the policy). */
  syncFiles(files: readonly SyncedFile[]): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    for (const f of files) this.dirty.add(f);
    const p = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    this.schedule();
    if (this.gatherDone && this.waiters.length >= this.gatherTarget) this.gatherDone();
    return p;
  }

  /**
   * Syncs `file` one last time and closes it once no sync round can still be using its descriptor; then runs
   * `afterSync` (only if the sync succeeded).
   */
  retire(file: SyncedFile, afterSync?: () => void): void {
    this.dirty.add(file);
    this.retired.push({ file, afterSync });
    this.schedule();
  }

  /** Syncs everything written so far, whatever the policy, and waits for it. */
  async flush(): Promise<void> {
    while (this.running) await this.running;
    if (this.dirty.size > 0 || this.retired.length > 0 || this.waiters.length > 0) {
      this.running = this.drain();
      await this.running;
    }
    if (this.failure) throw this.failure;
  }

  /** Final flush; stops the interval timer. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  private schedule(): void {
    if (this.scheduled || this.running) return;
    if (this.dirty.size === 0 && this.retired.length === 0 && this.waiters.length === 0) return;
    this.scheduled = true;
    // setImmediate rather than a microtask: appends arriving from other I/O callbacks of this same loop turn
    // join the round.
    setImmediate(() => {
      this.scheduled = false;
      if (!this.running) this.running = this.drain();
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.dirty.size > 0 || this.retired.length > 0 || this.waiters.length > 0) {
        const files = [...this.dirty];
        this.dirty.clear();
        const waiters = this.waiters;
        this.waiters = [];
        const retired = this.retired;
        this.retired = [];
        this.stats.rounds++;
        this.stats.fsyncs += files.length;
        this.stats.acknowledged += waiters.length;
        let syncMs = 0;
        if (!this.failure) {
          const started = performance.now();
          // allSettled, not all: no descriptor may be closed below while another sync still uses it.
          const results = await Promise.allSettled(files.map((f) => datasync(f.fd)));
          syncMs = performance.now() - started;
          const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
          if (failed) this.failure = failed.reason as Error;
        }
        for (const r of retired) {
          try {
            closeSync(r.file.fd);
          } catch {
            // already gone: nothing left to release
          }
          if (!this.failure) r.afterSync?.();
        }
        for (const w of waiters) {
          if (this.failure) w.reject(this.failure);
          else w.resolve();
        }
        // Give the writers this round answered a moment to join those already waiting (see the module comment).
        if (this.policy === 'always' && waiters.length > 0 && !this.failure) {
          await this.gather(waiters.length + this.waiters.length, Math.min(syncMs / 4, MAX_GATHER_MS));
        }
      }
    } finally {
      this.running = undefined;
    }
  }

  /** Waits until `target` writes wait for the next round, or `ms` passed. */
  private gather(target: number, ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.gatherDone = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.gatherTarget = target;
      this.gatherDone = done;
    });
  }
}
