/**
 * `<base>.idx`: the sparse index of the first `count` records (`size` bytes) of a segment, saved so that opening a
 * store does not have to read every byte of every segment. Saved for a sealed segment once it is synced, for the
 * last segment on a clean close, and for the segment being written every few MiB of synced appends (sync 'always').
 * It is only a cache: written without fsync of its own, checksummed, and trusted only for bytes known durable;
 * whatever it does not cover is scanned.
 *
 * Layout (little-endian): "FIDX", u32 version, f64 base, f64 count, f64 size, u32 entries, entries × (f64 position,
 * f64 offset, f64 arrivalMs), u32 crc32 of everything before it.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { SparseIndex } from './sparse-index.js';

const MAGIC = 0x58444946; // "FIDX"
const VERSION = 1;
const HEADER = 36;

export interface SavedIndex {
  count: number;
  size: number;
  index: SparseIndex;
}

/** Saves the index of the first `count` records (`size` bytes) of the segment at `base`. */
export function saveSegmentIndex(path: string, base: number, count: number, size: number, index: SparseIndex): void {
  const entries = index.entriesBytes(index.countBelowOffset(size));
  const buf = Buffer.allocUnsafe(HEADER + entries.length + 4);
  buf.writeUInt32LE(MAGIC, 0);
  buf.writeUInt32LE(VERSION, 4);
  buf.writeDoubleLE(base, 8);
  buf.writeDoubleLE(count, 16);
  buf.writeDoubleLE(size, 24);
  buf.writeUInt32LE(entries.length / 24, 32);
  entries.copy(buf, HEADER);
  buf.writeUInt32LE(crc32(buf.subarray(0, buf.length - 4)), buf.length - 4);
  writeFileSync(`${path}.tmp`, buf);
  renameSync(`${path}.tmp`, path);
}

/**
 * The saved index, or undefined if missing, damaged, or not for this segment as it is now: it must cover the whole
 * file, or with `prefix` at least not more than the file (the last segment, written to after the index was saved).
 */
export function loadSegmentIndex(path: string, base: number, fileSize: number, prefix: boolean): SavedIndex | undefined {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch {
    return undefined;
  }
  if (buf.length < HEADER + 4) return undefined;
  if (buf.readUInt32LE(0) !== MAGIC || buf.readUInt32LE(4) !== VERSION) return undefined;
  if (crc32(buf.subarray(0, buf.length - 4)) !== buf.readUInt32LE(buf.length - 4)) return undefined;
  const n = buf.readUInt32LE(32);
  if (buf.length !== HEADER + n * 24 + 4 || buf.readDoubleLE(8) !== base) return undefined;
  const size = buf.readDoubleLE(24);
  if (prefix ? size > fileSize : size !== fileSize) return undefined;
  return { count: buf.readDoubleLE(16), size, index: SparseIndex.fromEntries(buf.subarray(HEADER), n) };
}
