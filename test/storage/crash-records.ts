/** Deterministic records for the crash test: every record's content can be re-derived from its identity. */
import type { RecordInput } from '../../src/storage/engine.js';

export const CRASH_LOGS = ['crash-a', 'crash-b', 'crash-c', 'crash-d'];
export const CRASH_WRITERS = 8;

/** Record `k` of append `seq` by `writer`: ~100 bytes whose every byte depends on the identity. */
export function crashRecord(writer: string, seq: number, k: number): RecordInput {
  const id = `${writer}/${seq}/${k}`;
  const data = Buffer.alloc(100);
  data.write(`${id};`);
  for (let i = id.length + 1; i < data.length; i++) data[i] = (seq * 31 + k * 17 + i) & 0xff;
  return { partitionKey: id, data, arrivalMs: 1_700_000_000_000 + seq };
}
