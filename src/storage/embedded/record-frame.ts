/**
 * On-disk framing of one record inside a segment file (all integers little-endian):
 *
 *   u32 bodyLength   bytes after this 8-byte prefix
 *   u32 crc32        CRC-32 (zlib) of the body
 *   --- body ---
 *   f64 position     the record's log position (lets recovery prove order: no gap, no duplicate)
 *   f64 arrivalMs
 *   u16 pkLength     UTF-8 bytes of the partition key
 *   pk bytes, then data bytes (the rest of the body)
 *
 * A frame is self-checking: recovery stops at the first frame whose length runs past the end of the file, whose
 * CRC does not match or whose position is not the expected one, and truncates the file there (a torn tail).
 */
import { crc32 } from 'node:zlib';
import type { RecordInput, StoredRecord } from '../engine.js';

export const FRAME_PREFIX = 8;
/** Fixed part of the body: position, arrivalMs, pkLength. */
export const BODY_FIXED = 18;
export const FRAME_HEADER = FRAME_PREFIX + BODY_FIXED;
/** Frames larger than this are treated as corruption (Kinesis records are ≤ 1 MiB; keys ≤ 256 chars). */
export const MAX_BODY = 16 * 1024 * 1024;

/** Encodes consecutive records starting at `firstPosition` into one buffer, ready for a single write. */
export function encodeFrames(records: readonly RecordInput[], firstPosition: number): Buffer {
  const keyLengths = new Array<number>(records.length);
  let total = 0;
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    const keyLength = Buffer.byteLength(r.partitionKey, 'utf8');
    if (keyLength > 0xffff) throw new RangeError('partition key too long');
    if (BODY_FIXED + keyLength + r.data.length > MAX_BODY) throw new RangeError('record too large');
    keyLengths[i] = keyLength;
    total += FRAME_HEADER + keyLength + r.data.length;
  }
  const buf = Buffer.allocUnsafe(total);
  let off = 0;
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    const keyLength = keyLengths[i]!;
    const bodyLen = BODY_FIXED + keyLength + r.data.length;
    const body = off + FRAME_PREFIX;
    buf.writeUInt32LE(bodyLen, off);
    buf.writeDoubleLE(firstPosition + i, body);
    buf.writeDoubleLE(r.arrivalMs, body + 8);
    buf.writeUInt16LE(keyLength, body + 16);
    buf.write(r.partitionKey, body + BODY_FIXED, keyLength, 'utf8');
    buf.set(r.data, body + BODY_FIXED + keyLength);
    buf.writeUInt32LE(crc32(buf.subarray(body, body + bodyLen)), off + 4);
    off = body + bodyLen;
  }
  return buf;
}

/** Length of the whole frame starting at `off`, or -1 if the bytes there are not a complete, valid frame. */
export function validFrameLength(buf: Buffer, off: number, end: number, expectedPosition: number): number {
  if (end - off < FRAME_HEADER) return -1;
  const bodyLen = buf.readUInt32LE(off);
  if (bodyLen < BODY_FIXED || bodyLen > MAX_BODY || off + FRAME_PREFIX + bodyLen > end) return -1;
  const body = off + FRAME_PREFIX;
  if (buf.readDoubleLE(body) !== expectedPosition) return -1;
  if (BODY_FIXED + buf.readUInt16LE(body + 16) > bodyLen) return -1;
  if (crc32(buf.subarray(body, body + bodyLen)) !== buf.readUInt32LE(off + 4)) return -1;
  return FRAME_PREFIX + bodyLen;
}

/** Total frame length at `off` from its prefix alone (no checks: for frames already validated at recovery). */
export function frameLength(buf: Buffer, off: number): number {
  return FRAME_PREFIX + buf.readUInt32LE(off);
}

export function framePosition(buf: Buffer, off: number): number {
  return buf.readDoubleLE(off + FRAME_PREFIX);
}

export function frameArrival(buf: Buffer, off: number): number {
  return buf.readDoubleLE(off + FRAME_PREFIX + 8);
}

export function frameDataLength(buf: Buffer, off: number): number {
  return buf.readUInt32LE(off) - BODY_FIXED - buf.readUInt16LE(off + FRAME_PREFIX + 16);
}

/** Decodes the frame at `off`. `data` is a view into `buf` (no copy). */
export function decodeFrame(buf: Buffer, off: number): StoredRecord {
  const body = off + FRAME_PREFIX;
  const end = body + buf.readUInt32LE(off);
  const keyStart = body + BODY_FIXED;
  const keyEnd = keyStart + buf.readUInt16LE(body + 16);
  return {
    position: buf.readDoubleLE(body),
    arrivalMs: buf.readDoubleLE(body + 8),
    partitionKey: buf.toString('utf8', keyStart, keyEnd),
    data: buf.subarray(keyEnd, end),
  };
}
