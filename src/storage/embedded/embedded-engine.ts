/**
 * The embedded engine: metadata journal + one segmented record log per log key, all under one data folder:
 *
 *   <dataDir>/meta.journal      metadata (see meta-journal.ts)
 *   <dataDir>/logs/<name>/      one folder per log (see record-log.ts)
 *
 * Every file shares one group commit, so concurrent appends to any logs and metadata writes share fsyncs.
 */
import { mkdirSync, readdirSync, renameSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { MetaEntry, ReadOptions, RecordInput, StorageEngine, StoredRecord } from '../engine.js';
import { syncDir } from './durable-fs.js';
import { CommitJournal, JOURNAL_DIR } from './commit-journal.js';
import { replayCommitJournal } from './commit-journal-replay.js';
import { GroupCommit, type SyncPolicy } from './group-commit.js';
import { lockDataDir } from './data-dir-lock.js';
import { logDirName } from './log-dir-name.js';
import { MetaJournal } from './meta-journal.js';
import { RecordLog } from './record-log.js';

export interface EmbeddedEngineConfig {
  dataDir: string;
  sync: SyncPolicy;
  syncIntervalMs: number;
  segmentBytes: number;
  segmentMaxAgeMs: number;
  journalCheckpointBytes: number;
  journalFromFiles: number;
}

/** Folders being deleted are first renamed to this prefix, so a crash mid-delete never leaves half a log. */
const DELETING_PREFIX = '.deleting-';

export class EmbeddedEngine implements StorageEngine {
  private commits: GroupCommit | undefined;
  private journal: CommitJournal | undefined;
  private meta: MetaJournal | undefined;
  private logs = new Map<string, RecordLog>();
  private deletions = 0;
  private unlock: (() => void) | undefined;

  constructor(private readonly config: EmbeddedEngineConfig) {}

  private get logsDir(): string {
    return join(this.config.dataDir, 'logs');
  }

  async open(): Promise<void> {
    if (this.commits) throw new Error('storage is already open');
    mkdirSync(this.logsDir, { recursive: true });
    const unlock = lockDataDir(this.config.dataDir);
    try {
      await this.recover();
    } catch (err) {
      unlock();
      throw err;
    }
    this.unlock = unlock;
  }

  private async recover(): Promise<void> {
    const commits = new GroupCommit(this.config.sync, this.config.syncIntervalMs);
    const meta = new MetaJournal(join(this.config.dataDir, 'meta.journal'), commits);
    meta.open();
    // Before any log is recovered: put back what only the commit journal held (whatever the sync policy now).
    const journalDir = join(this.config.dataDir, JOURNAL_DIR);
    mkdirSync(journalDir, { recursive: true });
    replayCommitJournal(journalDir, this.logsDir);
    const journal = this.config.sync === 'always' ? new CommitJournal(journalDir, commits, this.config.journalCheckpointBytes) : undefined;
    journal?.open();
    try {
      const pendingDeletes: Promise<void>[] = [];
      for (const entry of readdirSync(this.logsDir, { withFileTypes: true })) {
        if (!entry.isDirectory()) continue;
        const dir = join(this.logsDir, entry.name);
        if (entry.name.startsWith(DELETING_PREFIX)) {
          pendingDeletes.push(rm(dir, { recursive: true, force: true }));
          continue;
        }
        const log = RecordLog.recover(dir, commits, journal, this.config);
        if (log) this.logs.set(log.name, log);
      }
      await Promise.all(pendingDeletes);
      syncDir(this.logsDir);
      syncDir(this.config.dataDir);
    } catch (err) {
      // Release what was opened so far; the store stays closed.
      for (const log of this.logs.values()) log.close(false);
      this.logs.clear();
      meta.close();
      await journal?.close();
      await commits.close().catch(() => {});
      throw err;
    }
    this.commits = commits;
    this.journal = journal;
    this.meta = meta;
  }

  async close(): Promise<void> {
    const commits = this.commits;
    if (!commits) return;
    this.commits = undefined;
    for (const log of this.logs.values()) log.close(true);
    this.logs.clear();
    this.meta?.close();
    this.meta = undefined;
    const journal = this.journal;
    this.journal = undefined;
    try {
      await journal?.close();
      await commits.close();
      // Every segment file was synced by that final flush: the journal holds nothing more.
      journal?.removeAll();
    } finally {
      this.unlock?.();
      this.unlock = undefined;
    }
  }

  // ---- metadata ---------------------------------------------------------------------------------------------

  async getMeta<T = unknown>(key: string): Promise<MetaEntry<T> | undefined> {
    return this.metadata().get<T>(key);
  }

  async putMeta<T = unknown>(key: string, value: T, expectedRevision?: number): Promise<number> {
    return this.metadata().put(key, value, expectedRevision);
  }

  async deleteMeta(key: string, expectedRevision?: number): Promise<void> {
    return this.metadata().delete(key, expectedRevision);
  }

  async listMeta<T = unknown>(prefix: string): Promise<Array<{ key: string } & MetaEntry<T>>> {
    return this.metadata().list<T>(prefix);
  }

  // ---- record logs ------------------------------------------------------------------------------------------

  append(log: string, records: RecordInput[]): Promise<number> {
    // Not async (saves a promise per call), so every failure must still surface as a rejection, never a throw.
    try {
      const commits = this.group();
      if (commits.failed) return Promise.reject(commits.failed);
      let l = this.logs.get(log);
      if (!l) {
        l = RecordLog.create(log, join(this.logsDir, logDirName(log)), commits, this.journal, this.config);
        syncDir(this.logsDir);
        this.logs.set(log, l);
      }
      return l.append(records);
    } catch (err) {
      return Promise.reject(err);
    }
  }

  async read(log: string, from: number, options: ReadOptions): Promise<StoredRecord[]> {
    this.group();
    return (await this.logs.get(log)?.read(from, options)) ?? [];
  }

  async nextPosition(log: string): Promise<number> {
    this.group();
    return this.logs.get(log)?.nextPosition ?? 0;
  }

  async firstPosition(log: string): Promise<number> {
    this.group();
    return this.logs.get(log)?.firstPosition ?? 0;
  }

  async positionAtTime(log: string, ms: number): Promise<number> {
    this.group();
    return (await this.logs.get(log)?.positionAtTime(ms)) ?? 0;
  }

  async trimBefore(log: string, ms: number): Promise<void> {
    this.group();
    await this.logs.get(log)?.trimBefore(ms);
  }

  async deleteLog(log: string): Promise<void> {
    this.group();
    const l = this.logs.get(log);
    if (!l) return;
    this.logs.delete(log);
    l.close(false);
    const doomed = join(this.logsDir, `${DELETING_PREFIX}${process.pid}-${Date.now()}-${this.deletions++}`);
    renameSync(l.dir, doomed);
    syncDir(this.logsDir);
    await rm(doomed, { recursive: true, force: true });
  }

  /** Group-commit counters since open (all zero when closed). */
  syncStats(): { rounds: number; fsyncs: number; acknowledged: number; syncMs: number } {
    return { ...(this.commits?.stats ?? { rounds: 0, fsyncs: 0, acknowledged: 0, syncMs: 0 }) };
  }

  private group(): GroupCommit {
    if (!this.commits) throw new Error('storage is not open');
    return this.commits;
  }

  private metadata(): MetaJournal {
    if (!this.meta) throw new Error('storage is not open');
    return this.meta;
  }
}
