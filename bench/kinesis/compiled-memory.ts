/**
 * Memory of the compiled Freshet build: idle, then after WORKLOAD.storedRecordsForRss records stored with the
 * same PutRecords load as the main suite. No other phase runs, so it takes seconds.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { STREAMS, WORKLOAD } from './config.js';
import { createRawHttp1Transport } from './client/raw-http1-transport.js';
import { compileFreshet } from './servers/freshet-compiled.js';
import { startFreshet } from './servers/freshet.js';
import { rssMiB } from './servers/proc-stats.js';
import { loadRecords } from './workloads/load-records.js';
import { createActiveStream } from './workloads/stream-setup.js';

export interface CompiledMemory {
  idleRssMiB: number;
  storedRecords: number;
  rssMiB: number;
  errors: number;
}

export async function compiledFreshetMemory(log: (line: string) => void): Promise<CompiledMemory> {
  const entry = await compileFreshet(log);
  const dir = await mkdtemp(join(tmpdir(), 'freshet-bench-compiled-'));
  const server = await startFreshet(join(dir, 'data'), undefined, [entry]);
  const h1 = createRawHttp1Transport(server.endpoint, WORKLOAD.writers);
  try {
    await new Promise((r) => setTimeout(r, 1000));
    const idleRssMiB = rssMiB(server.pid);
    const stream = await createActiveStream(h1, STREAMS.read, WORKLOAD.shardCount);
    const w = WORKLOAD;
    const load = await loadRecords(h1, server.pid, stream.name, 0, w.storedRecordsForRss, w.putRecordsBatch, w.writers, w.loadCapSeconds);
    await new Promise((r) => setTimeout(r, 1000));
    const result = { idleRssMiB, storedRecords: load.records, rssMiB: rssMiB(server.pid), errors: load.errors };
    log(`${server.name}: idle RSS ${idleRssMiB.toFixed(0)} MiB; after ${load.records} records ${result.rssMiB.toFixed(0)} MiB`);
    return result;
  } finally {
    await h1.close();
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
