/**
 * Group commit with many logs (sync 'always'): one writer per log (at least 8), appends of 100 × 100 B, 200,000
 * records in all, for 4, 64 and 256 logs. A sync round fdatasyncs up to 8 segment files plus the shared commit
 * journal, on libuv's threadpool (4 threads unless UV_THREADPOOL_SIZE is set when the process starts): compare
 *
 *   node --import tsx bench/storage/many-logs.ts
 *   UV_THREADPOOL_SIZE=64 node --import tsx bench/storage/many-logs.ts
 *
 * (bounded: well under a minute.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmbeddedStorage } from '../../src/storage/embedded/index.js';

const TOTAL = 200_000;
const BATCH = 100;

for (const logs of [4, 64, 256]) {
  const dir = mkdtempSync(join(tmpdir(), 'freshet-many-logs-'));
  try {
    const e = createEmbeddedStorage({ dataDir: dir, sync: 'always' });
    await e.open();
    const data = Buffer.alloc(100, 7);
    const writers = Math.max(8, logs);
    const perWriter = Math.ceil(TOTAL / writers / BATCH);
    const latencies: number[] = [];
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        for (let i = 0; i < perWriter; i++) {
          const t = performance.now();
          await e.append(`log-${w % logs}`, Array.from({ length: BATCH }, () => ({ partitionKey: 'k', data, arrivalMs: 1 })));
          latencies.push(performance.now() - t);
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    latencies.sort((a, b) => a - b);
    const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))]!.toFixed(1);
    const s = e.syncStats();
    console.log(
      `${logs} logs: ${Math.round((writers * perWriter * BATCH) / seconds).toLocaleString('en-US')} records/s, ` +
        `append p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, ${s.rounds} sync rounds of ${(s.fsyncs / s.rounds).toFixed(0)} fdatasyncs`,
    );
    await e.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
