/**
 * Compares record stores for the embedded engine on Freshet's target workload, each in its own process so that
 * RSS is its own:
 *   - appends: 8 concurrent writers over 4 logs, batches of 500 records × 100 B, every append durable (fsync,
 *     group-committed), until `--records` records (default 1,000,000) are stored;
 *   - reads: every log read back from the start in batches of 10,000;
 *   - RSS after both (and peak RSS).
 *
 * Usage: node --import tsx bench/storage/compare-engines.ts [--records N] [--only segment-log|lmdb|better-sqlite3]
 * (bounded: about a minute in all at the default size on a 2-core machine).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { RecordInput } from '../../src/storage/engine.js';
import type { Candidate } from './candidate.js';
import { openLmdb } from './lmdb-candidate.js';
import { openSegmentLog } from './segment-log-candidate.js';
import { openSqlite, sqliteAvailable } from './sqlite-candidate.js';

const WRITERS = 8;
const LOGS = 4;
const BATCH = 500;
const RECORD_BYTES = 100;
const READ_BATCH = 10_000;

const openers: Record<string, (dir: string) => Promise<Candidate>> = {
  'segment-log': openSegmentLog,
  lmdb: openLmdb,
  'better-sqlite3': openSqlite,
};

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '1000000' },
    only: { type: 'string' },
    child: { type: 'string' },
  },
});
const total = Number(values.records);

interface Result {
  name: string;
  appendPerSec: number;
  readPerSec: number;
  rssMiB: number;
  peakRssMiB: number;
}

async function measure(name: string): Promise<Result> {
  const dir = mkdtempSync(join(tmpdir(), `freshet-bench-${name}-`));
  try {
    const store = await openers[name]!(dir);
    const data = Buffer.alloc(RECORD_BYTES, 7);
    let appended = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: WRITERS }, async (_, w) => {
        const log = `stream/shard-${w % LOGS}`;
        while (appended < total) {
          const n = Math.min(BATCH, total - appended);
          appended += n;
          const now = Date.now();
          const batch: RecordInput[] = Array.from({ length: n }, (_, i) => ({
            partitionKey: `pk-${w}-${i}`,
            data,
            arrivalMs: now,
          }));
          await store.append(log, batch);
        }
      }),
    );
    const appendSec = (performance.now() - t0) / 1000;

    let read = 0;
    const t1 = performance.now();
    for (let l = 0; l < LOGS; l++) {
      for (let from = 0; ; ) {
        const n = await store.read(`stream/shard-${l}`, from, READ_BATCH);
        if (n === 0) break;
        read += n;
        from += n;
      }
    }
    const readSec = (performance.now() - t1) / 1000;
    if (read !== total) throw new Error(`${name}: read ${read} of ${total} records`);
    const rss = process.memoryUsage().rss;
    await store.close();
    return {
      name,
      appendPerSec: Math.round(total / appendSec),
      readPerSec: Math.round(read / readSec),
      rssMiB: Math.round(rss / 1024 / 1024),
      peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (values.child) {
  process.stdout.write(JSON.stringify(await measure(values.child)) + '\n');
} else {
  const names = Object.keys(openers).filter(
    (n) => (!values.only || n === values.only) && (n !== 'better-sqlite3' || sqliteAvailable()),
  );
  const rows: Result[] = [];
  for (const name of names) {
    const res = spawnSync(
      process.execPath,
      ['--import', 'tsx', import.meta.filename, '--child', name, '--records', String(total)],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: 120_000 },
    );
    if (res.status !== 0) {
      console.error(`${name}: failed (${res.status ?? res.signal})`);
      continue;
    }
    rows.push(JSON.parse(res.stdout.trim().split('\n').at(-1)!) as Result);
  }
  console.log(`${total.toLocaleString('en-US')} records of ${RECORD_BYTES} B; ${WRITERS} writers × ${LOGS} logs, batches of ${BATCH}; reads of ${READ_BATCH}`);
  console.log('| engine | appends/s (fsync, group commit) | reads/s | RSS after | peak RSS |');
  console.log('|---|---:|---:|---:|---:|');
  for (const r of rows) {
    console.log(
      `| ${r.name} | ${r.appendPerSec.toLocaleString('en-US')} | ${r.readPerSec.toLocaleString('en-US')} | ${r.rssMiB} MiB | ${r.peakRssMiB} MiB |`,
    );
  }
}
