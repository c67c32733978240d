/**
 * `npm run bench`: Freshet, kinesalite and kinesis-local, one after the other, each a fresh child process bound to
 * 127.0.0.1, under the same workload (config.ts); prints one table with ratios and the targets' verdicts, and
 * writes everything measured to bench/results/kinesis-<time>.json.
 *
 *   npm run bench -- --only freshet,kinesalite   run a subset (freshet-tsx: Freshet under tsx, not run by default)
 *
 * Freshet runs from its compiled build (dist/cli/main.js, rebuilt with `npm run build` first when stale), as
 * `npx freshet serve` runs it.
 *   npm run bench -- --client undici             drive HTTP/1.1 with undici instead of the raw client
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { TARGETS, WORKLOAD } from './config.js';
import { cpuTable, errorReport, resultsTable, targetsTable } from './report/table.js';
import { compiledRssVerdict, judgeTargets } from './report/targets.js';
import { runSuite, type ServerResult } from './server-suite.js';
import { FRESHET_ROOT, startFreshet } from './servers/freshet.js';
import { compileFreshet } from './servers/freshet-compiled.js';
import { startKinesalite } from './servers/kinesalite.js';
import { startKinesisLocal } from './servers/kinesis-local.js';
import { stopAllServers, type ServerHandle } from './servers/server-handle.js';
import { compiledFreshetMemory, type CompiledMemory } from './compiled-memory.js';

/** The compiled entry point (dist/cli/main.js), built once per run if stale. */
let compiledEntry: Promise<string> | undefined;
const compiled = (): Promise<string> => (compiledEntry ??= compileFreshet(log));

const SERVERS = {
  freshet: async (dir: string) => startFreshet(join(dir, 'data'), undefined, [await compiled()]),
  'freshet-sync-none': async (dir: string) => startFreshet(join(dir, 'data'), 'none', [await compiled()]),
  // Opt-in (--only freshet-tsx): the same server run from the sources under tsx, as in a checkout.
  'freshet-tsx': (dir: string) => startFreshet(join(dir, 'data'), undefined, undefined, '(tsx)'),
  kinesalite: (dir: string) => startKinesalite(dir),
  'kinesis-local': (dir: string) => startKinesisLocal(dir),
} satisfies Record<string, (dir: string) => Promise<ServerHandle>>;
type ServerKey = keyof typeof SERVERS;

function log(line: string): void {
  process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${line}\n`);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping the servers`);
    void stopAllServers().finally(() => process.exit(130));
  });
}

/** The 1-minute load average of the machine: other work on it skews every figure. */
const load1 = (): number => +loadavg()[0]!.toFixed(2);

type Outcome = (ServerResult & { loadAverage: [number, number] }) | { server: string; failed: string };

async function benchOne(key: ServerKey, http1Client: 'raw' | 'undici'): Promise<Outcome> {
  const dir = await mkdtemp(join(tmpdir(), `freshet-bench-${key}-`));
  let server: ServerHandle | undefined;
  let watchdog: NodeJS.Timeout | undefined;
  try {
    const t0 = performance.now();
    const loadBefore = load1();
    server = await SERVERS[key](dir);
    log(`${server.name} up at ${server.endpoint} (pid ${server.pid}) in ${((performance.now() - t0) / 1000).toFixed(1)} s; load average ${loadBefore}`);
    // A hung server must not hang the benchmark: stopping it fails its in-flight requests and so the suite.
    const stoppable = server;
    watchdog = setTimeout(() => {
      log(`${stoppable.name}: over the ${WORKLOAD.serverBudgetSeconds} s budget, stopping it`);
      void stoppable.stop();
    }, WORKLOAD.serverBudgetSeconds * 1000);
    const result = await runSuite(server, {
      // The --sync none variant only shows what fsync costs; memory and HTTP/2 are read on the default.
      millionRecordRss: key === 'freshet',
      http2Variants: key === 'freshet',
      loadCapSeconds: key === 'kinesis-local' ? WORKLOAD.slowPeerLoadCapSeconds : WORKLOAD.loadCapSeconds,
      http1Client,
      log: (l) => log(`${stoppable.name}: ${l}`),
    });
    return { ...result, loadAverage: [loadBefore, load1()] };
  } catch (err) {
    const message = (err as Error).stack ?? String(err);
    log(`${key} failed: ${message}${server ? `\nserver output:\n${server.log()}` : ''}`);
    return { server: key, failed: (err as Error).message.split('\n')[0]! };
  } finally {
    clearTimeout(watchdog);
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { only: { type: 'string' }, client: { type: 'string', default: 'raw' } } });
  if (values.client !== 'raw' && values.client !== 'undici') throw new Error('--client is raw or undici');
  const http1Client = values.client;
  const keys = (values.only ? values.only.split(',') : Object.keys(SERVERS).filter((k) => k !== 'freshet-tsx')) as ServerKey[];
  for (const k of keys) if (!(k in SERVERS)) throw new Error(`unknown server ${k}; choose from ${Object.keys(SERVERS).join(', ')}`);

  const outcomes: Outcome[] = [];
  for (const key of keys) outcomes.push(await benchOne(key, http1Client));
  let compiled: CompiledMemory | undefined;
  if (keys.includes('freshet')) {
    try {
      compiled = await compiledFreshetMemory(log);
    } catch (err) {
      log(`compiled Freshet memory check failed: ${(err as Error).message}`);
    }
  }
  const results = outcomes.filter((o): o is ServerResult & { loadAverage: [number, number] } => !('failed' in o));
  const failed = outcomes.filter((o): o is { server: string; failed: string } => 'failed' in o);

  const machine = { nproc: cpus().length, cpu: cpus()[0]?.model, memoryGiB: +(totalmem() / 2 ** 30).toFixed(1), node: process.version };
  const kinesalite = results.find((r) => r.server === 'kinesalite');
  const verdicts = results.filter((r) => r.server.startsWith('Freshet')).map((r) => ({ server: r.server, verdicts: judgeTargets(r, kinesalite) }));
  const main = verdicts.find((v) => v.server === 'Freshet');
  if (main && compiled) main.verdicts.push(compiledRssVerdict(compiled));
  const errors = errorReport(results);
  const out: string[] = [];
  out.push(`Machine: ${machine.nproc} × ${machine.cpu}, ${machine.memoryGiB} GiB, Node ${machine.node}`);
  const clientName = http1Client === 'raw' ? 'raw keep-alive sockets (bench/kinesis/client/raw-http1-transport.ts)' : 'undici Pool';
  out.push(`Client: HTTP/1.1 on ${clientName} unless marked h2c (node:http2); JSON 1.1; one static SigV4-shaped header.`);
  out.push('');
  out.push(resultsTable(results));
  out.push('Ratios are Freshet ÷ peer: above 1 is better for throughput, below 1 is better for latency and memory.');
  out.push('');
  out.push(cpuTable(results));
  out.push('');
  for (const v of verdicts) out.push(`Targets, ${v.server}:`, '', targetsTable(v.verdicts), '');
  for (const r of results) {
    if (r.subscribeLatency.unavailable) out.push(`${r.server}: SubscribeToShard n/a (${r.subscribeLatency.unavailable})`);
  }
  for (const f of failed) out.push(`${f.server}: NOT MEASURED, ${f.failed}`);
  if (compiled) {
    out.push(
      `Freshet compiled (node cli/main.js, no tsx): idle RSS ${compiled.idleRssMiB.toFixed(0)} MiB, ` +
        `${compiled.rssMiB.toFixed(0)} MiB after ${compiled.storedRecords.toLocaleString('en-US')} records${compiled.errors ? ` (${compiled.errors} errors)` : ''}`,
    );
  }
  out.push(`Machine load average (1 min) before/after each server: ${results.map((r) => `${r.server} ${r.loadAverage.join('/')}`).join(', ')}`);
  out.push(errors.length ? `THIS RUN HAD ERRORS:\n${errors.map((e) => `  ${e}`).join('\n')}` : 'No request failed in any phase.');
  console.log(out.join('\n'));

  const resultsDir = join(FRESHET_ROOT, 'bench', 'results');
  await mkdir(resultsDir, { recursive: true });
  const file = join(resultsDir, `kinesis-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  await writeFile(file, JSON.stringify({ date: new Date().toISOString(), machine, http1Client, compiled, workload: WORKLOAD, targets: TARGETS, verdicts, results, failed, errors }, null, 2));
  log(`results written to ${file}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
