/**
 * SQLite through better-sqlite3, when it can be loaded (it needs an install script to build or fetch its binary,
 * which this project's installs do not run, so it is not a dependency): point FRESHET_BENCH_SQLITE at an installed
 * better-sqlite3 package folder to include it. WAL, synchronous=FULL, one table keyed (log, pos); appends queued in
 * one event turn commit in one transaction (group commit by hand, as the API is synchronous).
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { RecordInput } from '../../src/storage/engine.js';
import type { Candidate } from './candidate.js';

interface Statement {
  run(...args: unknown[]): unknown;
  raw(on: boolean): Statement;
  iterate(...args: unknown[]): IterableIterator<unknown[]>;
}
interface Database {
  pragma(p: string): unknown;
  exec(sql: string): void;
  prepare(sql: string): Statement;
  transaction(fn: () => void): () => void;
  close(): void;
}

export function sqliteAvailable(): string | undefined {
  return process.env.FRESHET_BENCH_SQLITE;
}

export async function openSqlite(dir: string): Promise<Candidate> {
  const Sqlite = createRequire(import.meta.url)(sqliteAvailable()!) as new (path: string) => Database;
  const db = new Sqlite(join(dir, 'records.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(
    'CREATE TABLE IF NOT EXISTS records (log TEXT, pos INTEGER, arrival REAL, pk TEXT, data BLOB, PRIMARY KEY (log, pos)) WITHOUT ROWID',
  );
  const insert = db.prepare('INSERT INTO records VALUES (?, ?, ?, ?, ?)');
  const select = db.prepare('SELECT pos, arrival, pk, data FROM records WHERE log = ? AND pos >= ? ORDER BY pos LIMIT ?').raw(true);
  const next = new Map<string, number>();
  let queue: Array<{ log: string; first: number; records: RecordInput[]; done: () => void }> = [];
  const commit = db.transaction(() => {
    for (const q of queue) {
      for (let i = 0; i < q.records.length; i++) {
        const r = q.records[i]!;
        insert.run(q.log, q.first + i, r.arrivalMs, r.partitionKey, r.data);
      }
    }
  });
  return {
    name: 'better-sqlite3',
    append(log, records) {
      const first = next.get(log) ?? 0;
      next.set(log, first + records.length);
      return new Promise((resolve) => {
        if (queue.length === 0) {
          setImmediate(() => {
            commit();
            const done = queue;
            queue = [];
            for (const q of done) q.done();
          });
        }
        queue.push({ log, first, records, done: () => resolve(first) });
      });
    },
    async read(log, from, limit) {
      let n = 0;
      for (const row of select.iterate(log, from, limit)) if (row.length === 4) n++;
      return n;
    },
    async close() {
      db.close();
    },
  };
}
