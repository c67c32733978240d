import type { StorageEngine } from '../engine.js';

export type SyncPolicy = 'always' | 'interval' | 'none';

export interface EmbeddedStorageOptions {
  /** Folder that holds everything (created if missing). */
  dataDir: string;
  /** When an append is acknowledged: after fsync (group-committed, the default), on a timer, or never synced. */
  sync?: SyncPolicy;
  /** With sync 'interval': milliseconds between fsyncs. */
  syncIntervalMs?: number;
}

export function createEmbeddedStorage(_options: EmbeddedStorageOptions): StorageEngine {
  throw new Error('embedded storage: not built yet');
}
