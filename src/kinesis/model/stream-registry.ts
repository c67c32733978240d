/**
 * The stream registry: every stream's metadata cached in memory and written through to `StorageEngine` metadata,
 * one control operation at a time per stream, and the timed state transitions (CREATING→ACTIVE, UPDATING→ACTIVE,
 * DELETING→gone, and the same for consumers). Transitions are stored as absolute due times, so a restart picks them
 * up where they were: a stream left CREATING becomes ACTIVE, a stream left DELETING is removed with its logs.
 *
 * This is the API the actions (control plane and data plane) use:
 *  - `get` / `getActive` / `getWritable` look a stream up by `StreamName` or `StreamARN` with AWS's errors;
 *  - `mutate` changes a stream atomically (the callback gets a private copy; throwing leaves the stream untouched);
 *  - `registerUpdateKind` + `beginUpdating` defer a change to the end of an UPDATING period;
 *  - `shardForHashKey`, `findShard`, `openShardCount`, `checkShardLimit`.
 * Returned `StreamMeta` objects are snapshots: never modify them outside `mutate`.
 */
import { randomBytes } from 'node:crypto';
import type { StorageEngine } from '../../storage/engine.js';
import { parseStreamArn, streamArn } from './arns.js';
import { shardLimitExceeded, streamNotActive, streamNotFound } from './errors.js';
import { hashKeyInRange } from './hash-keys.js';
import { KeyedLock } from './keyed-lock.js';
import { accountSettingsKey, STREAMS_PREFIX, streamMetaKey, streamsPrefix } from './keys.js';
import { isOpen, type AccountSettings, type ShardMeta, type StreamMeta } from './types.js';

/** Who is asking: the request's account and region. */
export interface Scope {
  accountId: string;
  region: string;
}

/** How a request names a stream (AWS: StreamName or StreamARN, or both). */
export interface StreamRef {
  StreamName?: string;
  StreamARN?: string;
}

export interface StreamAddress {
  accountId: string;
  region: string;
  streamName: string;
}

export interface RegistryTimings {
  createStreamMs: number;
  deleteStreamMs: number;
  updateStreamMs: number;
  /** How long a consumer stays CREATING / DELETING. */
  consumerMs: number;
  /** Open shards allowed per account and region. */
  shardLimit: number;
}

/** Applies a deferred change when an UPDATING period ends (must be synchronous and deterministic). */
export type UpdateApplier = (stream: StreamMeta, params: unknown, now: number) => void;

interface Cached {
  meta: StreamMeta;
  revision: number;
}

const clone = <T>(v: T): T => structuredClone(v);

export class StreamRegistry {
  private readonly streams = new Map<string, Cached>();
  private readonly lock = new KeyedLock();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly updateKinds = new Map<string, UpdateApplier>();
  private stopped = false;
  private readonly settling = new Set<Promise<void>>();

  constructor(
    readonly storage: StorageEngine,
    readonly timings: RegistryTimings,
    /** Injected so tests can reason about time; the service uses Date.now. */
    readonly now: () => number = Date.now,
  ) {}

  // ---- lifecycle --------------------------------------------------------------------------------------------

  /** Loads every stream from storage and schedules (or immediately runs) their pending transitions. */
  async load(): Promise<void> {
    const entries = await this.storage.listMeta<StreamMeta>(STREAMS_PREFIX);
    for (const e of entries) this.streams.set(e.key, { meta: e.value, revision: e.revision });
    for (const key of this.streams.keys()) this.schedule(key);
  }

  /**
   * Cancels timers and waits for a transition in progress; pending transitions stay in storage for the next start.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    await Promise.allSettled([...this.settling]);
  }

  /** Names a kind of deferred UPDATING change (see `beginUpdating`). Register before `load`. */
  registerUpdateKind(kind: string, applier: UpdateApplier): void {
    this.updateKinds.set(kind, applier);
  }

  // ---- lookups ----------------------------------------------------------------------------------------------

  /**
   * Which stream a request names. `StreamARN` wins (it carries its own account and region); with only
   * `StreamName` the request's scope applies. Validation guarantees one of them is present.
   */
  address(scope: Scope, ref: StreamRef): StreamAddress {
    if (ref.StreamARN !== undefined) {
      const parsed = parseStreamArn(ref.StreamARN);
      if (parsed) return parsed;
    }
    return { accountId: scope.accountId, region: scope.region, streamName: ref.StreamName ?? '' };
  }

  /** The stream, or undefined. */
  find(accountId: string, region: string, streamName: string): StreamMeta | undefined {
    return this.streams.get(streamMetaKey(accountId, region, streamName))?.meta;
  }

  /** The stream in any state; ResourceNotFoundException when it does not exist. */
  get(scope: Scope, ref: StreamRef): StreamMeta {
    const a = this.address(scope, ref);
    const s = this.find(a.accountId, a.region, a.streamName);
    if (!s) throw streamNotFound(a.streamName, a.accountId);
    return s;
  }

  /** The stream if ACTIVE; else ResourceInUseException "… not ACTIVE, instead in state X" (control operations). */
  getActive(scope: Scope, ref: StreamRef): StreamMeta {
    const s = this.get(scope, ref);
    if (s.status !== 'ACTIVE') throw streamNotActive(s.name, s.accountId, s.status);
    return s;
  }

  /**
   * The stream if it accepts reads and writes (ACTIVE or UPDATING); AWS answers ResourceNotFoundException for a
   * stream still CREATING or already DELETING.
   */
  getWritable(scope: Scope, ref: StreamRef): StreamMeta {
    const s = this.get(scope, ref);
    if (s.status !== 'ACTIVE' && s.status !== 'UPDATING') throw streamNotFound(s.name, s.accountId);
    return s;
  }

  /** Every stream of an account in a region, by name. */
  list(accountId: string, region: string): StreamMeta[] {
    const prefix = streamsPrefix(accountId, region);
    const out: StreamMeta[] = [];
    for (const [key, c] of this.streams) if (key.startsWith(prefix)) out.push(c.meta);
    return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** Every stream of every account (for background work such as retention). */
  all(): StreamMeta[] {
    return [...this.streams.values()].map((c) => c.meta);
  }

  /** Open shards of an account in a region, every stream counted whatever its state. */
  openShardCount(accountId: string, region: string): number {
    let n = 0;
    for (const s of this.list(accountId, region)) n += s.shards.filter(isOpen).length;
    return n;
  }

  /** LimitExceededException (AWS's text) when `additional` more open shards would pass the account limit. */
  checkShardLimit(accountId: string, region: string, additional: number, reported = additional): void {
    const current = this.openShardCount(accountId, region);
    if (current + additional > this.timings.shardLimit) {
      throw shardLimitExceeded(accountId, region, current, this.timings.shardLimit, reported);
    }
  }

  // ---- changes ----------------------------------------------------------------------------------------------

  /**
   * Adds a new stream (status and transitionAt as given, usually CREATING). Throws what `check` throws, evaluated
   * under the lock of that stream name (e.g. already exists, shard limit).
   */
  async create(meta: StreamMeta, check: () => void = () => {}): Promise<void> {
    const key = streamMetaKey(meta.accountId, meta.region, meta.name);
    // Creations of one account and region queue up, so two of them cannot both pass the shard limit.
    await this.lock.run(`create:${meta.accountId}/${meta.region}`, () =>
      this.lock.run(key, async () => {
        check();
        const revision = await this.storage.putMeta(key, meta, 0);
        this.streams.set(key, { meta: clone(meta), revision });
        this.schedule(key);
      }),
    );
  }

  /**
   * Runs `fn` on a private copy of the stream under the stream's lock and writes the copy through if `fn` returns
   * without throwing. `fn` may throw AwsError to refuse (nothing is written). Resolves with `fn`'s result.
   */
  async mutate<R>(scope: Scope, ref: StreamRef, fn: (stream: StreamMeta) => R | Promise<R>): Promise<R> {
    const a = this.address(scope, ref);
    return this.mutateAt(a, fn);
  }

  async mutateAt<R>(a: StreamAddress, fn: (stream: StreamMeta) => R | Promise<R>): Promise<R> {
    const key = streamMetaKey(a.accountId, a.region, a.streamName);
    return this.lock.run(key, async () => {
      const cached = this.streams.get(key);
      if (!cached) throw streamNotFound(a.streamName, a.accountId);
      const copy = clone(cached.meta);
      const result = await fn(copy);
      const revision = await this.storage.putMeta(key, copy, cached.revision);
      this.streams.set(key, { meta: copy, revision });
      this.schedule(key);
      return result;
    });
  }

  /**
   * Inside `mutate`: puts the stream into UPDATING for `updateStreamMs`; `updates` are applied (by their registered
   * kinds) when the period ends, before the stream turns ACTIVE again.
   */
  beginUpdating(stream: StreamMeta, ...updates: Array<{ kind: string; params: unknown }>): void {
    stream.status = 'UPDATING';
    stream.transitionAt = this.now() + this.timings.updateStreamMs;
    if (updates.length) stream.pendingUpdates = [...(stream.pendingUpdates ?? []), ...updates];
  }

  /** Inside `mutate`: puts the stream into DELETING; it disappears (with its logs) after `deleteStreamMs`. */
  beginDeleting(stream: StreamMeta): void {
    stream.status = 'DELETING';
    stream.transitionAt = this.now() + this.timings.deleteStreamMs;
  }

  // ---- shards -----------------------------------------------------------------------------------------------

  /** The open shard whose hash key range holds `hashKey`. */
  shardForHashKey(stream: StreamMeta, hashKey: bigint): ShardMeta | undefined {
    return stream.shards.find(
      (s) => isOpen(s) && hashKeyInRange(hashKey, { StartingHashKey: s.startingHashKey, EndingHashKey: s.endingHashKey }),
    );
  }

  findShard(stream: StreamMeta, shardId: string): ShardMeta | undefined {
    return stream.shards.find((s) => s.shardId === shardId);
  }

  // ---- account settings -------------------------------------------------------------------------------------

  async getAccountSettings(accountId: string, region: string): Promise<AccountSettings> {
    return (await this.storage.getMeta<AccountSettings>(accountSettingsKey(accountId, region)))?.value ?? {};
  }

  async putAccountSettings(accountId: string, region: string, settings: AccountSettings): Promise<void> {
    await this.lock.run(accountSettingsKey(accountId, region), async () => {
      await this.storage.putMeta(accountSettingsKey(accountId, region), settings);
    });
  }

  // ---- transitions ------------------------------------------------------------------------------------------

  /** Arms one timer per stream for its earliest due transition (stream or consumer). */
  private schedule(key: string): void {
    const old = this.timers.get(key);
    if (old) clearTimeout(old);
    this.timers.delete(key);
    if (this.stopped) return;
    const c = this.streams.get(key);
    if (!c) return;
    const due = nextDue(c.meta);
    if (due === undefined) return;
    const timer = setTimeout(
      () => {
        this.timers.delete(key);
        const run = this.settle(key);
        this.settling.add(run);
        void run.finally(() => this.settling.delete(run)).catch(() => undefined);
        run.catch((err: unknown) => {
          // A failed transition (storage trouble) is retried rather than lost.
          console.error(`kinesis: state transition of ${key} failed`, err);
          if (!this.stopped) this.timers.set(key, setTimeout(() => this.schedule(key), 1000).unref());
        });
      },
      Math.max(0, due - this.now()),
    );
    timer.unref();
    this.timers.set(key, timer);
  }

  /** Applies every transition of a stream that is due now. */
  private async settle(key: string): Promise<void> {
    await this.lock.run(key, async () => {
      const cached = this.streams.get(key);
      if (!cached || this.stopped) return;
      const now = this.now();
      const s = clone(cached.meta);
      if (s.status === 'DELETING' && s.transitionAt !== undefined && s.transitionAt <= now) {
        // Logs first: if we crash in between, the stream is still DELETING on restart and this runs again.
        for (const shard of s.shards) await this.storage.deleteLog(shard.logKey);
        await this.storage.deleteMeta(key);
        this.streams.delete(key);
        return;
      }
      let changed = false;
      if (s.transitionAt !== undefined && s.transitionAt <= now && (s.status === 'CREATING' || s.status === 'UPDATING')) {
        for (const u of s.pendingUpdates ?? []) {
          const apply = this.updateKinds.get(u.kind);
          if (apply) apply(s, u.params, now);
          else console.error(`kinesis: no applier for pending update ${u.kind} of ${key}; dropped`);
        }
        delete s.pendingUpdates;
        s.activatedMs ??= now;
        s.status = 'ACTIVE';
        delete s.transitionAt;
        changed = true;
      }
      const kept = [];
      for (const c of s.consumers) {
        if (c.transitionAt !== undefined && c.transitionAt <= now) {
          changed = true;
          if (c.status === 'DELETING') continue;
          c.status = 'ACTIVE';
          delete c.transitionAt;
        }
        kept.push(c);
      }
      s.consumers = kept;
      if (changed) {
        const revision = await this.storage.putMeta(key, s, cached.revision);
        this.streams.set(key, { meta: s, revision });
      }
    });
    this.schedule(key);
  }
}

function nextDue(s: StreamMeta): number | undefined {
  let due = s.status !== 'ACTIVE' ? s.transitionAt : undefined;
  for (const c of s.consumers) {
    if (c.transitionAt !== undefined && (due === undefined || c.transitionAt < due)) due = c.transitionAt;
  }
  return due;
}

/** A new stream's identity (StreamId pattern `[a-z0-9]{20}-[a-z0-9]{3}`). */
export function newStreamId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomBytes(23);
  let id = '';
  for (let i = 0; i < 23; i++) id += alphabet[bytes[i]! % alphabet.length];
  return `${id.slice(0, 20)}-${id.slice(20)}`;
}

export { streamArn };
