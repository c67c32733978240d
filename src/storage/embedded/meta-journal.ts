/**
 * The metadata key-value space: an append-only journal file of CRC-framed JSON entries
 * (`{"k":key,"r":revision,"v":value}` or `{"k":key,"r":revision,"d":1}` for a delete), replayed into memory on
 * open. Metadata is small (stream descriptions, checkpoints), so all of it lives in memory as JSON text, and the
 * journal is rewritten compactly (on open, or after a write) once it is mostly superseded entries.
 *
 * Revisions come from one counter for the whole space (like etcd's), so a key's revision increases on every write,
 * and a key deleted and created again never repeats an earlier revision.
 */
import { existsSync, fstatSync, ftruncateSync, fsyncSync, openSync, readSync, renameSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { syncDir, writeFully } from './durable-fs.js';
import type { GroupCommit, SyncedFile } from './group-commit.js';
import { type MetaEntry, RevisionMismatchError } from '../engine.js';
import { dirname } from 'node:path';

interface JournalEntry {
  k: string;
  r: number;
  v?: unknown;
  d?: 1;
}

interface Stored {
  json: string;
  revision: number;
  /** Size of the journal frame that holds this value. */
  bytes: number;
}

const PREFIX = 8;
/** Compact on open when the journal is this much larger than its live entries (and not tiny). */
const COMPACT_RATIO = 2;
const COMPACT_MIN_BYTES = 1024 * 1024;

/** One journal entry; `json` is the value already serialised, or undefined for a delete. */
function frame(key: string, revision: number, json: string | undefined): Buffer {
  const k = JSON.stringify(key);
  const text = json === undefined ? `{"k":${k},"r":${revision},"d":1}` : `{"k":${k},"r":${revision},"v":${json}}`;
  const body = Buffer.from(text, 'utf8');
  const buf = Buffer.allocUnsafe(PREFIX + body.length);
  buf.writeUInt32LE(body.length, 0);
  buf.writeUInt32LE(crc32(body), 4);
  body.copy(buf, PREFIX);
  return buf;
}

export class MetaJournal {
  private entries = new Map<string, Stored>();
  private revision = 0;
  private file: SyncedFile | undefined;
  private size = 0;
  /** Journal bytes of the entries still live: compaction would shrink the journal to about this. */
  private live = 0;

  constructor(
    private readonly path: string,
    private readonly commits: GroupCommit,
  ) {}

  /** Replays the journal (truncating a torn tail) and compacts it when worthwhile. */
  open(): void {
    const fd = openSync(this.path, existsSync(this.path) ? 'r+' : 'w+');
    const fileSize = fstatSync(fd).size;
    const buf = Buffer.allocUnsafe(fileSize);
    let filled = 0;
    while (filled < fileSize) filled += readSync(fd, buf, filled, fileSize - filled, filled);
    let off = 0;
    while (off + PREFIX <= fileSize) {
      const len = buf.readUInt32LE(off);
      const end = off + PREFIX + len;
      if (end > fileSize || crc32(buf.subarray(off + PREFIX, end)) !== buf.readUInt32LE(off + 4)) break;
      let e: JournalEntry;
      try {
        e = JSON.parse(buf.toString('utf8', off + PREFIX, end)) as JournalEntry;
      } catch {
        break;
      }
      this.revision = Math.max(this.revision, e.r);
      this.apply(e.k, e.d ? undefined : { json: JSON.stringify(e.v), revision: e.r, bytes: end - off });
      off = end;
    }
    if (off < fileSize) {
      ftruncateSync(fd, off);
      fsyncSync(fd);
    }
    this.size = off;
    this.file = { fd };
    this.compactIfWorthwhile();
  }

  close(): void {
    if (this.file) this.commits.retire(this.file);
    this.file = undefined;
  }

  get<T>(key: string): MetaEntry<T> | undefined {
    const s = this.entries.get(key);
    return s && { value: JSON.parse(s.json) as T, revision: s.revision };
  }

  list<T>(prefix: string): Array<{ key: string } & MetaEntry<T>> {
    const keys = [...this.entries.keys()].filter((k) => k.startsWith(prefix)).sort();
    return keys.map((key) => {
      const s = this.entries.get(key)!;
      return { key, value: JSON.parse(s.json) as T, revision: s.revision };
    });
  }

  async put<T>(key: string, value: T, expectedRevision?: number): Promise<number> {
    this.check(key, expectedRevision);
    const json = JSON.stringify(value);
    if (json === undefined) throw new TypeError(`metadata value for ${key} is not JSON`);
    const r = ++this.revision;
    await this.write(key, r, json);
    return r;
  }

  async delete(key: string, expectedRevision?: number): Promise<void> {
    this.check(key, expectedRevision);
    if (!this.entries.has(key)) return;
    await this.write(key, ++this.revision, undefined);
  }

  private check(key: string, expectedRevision: number | undefined): void {
    if (expectedRevision === undefined) return;
    if ((this.entries.get(key)?.revision ?? 0) !== expectedRevision) throw new RevisionMismatchError(key);
  }

  /** Applies the entry in memory at once (so CAS sees it) and resolves once the journal holds it durably. */
  private write(key: string, revision: number, json: string | undefined): Promise<void> {
    if (!this.file) return Promise.reject(new Error('metadata store is closed'));
    const buf = frame(key, revision, json);
    writeFully(this.file.fd, buf, this.size);
    this.size += buf.length;
    this.apply(key, json === undefined ? undefined : { json, revision, bytes: buf.length });
    const durable = this.commits.commit(this.file) ?? Promise.resolve();
    // The compacted journal holds this write too, fsynced, so waiting on the old file's sync stays correct.
    this.compactIfWorthwhile();
    return durable;
  }

  private apply(key: string, stored: Stored | undefined): void {
    this.live -= this.entries.get(key)?.bytes ?? 0;
    if (stored) {
      this.entries.set(key, stored);
      this.live += stored.bytes;
    } else {
      this.entries.delete(key);
    }
  }

  private compactIfWorthwhile(): void {
    if (this.size > COMPACT_MIN_BYTES && this.size > COMPACT_RATIO * this.live) this.compact();
  }

  /** Rewrites the journal with only live entries: temporary file, fsync, rename over, fsync the folder. */
  private compact(): void {
    const tmp = `${this.path}.tmp`;
    const fd = openSync(tmp, 'w');
    // First, the revision counter: a tombstone-free journal would otherwise forget revisions of deleted keys.
    // (A delete of the empty key, written before every live entry, so it never hides a live value.)
    const frames = [frame('', this.revision, undefined)];
    for (const [k, s] of this.entries) {
      const buf = frame(k, s.revision, s.json);
      frames.push(buf);
      s.bytes = buf.length;
    }
    const all = Buffer.concat(frames);
    writeFully(fd, all, 0);
    fsyncSync(fd);
    renameSync(tmp, this.path);
    syncDir(dirname(this.path));
    // The old descriptor may still be in a sync round: let the group commit close it.
    this.commits.retire(this.file!);
    this.file = { fd };
    this.size = all.length;
    this.live = all.length - frames[0]!.length;
  }
}
