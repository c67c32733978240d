/**
 * The delivery streams of every account and region: kept in memory, written through to storage metadata on every
 * change. Timed transitions (CREATING → ACTIVE, DELETING → gone, encryption ENABLING/DISABLING) are stored as a
 * deadline, so a restart completes them instead of leaving a stream stuck.
 */
import type { StorageEngine } from '../../storage/engine.js';
import { checkpointKey, recordLogKey, streamKey } from './keys.js';
import type { DeliveryStreamMeta } from './types.js';

export interface RegistryTimings {
  createMs: number;
  deleteMs: number;
  encryptionMs: number;
}

export interface RegistryListener {
  /** A stream became ACTIVE, or its configuration changed while ACTIVE. */
  onActive(meta: DeliveryStreamMeta): void;
  /** A stream entered DELETING: stop delivering. */
  onDeleting(meta: DeliveryStreamMeta): void;
  /** Before a deleted stream's records are dropped: delivery must have stopped when this resolves. */
  onRemoving(meta: DeliveryStreamMeta): Promise<void>;
}

const scopeKey = (accountId: string, region: string, name: string): string => `${accountId}/${region}/${name}`;

export class DeliveryStreamRegistry {
  private readonly streams = new Map<string, DeliveryStreamMeta>();
  private timer: NodeJS.Timeout | undefined;
  private settling: Promise<void> = Promise.resolve();
  listener: RegistryListener | undefined;

  constructor(
    private readonly storage: StorageEngine,
    readonly timings: RegistryTimings,
    readonly now: () => number,
  ) {}

  async load(): Promise<void> {
    for (const entry of await this.storage.listMeta<DeliveryStreamMeta>('firehose/streams/')) {
      const meta = entry.value;
      this.streams.set(scopeKey(meta.accountId, meta.region, meta.name), meta);
    }
  }

  /** Announces the ACTIVE streams and starts the transition clock. */
  start(): void {
    for (const meta of this.streams.values()) {
      if (meta.status === 'ACTIVE') this.listener?.onActive(meta);
      if (meta.status === 'DELETING') this.listener?.onDeleting(meta);
    }
    this.timer = setInterval(() => void this.settle(), 25);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.settling;
  }

  get(accountId: string, region: string, name: string): DeliveryStreamMeta | undefined {
    return this.streams.get(scopeKey(accountId, region, name));
  }

  list(accountId: string, region: string): DeliveryStreamMeta[] {
    return [...this.streams.values()]
      .filter((m) => m.accountId === accountId && m.region === region)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  count(accountId: string, region: string): number {
    return this.list(accountId, region).length;
  }

  /** Stores a new or changed stream; announces configuration changes of ACTIVE streams. */
  async save(meta: DeliveryStreamMeta, announce = false): Promise<void> {
    this.streams.set(scopeKey(meta.accountId, meta.region, meta.name), meta);
    await this.storage.putMeta(streamKey(meta.accountId, meta.region, meta.name), meta);
    if (announce && meta.status === 'ACTIVE') this.listener?.onActive(meta);
    if (announce && meta.status === 'DELETING') this.listener?.onDeleting(meta);
  }

  private settle(): Promise<void> {
    this.settling = this.settling.then(() => this.settleNow()).catch((err) => console.warn(`firehose: ${String(err)}`));
    return this.settling;
  }

  private async settleNow(): Promise<void> {
    const now = this.now();
    for (const meta of [...this.streams.values()]) {
      if (meta.status === 'CREATING' && meta.transitionAtMs !== undefined && meta.transitionAtMs <= now) {
        delete meta.transitionAtMs;
        meta.status = 'ACTIVE';
        await this.save(meta, true);
      } else if (meta.status === 'DELETING' && meta.transitionAtMs !== undefined && meta.transitionAtMs <= now) {
        await this.remove(meta);
      }
      const enc = meta.encryption;
      if ((enc.Status === 'ENABLING' || enc.Status === 'DISABLING') && (meta.transitionAtMs ?? 0) <= now && meta.status === 'ACTIVE') {
        enc.Status = enc.Status === 'ENABLING' ? 'ENABLED' : 'DISABLED';
        if (enc.Status === 'DISABLED') {
          delete enc.KeyType;
          delete enc.KeyARN;
        }
        delete meta.transitionAtMs;
        await this.save(meta);
      }
    }
  }

  private async remove(meta: DeliveryStreamMeta): Promise<void> {
    this.streams.delete(scopeKey(meta.accountId, meta.region, meta.name));
    await this.listener?.onRemoving(meta);
    await this.storage.deleteMeta(streamKey(meta.accountId, meta.region, meta.name));
    await this.storage.deleteMeta(checkpointKey(meta.id));
    await this.storage.deleteLog(recordLogKey(meta.id));
  }
}
