/**
 * The commit journal, used with sync 'always' when many logs are written at once: such an append is written
 * twice, into its log's segment file and into this one shared journal, and the sync round fdatasyncs the journal
 * instead of the segment file. So concurrent appends to any number of logs share one sync, instead of one
 * fdatasync per dirty segment file per round. (With few logs, syncing the segment files directly is cheaper: it
 * writes every byte once and never pays for a checkpoint; record-log.ts chooses per append.)
 *
 * Segment files are synced lazily: once the journal file reaches `checkpointBytes`, a new journal generation is
 * started, every segment file written since the last checkpoint is fdatasynced (through the group commit, which
 * owns descriptor lifetimes), and then the older generations are deleted. On open, before the logs are recovered,
 * whatever generations are left are replayed into the segment files (see replayCommitJournal), which restores any
 * acknowledged bytes a machine crash kept out of a segment file.
 *
 * Entry (little-endian): u32 body length, u32 CRC-32 of the body; body = u16 folder-name length, folder name
 * (UTF-8), u8 log-id length, log id, f64 segment base, f64 byte offset in the segment, then the frames.
 */
import { openSync, readdirSync, unlinkSync, writevSync, ftruncateSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { syncDir } from './durable-fs.js';
import type { GroupCommit, SyncedFile } from './group-commit.js';

export const JOURNAL_DIR = 'journal';
export const JOURNAL_SUFFIX = '.cj';
/** Default for how much the journal holds before segment files are synced and old generations deleted. */
export const DEFAULT_JOURNAL_CHECKPOINT_BYTES = 32 * 1024 * 1024;

export function journalFileName(generation: number): string {
  return String(generation).padStart(16, '0') + JOURNAL_SUFFIX;
}

/** Generations present in `dir`, oldest first. */
export function journalGenerations(dir: string): number[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => /^\d{16}\.cj$/.test(n))
    .map((n) => Number(n.slice(0, 16)))
    .sort((a, b) => a - b);
}

/** Where an entry's frames belong. */
export interface JournalTarget {
  /** The log's folder name under logs/. */
  folder: string;
  /** The log's incarnation id (a log deleted and created again under the same key gets a new one). */
  logId: string;
  segmentBase: number;
  offset: number;
}

export function entryHeader(t: JournalTarget, framesLength: number): Buffer {
  const folder = Buffer.from(t.folder, 'utf8');
  const id = Buffer.from(t.logId, 'utf8');
  const fixed = 2 + folder.length + 1 + id.length + 16;
  const header = Buffer.allocUnsafe(8 + fixed);
  let o = 8;
  header.writeUInt16LE(folder.length, o);
  folder.copy(header, (o += 2));
  header.writeUInt8(id.length, (o += folder.length));
  id.copy(header, (o += 1));
  header.writeDoubleLE(t.segmentBase, (o += id.length));
  header.writeDoubleLE(t.offset, (o += 8));
  header.writeUInt32LE(fixed + framesLength, 0);
  return header;
}

export class CommitJournal {
  private generation = 0;
  private file!: SyncedFile;
  private size = 0;
  /** Segment files written since the last checkpoint began: they must be synced before old journals go. */
  private lazy = new Set<SyncedFile>();
  private checkpointing: Promise<void> | undefined;

  constructor(
    private readonly dir: string,
    private readonly commits: GroupCommit,
    private readonly checkpointBytes = DEFAULT_JOURNAL_CHECKPOINT_BYTES,
  ) {}

  /** Starts a fresh generation (after any old ones were replayed and removed). */
  open(): void {
    this.generation = (journalGenerations(this.dir).at(-1) ?? 0) + 1;
    this.file = { fd: openSync(join(this.dir, journalFileName(this.generation)), 'w') };
    syncDir(this.dir);
  }

  /**
   * Writes the entry for frames just written to a segment, and returns the file whose sync makes them durable.
   * Throws if the write fails (the journal is cut back, so no partial entry hides later ones).
   */
  record(target: JournalTarget, frames: Buffer, segmentFile: SyncedFile): SyncedFile {
    const header = entryHeader(target, frames.length);
    const crc = crc32(frames, crc32(header.subarray(8)));
    header.writeUInt32LE(crc, 4);
    const total = header.length + frames.length;
    try {
      let done = writevSync(this.file.fd, [header, frames], this.size);
      // A short write is rare (disk full); finish it plainly.
      while (done < total) {
        const rest = Buffer.concat([header, frames]).subarray(done);
        done += writevSync(this.file.fd, [rest], this.size + done);
      }
    } catch (err) {
      try {
        ftruncateSync(this.file.fd, this.size);
      } catch {
        // replay stops at the damaged entry, which was never acknowledged
      }
      throw err;
    }
    this.size += total;
    this.lazy.add(segmentFile);
    const journal = this.file;
    if (this.size >= this.checkpointBytes && !this.checkpointing) this.checkpointing = this.checkpoint();
    return journal;
  }

  /** A segment file about to be closed (sealed or its log deleted) is synced by the group commit itself. */
  forget(segmentFile: SyncedFile): void {
    this.lazy.delete(segmentFile);
  }

  /** Waits for a running checkpoint; on close, the group commit then syncs and closes everything. */
  async close(): Promise<void> {
    await this.checkpointing;
    this.commits.retire(this.file);
  }

  /** Deletes every journal generation; only once all segment files they cover are synced (clean shutdown). */
  removeAll(): void {
    for (const g of journalGenerations(this.dir)) unlinkSync(join(this.dir, journalFileName(g)));
    syncDir(this.dir);
  }

  private async checkpoint(): Promise<void> {
    try {
      const old = this.generation;
      const oldFile = this.file;
      this.generation++;
      this.file = { fd: openSync(join(this.dir, journalFileName(this.generation)), 'w') };
      this.size = 0;
      syncDir(this.dir);
      const segments = [...this.lazy];
      this.lazy.clear();
      this.commits.retire(oldFile);
      await this.commits.syncFiles(segments);
      for (const g of journalGenerations(this.dir)) {
        if (g <= old) unlinkSync(join(this.dir, journalFileName(g)));
      }
      syncDir(this.dir);
    } catch {
      // A failed sync poisons the group commit (every later write fails); the journals stay for replay.
    } finally {
      this.checkpointing = undefined;
    }
  }
}
