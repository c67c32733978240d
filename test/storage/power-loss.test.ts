/**
 * Under sync 'always', appends that went through the shared commit journal are durable there even while their
 * segment files are not yet synced. A machine crash can therefore leave segment files short, torn or with holes of zeros:
 * replaying the journal on open must bring every acknowledged record back. (Simulated: the writer is killed, then
 * its unsynced segment files are damaged the way lost page-cache writes would leave them.)
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { open, readdir, stat, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { createEmbeddedStorage } from '../../src/storage/embedded/index.js';
import { segmentFiles, withTempDir } from './helpers.js';
import { writeThenKill } from './kill-child.js';

const LOGS = ['a', 'b', 'c', 'd'];
/**
 * Every append through the journal and no checkpoint during the run: the journal holds every append, so every
 * segment byte may count as unsynced.
 */
const ALL_IN_JOURNAL = { journalFromFiles: 0, journalCheckpointBytes: 1024 ** 3 };

async function journalBytes(dataDir: string): Promise<number> {
  let n = 0;
  for (const f of await readdir(join(dataDir, 'journal'))) n += (await stat(join(dataDir, 'journal', f))).size;
  return n;
}

describe('power loss (embedded, sync always)', () => {
  it('replays the commit journal into short, torn and zero-filled segment files', () =>
    withTempDir(async (dataDir) => {
      await writeThenKill(dataDir, LOGS, 6, ALL_IN_JOURNAL);
      assert.ok((await journalBytes(dataDir)) > 4 * 3_000 * 100, 'the journal holds the appends');

      const [a, b, c] = await Promise.all(LOGS.slice(0, 3).map(async (l) => (await segmentFiles(join(dataDir, 'logs', l)))[0]!));
      const size = (await stat(a!)).size;
      await truncate(a!, 0); // nothing reached the disk
      await truncate(b!, Math.floor(size / 2) + 3); // cut mid-frame
      const fh = await open(c!, 'r+'); // a hole of zeros in the middle, size intact
      await fh.write(Buffer.alloc(50_000), 0, 50_000, 100_000);
      await fh.close();
      // (d is left whole: replaying what is already there must change nothing.)

      for (const sync of ['always', 'none'] as const) {
        const e = createEmbeddedStorage({ dataDir, sync });
        await e.open();
        for (const log of LOGS) {
          assert.equal(await e.nextPosition(log), 3_000, log);
          const got = await e.read(log, 0, { limit: 5_000 });
          assert.equal(got.length, 3_000, log);
          got.forEach((r, i) => {
            assert.equal(r.partitionKey, `pk-${i}`, `${log}@${i}`);
            assert.equal(Buffer.from(r.data).readUInt32LE(0), i, `${log}@${i}`);
          });
        }
        await e.close();
        assert.equal(await journalBytes(dataDir), 0, 'a clean close leaves no journal');
      }
    }));

  it('checkpoints sync the segments and delete old journal generations as the journal grows', () =>
    withTempDir(async (dataDir) => {
      const checkpoint = 64 * 1024;
      const e = createEmbeddedStorage({ dataDir, sync: 'always', journalFromFiles: 0, journalCheckpointBytes: checkpoint });
      await e.open();
      const data = Buffer.alloc(100, 1);
      for (let b = 0; b < 100; b++) {
        await Promise.all(LOGS.map((log) => e.append(log, Array.from({ length: 50 }, () => ({ partitionKey: 'k', data, arrivalMs: b })))));
      }
      // ~2.6 MB went through the journal; only the newest generations may remain.
      assert.ok((await journalBytes(dataDir)) <= 4 * checkpoint, `${await journalBytes(dataDir)} bytes of journal`);
      for (const log of LOGS) assert.equal((await e.read(log, 0, { limit: 10_000 })).length, 5_000);
      await e.close();
      assert.equal(await journalBytes(dataDir), 0);
    }));
});
