/**
 * One segment file of a record log: consecutive frames (see record-frame.ts) starting at position `base`.
 * The file is named after `base` (16 digits, so names sort like positions). Only the last segment of a log is
 * written to; the others are sealed and immutable until retention deletes them whole.
 */
import { closeSync, ftruncateSync, fsyncSync, openSync, readSync, fstatSync, statSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { FRAME_HEADER, FRAME_PREFIX, frameArrival, MAX_BODY, validFrameLength } from './record-frame.js';
import { loadSegmentIndex, saveSegmentIndex, type SavedIndex } from './segment-index-file.js';
import { SparseIndex } from './sparse-index.js';
import type { SyncedFile } from './group-commit.js';

export const SEGMENT_SUFFIX = '.seg';
export const INDEX_SUFFIX = '.idx';
/** Reads are done in slices of at most this many bytes (more only when one frame is larger). */
export const READ_SLICE = 4 * 1024 * 1024;

export function segmentFileName(base: number): string {
  return String(base).padStart(16, '0') + SEGMENT_SUFFIX;
}

export function parseSegmentFileName(name: string): number | undefined {
  if (!/^\d{16}\.seg$/.test(name)) return undefined;
  return Number(name.slice(0, 16));
}

/** Whether the frames from the last saved index entry to the end of the file are all whole and in order. */
function tailIsWhole(path: string, saved: SavedIndex): boolean {
  const last = saved.index.length - 1;
  if (last < 0) return saved.count === 0 && saved.size === 0;
  const start = saved.index.offset(last);
  let pos = saved.index.position(last);
  const buf = Buffer.allocUnsafe(saved.size - start);
  const fd = openSync(path, 'r');
  try {
    if (readSync(fd, buf, 0, buf.length, start) !== buf.length) return false;
  } finally {
    closeSync(fd);
  }
  let off = 0;
  while (off < buf.length) {
    const len = validFrameLength(buf, off, buf.length, pos++);
    if (len < 0) return false;
    off += len;
  }
  return pos === saved.count + saved.index.position(0);
}

export class Segment {
  index = new SparseIndex();
  /** Records in the file. */
  count = 0;
  /** Bytes of whole frames in the file. */
  size = 0;
  /** The open descriptor, for the segment being appended to. */
  file: SyncedFile | undefined;
  /** Bytes covered by the saved index file. */
  indexedSize = 0;

  constructor(
    readonly dir: string,
    readonly base: number,
  ) {}

  get path(): string {
    return join(this.dir, segmentFileName(this.base));
  }

  get indexPath(): string {
    return this.path.slice(0, -SEGMENT_SUFFIX.length) + INDEX_SUFFIX;
  }

  /**
   * Saves the index of the first `count` records (`size` bytes, which must be durable) so that the next open need
   * not scan them: the whole segment once sealed and synced, or a prefix of the segment being written.
   */
  saveIndex(count = this.count, size = this.size): void {
    saveSegmentIndex(this.indexPath, this.base, count, size, this.index);
    this.indexedSize = size;
  }

  /**
   * Opens the segment from its saved index when that is valid, else like `recover()`. `last` marks the last
   * segment of a log, the one written to after its index was saved: its index may cover only a prefix (the rest is
   * scanned), and the frames after its last index entry are checked too (any damage there means a full scan).
   */
  load(last: boolean): boolean {
    const fileSize = statSync(this.path).size;
    const saved = loadSegmentIndex(this.indexPath, this.base, fileSize, last);
    if (!saved || (last && !tailIsWhole(this.path, saved))) return this.recover();
    this.index = saved.index;
    this.count = saved.count;
    this.size = saved.size;
    this.indexedSize = saved.size;
    return saved.size === fileSize || this.recover(saved.size);
  }

  /** Position after the last record. */
  get end(): number {
    return this.base + this.count;
  }

  /** Accounts for frames just written at the end of the file. `frames` holds them back to back. */
  noteAppended(frames: Buffer, count: number): void {
    let off = 0;
    for (let i = 0; i < count; i++) {
      this.index.offer(this.base + this.count + i, this.size + off, frameArrival(frames, off));
      off += FRAME_PREFIX + frames.readUInt32LE(off);
    }
    this.count += count;
    this.size += frames.length;
  }

  /**
   * Scans the file from byte `from` (0, or the end of a loaded index prefix), checking every frame, and builds the
   * index. If the file ends in a torn or corrupt frame, the file is truncated to its last good frame (and fsynced).
   * A full scan drops any saved index first. Returns whether the whole file was good.
   */
  recover(from = 0): boolean {
    if (from === 0) {
      rmSync(this.indexPath, { force: true });
      this.index = new SparseIndex();
      this.count = 0;
      this.indexedSize = 0;
    }
    const fd = openSync(this.path, 'r+');
    try {
      const fileSize = fstatSync(fd).size;
      let buf = Buffer.allocUnsafe(Math.min(READ_SLICE, Math.max(fileSize - from, FRAME_HEADER)));
      let off = from; // file offset of buf[0]
      let filled = 0;
      let pos = 0; // offset within buf
      for (;;) {
        if (off + pos >= fileSize) break;
        const len = validFrameLength(buf, pos, filled, this.base + this.count);
        if (len < 0) {
          // Not enough bytes in the buffer for a verdict? Refill from this frame, unless the file has no more.
          const more = off + filled < fileSize;
          const need = filled - pos < FRAME_PREFIX ? FRAME_HEADER : FRAME_PREFIX + buf.readUInt32LE(pos);
          if (more && need <= FRAME_PREFIX + MAX_BODY && pos + need > filled) {
            off += pos;
            if (need > buf.length) buf = Buffer.allocUnsafe(need);
            filled = readSync(fd, buf, 0, Math.min(buf.length, fileSize - off), off);
            pos = 0;
            continue;
          }
          break;
        }
        this.index.offer(this.base + this.count, off + pos, frameArrival(buf, pos));
        this.count++;
        pos += len;
      }
      this.size = off + pos;
      if (this.size < fileSize) {
        ftruncateSync(fd, this.size);
        fsyncSync(fd);
        return false;
      }
      return true;
    } finally {
      closeSync(fd);
    }
  }
}
