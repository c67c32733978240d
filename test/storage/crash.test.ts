/**
 * kill -9 in the middle of a concurrent load (appends to 4 logs, retention trimming one of them, metadata
 * compare-and-set), three times over on the same data folder: after each kill, the reopened store must hold every
 * acknowledged record that was not trimmed, in order, intact, with no gap and no duplicate; trims and metadata
 * writes that were acknowledged must have stuck.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { createEmbeddedStorage } from '../../src/storage/embedded/index.js';
import type { StoredRecord } from '../../src/storage/engine.js';
import { CRASH_COUNTER, crashData, CRASH_LOGS, CRASH_OPTIONS } from './crash-records.js';

const WRITER = resolve(import.meta.dirname, 'crash-writer.ts');

interface Acks {
  appends: Array<{ log: string; first: number; count: number; writer: string; seq: number }>;
  /** Highest acknowledged firstPosition after a trim, per log. */
  trimmedTo: Map<string, number>;
  counter: number;
}

/** Runs the writer until it has acknowledged `killAfter` appends, then SIGKILLs it; adds what it printed to `acks`. */
function runAndKill(dataDir: string, round: number, killAfter: number, acks: Acks): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dataDir, String(round)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let appends = 0;
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const [kind, ...f] = line.split(' ');
      if (kind === 'ack') {
        acks.appends.push({ log: f[0]!, first: +f[1]!, count: +f[2]!, writer: f[3]!, seq: +f[4]! });
        if (++appends === killAfter) child.kill('SIGKILL');
      } else if (kind === 'trim') {
        acks.trimmedTo.set(f[0]!, Math.max(acks.trimmedTo.get(f[0]!) ?? 0, +f[1]!));
      } else if (kind === 'meta') {
        acks.counter = Math.max(acks.counter, +f[0]!);
      }
    });
    child.on('error', reject);
    // 'close' comes after the pipe is drained, so every line printed before the kill has been seen.
    child.on('close', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`writer exited on its own: code ${code}`));
      else resolvePromise();
    });
  });
}

interface Reopened {
  logs: Map<string, { first: number; records: StoredRecord[] }>;
  counter: number | undefined;
}

async function reopen(dataDir: string): Promise<Reopened> {
  const engine = createEmbeddedStorage({ ...CRASH_OPTIONS, dataDir, sync: 'always' });
  await engine.open();
  try {
    const logs = new Map<string, { first: number; records: StoredRecord[] }>();
    for (const log of CRASH_LOGS) {
      const first = await engine.firstPosition(log);
      const records: StoredRecord[] = [];
      for (let from = first; ; ) {
        const got = await engine.read(log, from, { limit: 10_000 });
        if (got.length === 0) break;
        records.push(...got);
        from = got.at(-1)!.position + 1;
      }
      assert.equal(first + records.length, await engine.nextPosition(log), `${log}: every position is readable`);
      logs.set(log, { first, records });
    }
    return { logs, counter: (await engine.getMeta<number>(CRASH_COUNTER))?.value };
  } finally {
    await engine.close();
  }
}

describe('crash safety (sync always)', () => {
  it('after kill -9 keeps every acknowledged record, trim and metadata write; no gap, no duplicate', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'freshet-crash-'));
    try {
      const acks: Acks = { appends: [], trimmedTo: new Map(), counter: 0 };
      for (let round = 0; round < 3; round++) {
        await runAndKill(dataDir, round, 150 + round * 97, acks);
        const stored = await reopen(dataDir);

        for (const [log, { first, records }] of stored.logs) {
          assert.ok(first >= (acks.trimmedTo.get(log) ?? 0), `${log}: an acknowledged trim was undone`);
          const seen = new Set<string>();
          records.forEach((r, i) => {
            assert.equal(r.position, first + i, `${log}: dense positions`);
            assert.ok(!seen.has(r.partitionKey), `${log}: ${r.partitionKey} stored twice`);
            seen.add(r.partitionKey);
            // Every stored record, acknowledged or not, is a whole, intact record that some writer appended.
            const [writer, seq, k] = r.partitionKey.split('/') as [string, string, string];
            assert.ok(crashData(writer, +seq, +k).equals(Buffer.from(r.data)), `${log}@${r.position}: intact`);
          });
        }
        assert.ok(acks.appends.length > 0 && acks.counter > 0 && acks.trimmedTo.size > 0, 'the load ran');
        for (const a of acks.appends) {
          const { first, records } = stored.logs.get(a.log)!;
          for (let k = 0; k < a.count; k++) {
            if (a.first + k < first) continue; // trimmed since
            const r = records[a.first + k - first];
            assert.ok(r, `${a.log}@${a.first + k} acknowledged but missing after round ${round}`);
            assert.equal(r.partitionKey, `${a.writer}/${a.seq}/${k}`);
          }
        }
        assert.ok((stored.counter ?? 0) >= acks.counter, `counter ${stored.counter} < acknowledged ${acks.counter}`);
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
