/**
 * One record log on disk: a folder holding
 *   LOG                  the log key (the folder name is only an encoding of it)
 *   TRIM                 the trim point (lowest position still readable), when anything was trimmed
 *   <16-digit base>.seg  segment files; the last one is appended to, the others are sealed
 *
 * Writes are synchronous pwrites into the page cache (so positions are assigned in call order without locks);
 * durability is awaited through the group commit. Readers only ever see records whose append was acknowledged
 * (`committed`), so a record a consumer has seen can never vanish in a crash.
 */
import { ftruncateSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, unlinkSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ReadOptions, RecordInput, StoredRecord } from '../engine.js';
import { replaceFileDurably, syncDir, writeFully } from './durable-fs.js';
import type { CommitJournal } from './commit-journal.js';
import type { GroupCommit, SyncedFile } from './group-commit.js';
import { readLogIdentity, writeLogIdentity } from './log-identity.js';
import { encodeFrames } from './record-frame.js';
import { INDEX_SUFFIX, parseSegmentFileName, Segment } from './segment.js';
import { firstArrivalAtOrAfter, readFrames, type ReadState } from './segment-reader.js';

function removeSegmentFiles(seg: Segment): void {
  unlinkSync(seg.path);
  rmSync(seg.indexPath, { force: true });
}

/** Under sync 'always', the index of the segment being written is saved after every this many durable bytes. */
const INDEX_CHECKPOINT_BYTES = 4 * 1024 * 1024;
const TRIM_FILE = 'TRIM';

export interface RecordLogOptions {
  /** A segment is sealed and a new one started once it holds at least this many bytes. */
  segmentBytes: number;
  /**
   * A segment is also sealed once its records span this long (by arrivalMs), so that a quiet log's old records
   * become a whole file that retention can delete.
   */
  segmentMaxAgeMs: number;
  /**
   * With sync 'always': an append goes through the shared commit journal when at least this many files already
   * wait for the next sync round (0: always).
   */
  journalFromFiles: number;
}

export class RecordLog {
  private segments: Segment[] = [];
  private trim = 0;
  /** Position the next append gets. */
  private next = 0;
  /** Every position below this is acknowledged and visible to readers. */
  private committed = 0;
  private deleted = false;

  private constructor(
    readonly name: string,
    readonly dir: string,
    /** Incarnation id (see log-identity.ts). */
    private readonly id: string,
    private readonly commits: GroupCommit,
    /** With sync 'always': appends are made durable through the shared commit journal. */
    private readonly journal: CommitJournal | undefined,
    private readonly options: RecordLogOptions,
  ) {}

  /** Creates the folder of a new log, durably, with an empty first segment. */
  static create(
    name: string,
    dir: string,
    commits: GroupCommit,
    journal: CommitJournal | undefined,
    options: RecordLogOptions,
  ): RecordLog {
    mkdirSync(dir);
    const { id } = writeLogIdentity(dir, name);
    const log = new RecordLog(name, dir, id, commits, journal, options);
    log.startSegment(0); // syncs the folder: LOG and the first segment are durable
    return log;
  }

  /**
   * Opens an existing log folder: checks every frame, truncates a torn tail, drops segments that retention had
   * already given up, and reopens the last segment for appending. Returns undefined for a folder whose creation
   * never completed (no LOG file: nothing in it was ever acknowledged).
   */
  static recover(
    dir: string,
    commits: GroupCommit,
    journal: CommitJournal | undefined,
    options: RecordLogOptions,
  ): RecordLog | undefined {
    const identity = readLogIdentity(dir);
    if (!identity) {
      rmSync(dir, { recursive: true, force: true });
      return undefined;
    }
    const log = new RecordLog(identity.key, dir, identity.id, commits, journal, options);
    try {
      log.trim = Number(readFileSync(join(dir, TRIM_FILE), 'utf8')) || 0;
    } catch {
      log.trim = 0;
    }
    const bases = readdirSync(dir)
      .map(parseSegmentFileName)
      .filter((b): b is number => b !== undefined)
      .sort((a, b) => a - b);
    // Whether files were removed, so that the folder must be synced.
    let changed = false;
    for (const base of bases) {
      const prev = log.segments.at(-1);
      const seg = new Segment(dir, base);
      // A segment that does not continue its predecessor exactly (the predecessor lost its tail in a machine
      // crash that no sync guarded, so nothing in it was acknowledged under sync 'always') would leave a gap: it and
      // everything after it are dropped.
      if (prev && base !== prev.end) {
        for (const later of bases.filter((b) => b >= base)) removeSegmentFiles(new Segment(dir, later));
        changed = true;
        break;
      }
      // A segment may be opened from its saved index when that matches the file (sealed segments, and the last
      // one after a clean close); otherwise it is checked frame by frame, and a torn tail is cut off.
      const whole = seg.load(base === bases.at(-1));
      log.segments.push(seg);
      if (!whole) {
        for (const later of bases.filter((b) => b > base)) removeSegmentFiles(new Segment(dir, later));
        changed = true;
        break;
      }
    }
    if (log.segments.length === 0) {
      log.startSegment(Math.max(log.trim, 0));
    } else {
      const last = log.segments.at(-1)!;
      // Its saved index, if any, stays valid for the prefix it covers while the segment grows.
      last.file = { fd: openSync(last.path, 'r+') };
    }
    log.next = log.committed = log.segments.at(-1)!.end;
    if (log.trim > log.next) log.trim = log.next;
    log.dropTrimmedSegments();
    if (log.removeStrayFiles() || changed) syncDir(dir);
    return log;
  }

  get nextPosition(): number {
    return this.next;
  }

  get firstPosition(): number {
    return Math.max(this.trim, this.segments[0]!.base);
  }

  append(records: readonly RecordInput[]): Promise<number> {
    if (this.deleted) return Promise.reject(new Error(`log ${this.name} was deleted`));
    const first = this.next;
    if (records.length === 0) return Promise.resolve(first);
    let active = this.segments.at(-1)!;
    if (
      active.count > 0 &&
      (active.size >= this.options.segmentBytes ||
        records[0]!.arrivalMs - active.index.arrival(0) >= this.options.segmentMaxAgeMs)
    ) {
      active = this.startSegment(first);
    }
    let frames: Buffer;
    let durableFile: SyncedFile;
    try {
      frames = encodeFrames(records, first);
      writeFully(active.file!.fd, frames, active.size);
      // Through the journal once enough other segment files already wait for the next sync round: then one more
      // segment fdatasync would cost more than writing the bytes twice.
      const viaJournal = this.journal && this.commits.pendingFiles >= this.options.journalFromFiles;
      durableFile = viaJournal
        ? this.journal!.record(
            { folder: basename(this.dir), logId: this.id, segmentBase: active.base, offset: active.size },
            frames,
            active.file!,
          )
        : active.file!;
    } catch (err) {
      // Nothing was assigned. Cut off any partial write (e.g. disk full), so that no stale frame of this failed
      // batch can ever be read back as if it had been appended.
      try {
        ftruncateSync(active.file!.fd, active.size);
      } catch {
        // recovery cuts it on the next open at the latest
      }
      return Promise.reject(err);
    }
    active.noteAppended(frames, records.length);
    const end = (this.next = first + records.length);
    const durable = this.commits.commit(durableFile);
    if (!durable) {
      this.committed = end;
      return Promise.resolve(first);
    }
    const count = active.count;
    const size = active.size;
    return durable.then(() => {
      if (end > this.committed) this.committed = end;
      // Now durable up to `size`: every few MiB, save the index that far, so that recovery after a crash scans
      // only what came after (the segment's `file` is gone once it is sealed: then sealing saves the index).
      if (active.file && size - active.indexedSize >= INDEX_CHECKPOINT_BYTES) {
        try {
          active.saveIndex(count, size);
        } catch {
          // only a cache: the next open scans instead
        }
      }
      return first;
    });
  }

  async read(from: number, options: ReadOptions): Promise<StoredRecord[]> {
    const state: ReadState = {
      from: Math.max(from, this.firstPosition),
      to: this.committed,
      limit: Math.max(1, options.limit),
      maxBytes: options.maxBytes ?? Infinity,
      bytes: 0,
      out: [],
    };
    if (state.limit < state.to - state.from) state.to = state.from + state.limit;
    while (state.from < state.to && !this.deleted) {
      const seg = this.segmentAt(state.from);
      if (!seg) break;
      const before = state.from;
      try {
        if (!(await readFrames(seg, state))) break;
        if (state.from === before) break;
      } catch (err) {
        // The segment was deleted by retention while we read: carry on from the new first position.
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
        state.from = Math.max(state.from, this.firstPosition);
        if (state.from === before && !this.deleted) throw err;
      }
    }
    return state.out;
  }

  /** Position of the first acknowledged record with arrivalMs ≥ ms (`committed` if none). */
  async positionAtTime(ms: number): Promise<number> {
    const limit = this.committed;
    const first = this.firstPosition;
    // The last segment whose first record arrived before ms holds the answer, or the answer is its end.
    let s = this.segments.length - 1;
    while (s >= 0 && !(this.segments[s]!.count > 0 && this.segments[s]!.index.arrival(0) < ms)) s--;
    if (s < 0) return Math.min(first, limit);
    const seg = this.segments[s]!;
    const i = seg.index.lastArrivalBefore(ms);
    let answer = i + 1 < seg.index.length ? seg.index.position(i + 1) : seg.end;
    try {
      answer = (await firstArrivalAtOrAfter(seg, i, ms)) ?? answer;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    return Math.min(Math.max(answer, this.firstPosition), limit);
  }

  /** Makes every record with arrivalMs < ms unreadable and deletes the segment files that hold only such records. */
  async trimBefore(ms: number): Promise<void> {
    const point = await this.positionAtTime(ms);
    if (point <= this.trim || this.deleted) return;
    replaceFileDurably(join(this.dir, TRIM_FILE), String(point));
    this.trim = point;
    this.dropTrimmedSegments();
  }

  /**
   * Releases the log's descriptors. On a clean shutdown (`saveIndex`) the last segment's index is saved too, so the
   * next open need not scan it; for a deleted log the caller removes the folder.
   */
  close(saveIndex: boolean): void {
    this.deleted = true;
    const active = this.segments.at(-1);
    if (active?.file) {
      this.journal?.forget(active.file);
      this.commits.retire(active.file, saveIndex ? () => active.saveIndex() : undefined);
    }
    if (active) active.file = undefined;
  }

  private dropTrimmedSegments(): void {
    let dropped = false;
    while (this.segments.length > 1 && this.segments[1]!.base <= this.trim) {
      removeSegmentFiles(this.segments.shift()!);
      dropped = true;
    }
    // Everything, including the segment being appended to, is trimmed: start a fresh one so the old file can go.
    const only = this.segments[0]!;
    if (this.segments.length === 1 && only.count > 0 && this.trim >= this.next) {
      this.startSegment(this.next);
      removeSegmentFiles(this.segments.shift()!);
      dropped = true;
    }
    if (dropped) syncDir(this.dir);
  }

  /**
   * Removes temporary files and saved indexes of segments that are gone (a crash between two steps leaves these).
   * Returns whether it removed anything.
   */
  private removeStrayFiles(): boolean {
    const live = new Set(this.segments.map((s) => s.indexPath));
    let removed = false;
    for (const name of readdirSync(this.dir)) {
      const path = join(this.dir, name);
      if (name.endsWith('.tmp') || (name.endsWith(INDEX_SUFFIX) && !live.has(path))) {
        rmSync(path, { force: true });
        removed = true;
      }
    }
    return removed;
  }

  /** Seals the current last segment (if any) and starts an empty one at `base`. */
  private startSegment(base: number): Segment {
    const seg = new Segment(this.dir, base);
    seg.file = { fd: openSync(seg.path, 'w') };
    syncDir(this.dir);
    const prev = this.segments.at(-1);
    if (prev?.file) {
      this.journal?.forget(prev.file);
      this.commits.retire(prev.file, () => {
        // The log may have been trimmed past it or deleted since: then there is nothing to save.
        if (!this.deleted && this.segments.includes(prev)) prev.saveIndex();
      });
      prev.file = undefined;
    }
    this.segments.push(seg);
    return seg;
  }

  private segmentAt(pos: number): Segment | undefined {
    let lo = 0;
    let hi = this.segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.segments[mid]!.base <= pos) lo = mid;
      else hi = mid - 1;
    }
    const seg = this.segments[lo];
    return seg && seg.base <= pos && pos < seg.end ? seg : undefined;
  }
}
