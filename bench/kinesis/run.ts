/**
 * `npm run bench`: Freshet, kinesalite and kinesis-local, one after the other, each a fresh child process bound to
 * 127.0.0.1, under the same workload (config.ts); prints one table with ratios and the targets' verdicts, and
 * writes everything measured to bench/results/kinesis-<time>.json.
 *
 *   npm run bench -- --only freshet,kinesalite   run a subset
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { TARGETS, WORKLOAD } from './config.js';
import { cpuTable, errorReport, resultsTable, targetsTable } from './report/table.js';
import { judgeTargets } from './report/targets.js';
import { runSuite, type ServerResult } from './server-suite.js';
import { FRESHET_ROOT, startFreshet } from './servers/freshet.js';
import { startKinesalite } from './servers/kinesalite.js';
import { startKinesisLocal } from './servers/kinesis-local.js';
import type { ServerHandle } from './servers/server-handle.js';

const SERVERS = {
  freshet: (dir: string) => startFreshet(join(dir, 'data')),
  kinesalite: (dir: string) => startKinesalite(dir),
  'kinesis-local': (dir: string) => startKinesisLocal(dir),
} satisfies Record<string, (dir: string) => Promise<ServerHandle>>;
type ServerKey = keyof typeof SERVERS;

function log(line: string): void {
  process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${line}\n`);
}

async function benchOne(key: ServerKey): Promise<ServerResult | { server: string; failed: string }> {
  const dir = await mkdtemp(join(tmpdir(), `freshet-bench-${key}-`));
  let server: ServerHandle | undefined;
  try {
    const t0 = performance.now();
    server = await SERVERS[key](dir);
    log(`${server.name} up at ${server.endpoint} (pid ${server.pid}) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    return await runSuite(server, { millionRecordRss: key === 'freshet', log: (l) => log(`${server!.name}: ${l}`) });
  } catch (err) {
    const message = (err as Error).stack ?? String(err);
    log(`${key} failed: ${message}${server ? `\nserver output:\n${server.log()}` : ''}`);
    return { server: key, failed: (err as Error).message.split('\n')[0]! };
  } finally {
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { only: { type: 'string' } } });
  const keys = (values.only ? values.only.split(',') : Object.keys(SERVERS)) as ServerKey[];
  for (const k of keys) if (!(k in SERVERS)) throw new Error(`unknown server ${k}; choose from ${Object.keys(SERVERS).join(', ')}`);

  const outcomes = [];
  for (const key of keys) outcomes.push(await benchOne(key));
  const results = outcomes.filter((o): o is ServerResult => !('failed' in o));
  const failed = outcomes.filter((o): o is { server: string; failed: string } => 'failed' in o);

  const machine = { nproc: cpus().length, cpu: cpus()[0]?.model, memoryGiB: +(totalmem() / 2 ** 30).toFixed(1), node: process.version };
  const verdicts = judgeTargets(
    results.find((r) => r.server === 'Freshet'),
    results.find((r) => r.server === 'kinesalite'),
  );
  const errors = errorReport(results);
  const out: string[] = [];
  out.push(`Machine: ${machine.nproc} × ${machine.cpu}, ${machine.memoryGiB} GiB, Node ${machine.node}`);
  out.push(`Client: HTTP/1.1 keep-alive (undici Pool) unless marked h2c; JSON 1.1; static SigV4-shaped header.`);
  out.push('');
  out.push(resultsTable(results));
  out.push('Ratios are Freshet ÷ peer: above 1 is better for throughput, below 1 is better for latency and memory.');
  out.push('');
  out.push(cpuTable(results));
  out.push('');
  if (verdicts.length) out.push(targetsTable(verdicts), '');
  for (const r of results) {
    if (r.subscribeLatency.unavailable) out.push(`${r.server}: SubscribeToShard n/a (${r.subscribeLatency.unavailable})`);
  }
  for (const f of failed) out.push(`${f.server}: NOT MEASURED, ${f.failed}`);
  out.push(errors.length ? `THIS RUN HAD ERRORS:\n${errors.map((e) => `  ${e}`).join('\n')}` : 'No request failed in any phase.');
  console.log(out.join('\n'));

  const resultsDir = join(FRESHET_ROOT, 'bench', 'results');
  await mkdir(resultsDir, { recursive: true });
  const file = join(resultsDir, `kinesis-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  await writeFile(file, JSON.stringify({ date: new Date().toISOString(), machine, workload: WORKLOAD, targets: TARGETS, verdicts, results, failed, errors }, null, 2));
  log(`results written to ${file}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
