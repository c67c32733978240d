/**
 * When written bytes become durable, per the engine's sync policy:
 *  - `always`: a write is acknowledged only after an fdatasync that started after it. Concurrent writers share
 *    syncs (group commit): while one round of fdatasyncs runs, new writes queue up and the next round syncs every
 *    file they touched at once, so N concurrent appends cost about one sync round, not N.
 *  - `interval`: writes are acknowledged at once; a timer syncs every dirty file every `intervalMs`.
 *  - `none`: writes are acknowledged at once and left to the OS (files are still synced on close).
 *
 * Under `always`, writers usually wait in a closed loop (write, wait for the sync, answer, write again), so their
 * next writes arrive while a round runs. Rather than making them wait for that round and then a whole round of their
 * own, a second round may start while one runs (at most `MAX_ROUNDS_IN_FLIGHT`): each write then waits about one
 * sync time. Rounds still acknowledge in the order they started (a round whose syncs finish first waits for the
 * earlier one), so no write is ever acknowledged before an earlier one. A round that closes retired descriptors
 * runs alone, so no sync can be using a descriptor when it is closed.
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

/** Sync rounds that may run at once under `always` (see the module comment). */
const MAX_ROUNDS_IN_FLIGHT = 2;

function datasync(fd: number): Promise<void> {
  return new Promise((resolve, reject) => fdatasync(fd, (err) => (err ? reject(err) : resolve())));
}

export class GroupCommit {
  private dirty = new Set<SyncedFile>();
  private waiters: Waiter[] = [];
  private retired: Retired[] = [];
  private scheduled = false;
  /** Rounds started and not yet finished. */
  private inFlight = 0;
  /** Whether the round in flight closes retired descriptors (it then runs alone). */
  private exclusive = false;
  /** Settles when the most recently started round has acknowledged its writes. */
  private lastRound: Promise<void> = Promise.resolve();
  /** Resolved whenever a round finishes (for flush). */
  private idleWaiters: (() => void)[] = [];
  private timer: NodeJS.Timeout | undefined;
  private failure: Error | undefined;
  /** Counters, for tests and monitoring: sync rounds run, fdatasync calls made, writes acknowledged by them. */
  readonly stats = { rounds: 0, fsyncs: 0, acknowledged: 0, syncMs: 0 };

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
    return p;
  }

  /** Resolves once `files` have been synced by a round that started after this call (whatever the policy). */
  syncFiles(files: readonly SyncedFile[]): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    for (const f of files) this.dirty.add(f);
    const p = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    this.schedule();
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
    for (;;) {
      if (this.inFlight > 0) {
        await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
        continue;
      }
      if (!this.hasWork()) break;
      this.startRound();
    }
    if (this.failure) throw this.failure;
  }

  /** Final flush; stops the interval timer. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  private hasWork(): boolean {
    return this.dirty.size > 0 || this.retired.length > 0 || this.waiters.length > 0;
  }

  /** Whether a round may start now (see the module comment). */
  private canStart(): boolean {
    if (this.inFlight === 0) return true;
    if (this.exclusive || this.retired.length > 0) return false;
    return this.inFlight < MAX_ROUNDS_IN_FLIGHT && this.policy === 'always' && this.waiters.length > 0;
  }

  private schedule(): void {
    if (this.scheduled || !this.hasWork() || !this.canStart()) return;
    this.scheduled = true;
    // setImmediate rather than a microtask: appends arriving from other I/O callbacks of this same loop turn
    // join the round.
    setImmediate(() => {
      this.scheduled = false;
      if (this.hasWork() && this.canStart()) this.startRound();
    });
  }

  private startRound(): void {
    const files = [...this.dirty];
    this.dirty.clear();
    const waiters = this.waiters;
    this.waiters = [];
    const retired = this.retired;
    this.retired = [];
    this.inFlight++;
    if (retired.length > 0) this.exclusive = true;
    this.stats.rounds++;
    this.stats.fsyncs += files.length;
    this.stats.acknowledged += waiters.length;
    const previous = this.lastRound;
    const round = this.runRound(files, waiters, retired, previous);
    this.lastRound = round;
    void round.then(() => {
      this.inFlight--;
      if (retired.length > 0) this.exclusive = false;
      const idle = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of idle) resolve();
      this.schedule();
    });
  }

  /** One round: sync `files`, then (after the previous round acknowledged) close retired files and answer. */
  private async runRound(files: SyncedFile[], waiters: Waiter[], retired: Retired[], previous: Promise<void>): Promise<void> {
    if (!this.failure) {
      const started = performance.now();
      // allSettled, not all: no descriptor may be closed below while another sync still uses it.
      const results = await Promise.allSettled(files.map((f) => datasync(f.fd)));
      this.stats.syncMs += performance.now() - started;
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed && !this.failure) this.failure = failed.reason as Error;
    }
    // Acknowledge in round order: an earlier round's writes are never answered after a later round's.
    await previous;
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
  }
}
