/**
 * kill -9 in the middle of a concurrent append load, three times over on the same data folder: after each kill,
 * the reopened store must hold every acknowledged record, in order, intact, with no gap and no duplicate.
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
import { crashRecord, CRASH_LOGS } from './crash-records.js';

const WRITER = resolve(import.meta.dirname, 'crash-writer.ts');

interface Ack {
  log: string;
  first: number;
  count: number;
  writer: string;
  seq: number;
}

/** Runs the writer until it has printed `killAfter` acks, then SIGKILLs it; returns the acks it printed. */
function runAndKill(dataDir: string, round: number, killAfter: number): Promise<Ack[]> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dataDir, String(round)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const acks: Ack[] = [];
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const [kind, log, first, count, writer, seq] = line.split(' ');
      if (kind !== 'ack') return;
      acks.push({ log: log!, first: +first!, count: +count!, writer: writer!, seq: +seq! });
      if (acks.length === killAfter) child.kill('SIGKILL');
    });
    child.on('error', reject);
    // 'close' comes after the pipe is drained, so every line printed before the kill has been seen.
    child.on('close', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`writer exited on its own: code ${code}`));
      else resolvePromise(acks);
    });
  });
}

async function readAll(dataDir: string): Promise<Map<string, StoredRecord[]>> {
  const engine = createEmbeddedStorage({ dataDir, sync: 'always', segmentBytes: 256 * 1024 });
  await engine.open();
  try {
    const out = new Map<string, StoredRecord[]>();
    for (const log of CRASH_LOGS) {
      const all: StoredRecord[] = [];
      for (let from = 0; ; ) {
        const got = await engine.read(log, from, { limit: 10_000 });
        if (got.length === 0) break;
        // Copy: the read buffers are reused by nothing, but keep the check independent of that.
        all.push(...got.map((r) => ({ ...r, data: Buffer.from(r.data) })));
        from = got.at(-1)!.position + 1;
      }
      assert.equal(all.length, await engine.nextPosition(log), `${log}: every position up to the end is readable`);
      out.set(log, all);
    }
    return out;
  } finally {
    await engine.close();
  }
}

describe('crash safety (sync always)', () => {
  it('finds every acknowledged record after kill -9, in order, without gap or duplicate', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'freshet-crash-'));
    try {
      const acked: Ack[] = [];
      for (let round = 0; round < 3; round++) {
        acked.push(...(await runAndKill(dataDir, round, 150 + round * 97)));
        const stored = await readAll(dataDir);

        for (const [log, records] of stored) {
          const seen = new Set<string>();
          records.forEach((r, i) => {
            assert.equal(r.position, i, `${log}: dense positions`);
            assert.ok(!seen.has(r.partitionKey), `${log}: ${r.partitionKey} stored twice`);
            seen.add(r.partitionKey);
            // Every stored record, acknowledged or not, is a whole, intact record that some writer appended.
            const [writer, seq, k] = r.partitionKey.split('/') as [string, string, string];
            const want = crashRecord(writer, +seq, +k);
            assert.ok(Buffer.from(want.data).equals(Buffer.from(r.data)), `${log}@${i}: contents intact`);
          });
        }
        assert.ok(acked.length > 0);
        for (const a of acked) {
          const records = stored.get(a.log)!;
          for (let k = 0; k < a.count; k++) {
            const r = records[a.first + k];
            assert.ok(r, `${a.log}@${a.first + k} acknowledged but missing after round ${round}`);
            assert.equal(r.partitionKey, `${a.writer}/${a.seq}/${k}`);
          }
        }
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
