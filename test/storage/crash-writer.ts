/**
 * Child process of crash.test.ts: appends forever from several concurrent writers to several logs and prints one
 * line per acknowledged append — `ack <log> <first> <count> <writer> <seq>` — only after the append resolved.
 * (stdout to a pipe is synchronous on Linux, so a printed line really was acknowledged before any kill.)
 *
 * Usage: node --import tsx test/storage/crash-writer.ts <dataDir> <round>
 */
import { createEmbeddedStorage } from '../../src/storage/embedded/index.js';
import { crashRecord, CRASH_LOGS, CRASH_WRITERS } from './crash-records.js';

const [dataDir, round] = process.argv.slice(2) as [string, string];
const engine = createEmbeddedStorage({ dataDir, sync: 'always', segmentBytes: 256 * 1024 });
await engine.open();
process.stdout.write('ready\n');

async function writer(w: number): Promise<never> {
  const log = CRASH_LOGS[w % CRASH_LOGS.length]!;
  for (let seq = 0; ; seq++) {
    const count = 1 + ((seq * 7 + w * 13) % 40);
    const records = Array.from({ length: count }, (_, k) => crashRecord(`${round}.${w}`, seq, k));
    const first = await engine.append(log, records);
    process.stdout.write(`ack ${log} ${first} ${count} ${round}.${w} ${seq}\n`);
  }
}

await Promise.all(Array.from({ length: CRASH_WRITERS }, (_, w) => writer(w)));
