import type { StorageEngine } from '../engine.js';
import { DEFAULT_JOURNAL_CHECKPOINT_BYTES } from './commit-journal.js';
import { EmbeddedEngine } from './embedded-engine.js';
import type { SyncPolicy } from './group-commit.js';

export type { SyncPolicy } from './group-commit.js';

export interface EmbeddedStorageOptions {
  /** Folder that holds everything (created if missing). */
  dataDir: string;
  /** When an append is acknowledged: after fsync (group-committed, the default), on a timer, or never synced. */
  sync?: SyncPolicy;
  /** With sync 'interval': milliseconds between fsyncs. */
  syncIntervalMs?: number;
  /** Size at which a log's segment file is sealed and a new one started (retention deletes whole segments). */
  segmentBytes?: number;
  /** Age (by arrivalMs) at which a segment is sealed even if not full, so retention can delete it. */
  segmentMaxAgeMs?: number;
  /**
   * With sync 'always': how much the shared commit journal holds before the segment files are synced and the older
   * journal generations deleted (more means fewer checkpoints, more to replay after a machine crash).
   */
  journalCheckpointBytes?: number;
  /**
   * With sync 'always': appends go through the shared commit journal once at least this many segment files already
   * wait for the next sync round (default 8; 0 = every append), so a round never fdatasyncs many more files.
   */
  journalFromFiles?: number;
}

export const DEFAULT_SEGMENT_BYTES = 64 * 1024 * 1024;
export const DEFAULT_SEGMENT_MAX_AGE_MS = 60 * 60 * 1000;
export const DEFAULT_JOURNAL_FROM_FILES = 8;

/** The embedded engine: a StorageEngine plus counters of its group commit. */
export interface EmbeddedStorage extends StorageEngine {
  syncStats(): { rounds: number; fsyncs: number; acknowledged: number; syncMs: number };
}

export function createEmbeddedStorage(options: EmbeddedStorageOptions): EmbeddedStorage {
  return new EmbeddedEngine({
    dataDir: options.dataDir,
    sync: options.sync ?? 'always',
    syncIntervalMs: options.syncIntervalMs ?? 1000,
    segmentBytes: options.segmentBytes ?? DEFAULT_SEGMENT_BYTES,
    segmentMaxAgeMs: options.segmentMaxAgeMs ?? DEFAULT_SEGMENT_MAX_AGE_MS,
    journalCheckpointBytes: options.journalCheckpointBytes ?? DEFAULT_JOURNAL_CHECKPOINT_BYTES,
    journalFromFiles: options.journalFromFiles ?? DEFAULT_JOURNAL_FROM_FILES,
  });
}
