/**
 * LMDB (the `lmdb` package, prebuilt) as a record store: key [log, position] (ordered-binary), value a small binary
 * frame (arrivalMs, partition key, data). lmdb-js batches the writes of one event turn into one transaction and
 * resolves them once it is flushed to disk: its own group commit.
 */
import { open } from 'lmdb';
import type { RecordInput } from '../../src/storage/engine.js';
import type { Candidate } from './candidate.js';

function encode(r: RecordInput): Buffer {
  const key = Buffer.from(r.partitionKey);
  const buf = Buffer.allocUnsafe(10 + key.length + r.data.length);
  buf.writeDoubleLE(r.arrivalMs, 0);
  buf.writeUInt16LE(key.length, 8);
  key.copy(buf, 10);
  buf.set(r.data, 10 + key.length);
  return buf;
}

export async function openLmdb(dir: string): Promise<Candidate> {
  const db = open<Buffer, [string, number]>({ path: dir, encoding: 'binary', mapSize: 4 * 1024 ** 3 });
  const next = new Map<string, number>();
  return {
    name: 'lmdb',
    async append(log, records) {
      const first = next.get(log) ?? 0;
      next.set(log, first + records.length);
      await db.transaction(() => {
        for (let i = 0; i < records.length; i++) db.put([log, first + i], encode(records[i]!));
      });
      return first;
    },
    async read(log, from, limit) {
      let n = 0;
      for (const { key, value } of db.getRange({ start: [log, from], end: [log, from + limit] })) {
        const kl = value.readUInt16LE(8);
        const rec = {
          position: key[1],
          arrivalMs: value.readDoubleLE(0),
          partitionKey: value.toString('utf8', 10, 10 + kl),
          data: value.subarray(10 + kl),
        };
        if (rec.data.length >= 0) n++;
      }
      return n;
    },
    async close() {
      await db.close();
    },
  };
}
