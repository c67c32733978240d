/** Shared by crash.test.ts and its child: deterministic records whose content can be re-derived from their key. */
import type { RecordInput } from '../../src/storage/engine.js';

export const CRASH_LOGS = ['crash-a', 'crash-b', 'crash-c', 'crash-d'];
export const CRASH_WRITERS = 8;
export const CRASH_COUNTER = 'crash/counter';
/**
 * Small segments and a small commit journal that most appends go through (the rest sync their segment directly),
 * so that kills also land during sealing, index saving, segment deletion and journal checkpoints.
 */
export const CRASH_OPTIONS = { segmentBytes: 64 * 1024, journalCheckpointBytes: 256 * 1024, journalFromFiles: 2 };

/** The data of record `k` of append `seq` by `writer`: ~100 bytes, every one depending on the identity. */
export function crashData(writer: string, seq: number, k: number): Buffer {
  const id = `${writer}/${seq}/${k}`;
  const data = Buffer.alloc(100);
  data.write(`${id};`);
  for (let i = id.length + 1; i < data.length; i++) data[i] = (seq * 31 + k * 17 + i) & 0xff;
  return data;
}

/** Arrival is the wall clock: non-decreasing per log, as the engine requires, since positions are taken at once. */
export function crashRecord(writer: string, seq: number, k: number): RecordInput {
  return { partitionKey: `${writer}/${seq}/${k}`, data: crashData(writer, seq, k), arrivalMs: Date.now() };
}
