/**
 * Child process for recovery tests: appends `batches` × 500 records of 100 bytes (sync 'always') to log `log`,
 * prints `done`, then waits to be killed — so the store is left exactly as a crash leaves it.
 *
 * Usage: node --import tsx test/storage/write-then-hang.ts <dataDir> <log> <batches>
 */
import { createEmbeddedStorage } from '../../src/storage/embedded/index.js';
import { makeRecords } from './helpers.js';

const [dataDir, log, batches] = process.argv.slice(2) as [string, string, string];
const engine = createEmbeddedStorage({ dataDir, sync: 'always' });
await engine.open();
for (let b = 0; b < Number(batches); b++) await engine.append(log, makeRecords(b * 500, 500, 100, (i) => i));
process.stdout.write('done\n');
setInterval(() => {}, 60_000);
