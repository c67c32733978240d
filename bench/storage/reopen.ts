/**
 * What opening a store costs, and what it holds in memory: writes `--records` records (default 1,000,000 × 100 B)
 * over 4 logs, then measures, each in a fresh process,
 *   - open after a clean close (saved segment indexes),
 *   - open after a crash (the last segment of every log has no saved index and is scanned frame by frame),
 *   - RSS right after that open, and after reading everything back plus 1,000 positionAtTime lookups.
 *
 * Usage: node --import tsx bench/storage/reopen.ts [--records N]   (bounded: ~15 s at the default size)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createEmbeddedStorage } from '../../src/storage/embedded/index.js';

const LOGS = 4;
const { values } = parseArgs({
  options: { records: { type: 'string', default: '1000000' }, child: { type: 'string' }, dir: { type: 'string' } },
});
const total = Number(values.records);
const mib = (n: number) => Math.round(n / 1024 / 1024);

async function fill(dir: string): Promise<void> {
  const e = createEmbeddedStorage({ dataDir: dir, sync: 'none' });
  await e.open();
  const data = Buffer.alloc(100, 7);
  for (let done = 0; done < total; done += 500) {
    const n = Math.min(500, total - done);
    const t = 1_700_000_000_000 + Math.floor(done / 100);
    await e.append(`log-${(done / 500) % LOGS}`, Array.from({ length: n }, (_, i) => ({ partitionKey: `pk-${i}`, data, arrivalMs: t })));
  }
  await e.close();
}

async function openAndRead(dir: string): Promise<string> {
  const t0 = performance.now();
  const e = createEmbeddedStorage({ dataDir: dir, sync: 'always' });
  await e.open();
  const openMs = performance.now() - t0;
  const rssOpen = process.memoryUsage().rss;
  let read = 0;
  for (let l = 0; l < LOGS; l++) {
    for (let from = 0; ; ) {
      const got = await e.read(`log-${l}`, from, { limit: 10_000 });
      if (got.length === 0) break;
      read += got.length;
      from = got.at(-1)!.position + 1;
    }
  }
  for (let i = 0; i < 1_000; i++) await e.positionAtTime(`log-${i % LOGS}`, 1_700_000_000_000 + ((i * 7919) % (total / 100)));
  const rssRead = process.memoryUsage().rss;
  await e.close();
  if (read !== total) throw new Error(`read ${read} of ${total}`);
  return `open ${openMs.toFixed(0)} ms, RSS after open ${mib(rssOpen)} MiB, after reading all ${mib(rssRead)} MiB`;
}

function child(kind: string, dir: string): string {
  const res = spawnSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--child', kind, '--dir', dir, '--records', String(total)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: 120_000,
  });
  if (res.status !== 0) throw new Error(`${kind} failed`);
  return res.stdout.trim();
}

if (values.child === 'fill') await fill(values.dir!);
else if (values.child === 'open') console.log(await openAndRead(values.dir!));
else {
  const dir = mkdtempSync(join(tmpdir(), 'freshet-reopen-'));
  try {
    child('fill', dir);
    console.log(`${total.toLocaleString('en-US')} records × 100 B over ${LOGS} logs`);
    console.log(`after a clean close: ${child('open', dir)}`);
    // As after kill -9: the last segment of each log has no saved index.
    for (const log of readdirSync(join(dir, 'logs'))) {
      const idx = readdirSync(join(dir, 'logs', log)).filter((f) => f.endsWith('.idx')).sort();
      const segs = readdirSync(join(dir, 'logs', log)).filter((f) => f.endsWith('.seg')).sort();
      if (idx.at(-1)?.slice(0, 16) === segs.at(-1)?.slice(0, 16)) rmSync(join(dir, 'logs', log, idx.at(-1)!));
    }
    console.log(`after a crash:        ${child('open', dir)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
