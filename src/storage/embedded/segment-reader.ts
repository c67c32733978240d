/**
 * Reading frames back from segment files: find the byte range with the sparse index, fetch it with as few preads
 * as possible (slices of up to READ_SLICE), decode in place. Each call opens its own descriptor, so a segment
 * deleted or sealed meanwhile can never pull a descriptor from under a read. Opening and closing are synchronous
 * (cheap metadata calls); only the pread goes to the threadpool, where it may queue behind fdatasyncs.
 */
import { closeSync, openSync, read } from 'node:fs';
import type { StoredRecord } from '../engine.js';
import {
  decodeFrame,
  frameArrival,
  frameDataLength,
  frameLength,
  framePosition,
  FRAME_PREFIX,
} from './record-frame.js';
import { READ_SLICE, type Segment } from './segment.js';

function pread(fd: number, buf: Buffer, position: number): Promise<number> {
  return new Promise((resolve, reject) =>
    read(fd, buf, 0, buf.length, position, (err, bytesRead) => (err ? reject(err) : resolve(bytesRead))),
  );
}

/** What a read still needs while it walks segments; `from` advances as records are taken. */
export interface ReadState {
  from: number;
  /** Exclusive end position (acknowledged records only, and no more than the limit). */
  to: number;
  limit: number;
  maxBytes: number;
  bytes: number;
  out: StoredRecord[];
}

/** Reads records of `seg` into `state`; returns false once the read is complete (nothing more to take). */
export async function readFrames(seg: Segment, state: ReadState): Promise<boolean> {
  const idx = seg.index;
  let off = idx.offset(idx.floorByPosition(state.from));
  const stopEntry = idx.ceilByPosition(state.to);
  const stop = stopEntry < idx.length ? idx.offset(stopEntry) : seg.size;
  const fd = openSync(seg.path, 'r');
  try {
    let slice = READ_SLICE;
    while (off < stop) {
      const buf = Buffer.allocUnsafe(Math.min(stop - off, slice));
      const bytesRead = await pread(fd, buf, off);
      let p = 0;
      while (p + FRAME_PREFIX <= bytesRead) {
        const len = frameLength(buf, p);
        if (p + len > bytesRead) break;
        const pos = framePosition(buf, p);
        if (pos >= state.to) return false;
        if (pos >= state.from) {
          const size = frameDataLength(buf, p);
          if (state.out.length > 0 && state.bytes + size > state.maxBytes) return false;
          state.out.push(decodeFrame(buf, p));
          state.bytes += size;
          state.from = pos + 1;
          if (state.out.length >= state.limit) return false;
        }
        p += len;
      }
      if (p === 0) {
        // One frame larger than the slice: read it whole next time. (If even that was all there is, the file
        // ended early: stop rather than spin.)
        const need = bytesRead >= FRAME_PREFIX ? frameLength(buf, 0) : 0;
        if (need <= buf.length) return false;
        slice = need;
        continue;
      }
      off += p;
    }
    return true;
  } finally {
    closeSync(fd);
  }
}

/**
 * Position of the first record with arrivalMs ≥ ms between index entry `i` of `seg` and the next entry, or
 * undefined if there is none there (then the answer is the next entry's first record).
 */
export async function firstArrivalAtOrAfter(seg: Segment, i: number, ms: number): Promise<number | undefined> {
  const start = seg.index.offset(i);
  const stop = i + 1 < seg.index.length ? seg.index.offset(i + 1) : seg.size;
  const fd = openSync(seg.path, 'r');
  try {
    const buf = Buffer.allocUnsafe(stop - start);
    const bytesRead = await pread(fd, buf, start);
    for (let p = 0; p + FRAME_PREFIX <= bytesRead; p += frameLength(buf, p)) {
      if (p + frameLength(buf, p) > bytesRead) break;
      if (frameArrival(buf, p) >= ms) return framePosition(buf, p);
    }
    return undefined;
  } finally {
    closeSync(fd);
  }
}
