/**
 * Child process for recovery tests: appends `batches` × 500 records of 100 bytes (sync 'always') to each of the
 * comma-separated logs, all logs concurrently, prints `done`, then waits to be killed — so the store is left
 * exactly as a crash leaves it. Extra options come as JSON in the fourth argument.
 *
 * Usage: node --import tsx test/storage/write-then-hang.ts <dataDir> <log,log,...> <batches> [options-json]
 */
import { createEmbeddedStorage, type EmbeddedStorageOptions } from '../../src/storage/embedded/index.js';
import { makeRecords } from './helpers.js';

const [dataDir, logs, batches, extra] = process.argv.slice(2) as [string, string, string, string | undefined];
const options = JSON.parse(extra ?? '{}') as Partial<EmbeddedStorageOptions>;
const engine = createEmbeddedStorage({ ...options, dataDir, sync: 'always' });
await engine.open();
await Promise.all(
  logs.split(',').map(async (log) => {
    for (let b = 0; b < Number(batches); b++) await engine.append(log, makeRecords(b * 500, 500, 100, (i) => i));
  }),
);
process.stdout.write('done\n');
setInterval(() => {}, 60_000);
