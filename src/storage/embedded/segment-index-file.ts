/**
 * `<base>.idx`: the sparse index of a sealed segment, saved so that opening a store does not have to read every
 * byte of every segment. It is only a cache: written after the segment was synced, without fsync of its own,
 * checksummed, and trusted only if it matches the segment's current size; otherwise the segment is scanned.
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

export function saveSegmentIndex(path: string, base: number, count: number, size: number, index: SparseIndex): void {
  const entries = index.entriesBytes();
  const buf = Buffer.allocUnsafe(HEADER + entries.length + 4);
  buf.writeUInt32LE(MAGIC, 0);
  buf.writeUInt32LE(VERSION, 4);
  buf.writeDoubleLE(base, 8);
  buf.writeDoubleLE(count, 16);
  buf.writeDoubleLE(size, 24);
  buf.writeUInt32LE(index.length, 32);
  entries.copy(buf, HEADER);
  buf.writeUInt32LE(crc32(buf.subarray(0, buf.length - 4)), buf.length - 4);
  writeFileSync(`${path}.tmp`, buf);
  renameSync(`${path}.tmp`, path);
}

/** The saved index, or undefined if missing, damaged, or not for this segment as it is now. */
export function loadSegmentIndex(path: string, base: number, fileSize: number): SavedIndex | undefined {
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
  if (size !== fileSize) return undefined;
  return { count: buf.readDoubleLE(16), size, index: SparseIndex.fromEntries(buf.subarray(HEADER), n) };
}
