import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmbeddedStorage } from '../../src/storage/embedded/index.js';
import { runStorageConformance } from './conformance.js';

for (const sync of ['always', 'interval', 'none'] as const) {
  runStorageConformance(`embedded (sync ${sync})`, async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'freshet-storage-'));
    // Small segments so that reads, trims and recovery cross segment boundaries.
    const make = () => createEmbeddedStorage({ dataDir, sync, syncIntervalMs: 5, segmentBytes: 4096 });
    return { engine: make(), reopen: make, dispose: () => rm(dataDir, { recursive: true, force: true }) };
  });
}
