/**
 * Child process of crash.test.ts. Until it is killed, it
 *  - appends from several concurrent writers to several logs, printing `ack <log> <first> <count> <writer> <seq>`
 *    after each append resolved;
 *  - trims the first log behind its writers, printing `trim <log> <firstPosition>` after each trim resolved;
 *  - bumps a metadata counter with compare-and-set, printing `meta <n>` after each write resolved.
 * stdout to a pipe is synchronous on Linux, so a printed line really was acknowledged before any kill.
 *
 * Usage: node --import tsx test/storage/crash-writer.ts <dataDir> <round>
 */
import { createEmbeddedStorage } from '../../src/storage/embedded/index.js';
import { CRASH_COUNTER, crashRecord, CRASH_LOGS, CRASH_OPTIONS, CRASH_WRITERS } from './crash-records.js';

const [dataDir, round] = process.argv.slice(2) as [string, string];
const engine = createEmbeddedStorage({ ...CRASH_OPTIONS, dataDir, sync: 'always' });
await engine.open();
const say = (line: string) => process.stdout.write(`${line}\n`);

async function writer(w: number): Promise<never> {
  const log = CRASH_LOGS[w % CRASH_LOGS.length]!;
  for (let seq = 0; ; seq++) {
    const count = 1 + ((seq * 7 + w * 13) % 40);
    const records = Array.from({ length: count }, (_, k) => crashRecord(`${round}.${w}`, seq, k));
    const first = await engine.append(log, records);
    say(`ack ${log} ${first} ${count} ${round}.${w} ${seq}`);
  }
}

async function trimmer(): Promise<never> {
  const log = CRASH_LOGS[0]!;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    // Keep roughly the newest half of what the log holds.
    const first = await engine.firstPosition(log);
    const next = await engine.nextPosition(log);
    const middle = (await engine.read(log, Math.floor((first + next) / 2), { limit: 1 }))[0];
    if (!middle) continue;
    await engine.trimBefore(log, middle.arrivalMs);
    say(`trim ${log} ${await engine.firstPosition(log)}`);
  }
}

async function counter(): Promise<never> {
  const current = await engine.getMeta<number>(CRASH_COUNTER);
  let revision = current?.revision ?? 0;
  for (let n = (current?.value ?? 0) + 1; ; n++) {
    revision = await engine.putMeta(CRASH_COUNTER, n, revision);
    say(`meta ${n}`);
  }
}

await Promise.all([...Array.from({ length: CRASH_WRITERS }, (_, w) => writer(w)), trimmer(), counter()]);
