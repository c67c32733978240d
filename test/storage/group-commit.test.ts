/** With sync 'always', concurrent appends to many logs share fdatasync rounds instead of one sync each; the other policies acknowledge at once. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createEmbeddedStorage } from '../../src/storage/embedded/index.js';
import { makeRecords, withTempDir } from './helpers.js';

describe('group commit and sync policies (embedded)', () => {
  it('64 concurrent appends over 8 logs are acknowledged by a few sync rounds', () =>
    withTempDir(async (dataDir) => {
      const e = createEmbeddedStorage({ dataDir, sync: 'always' });
      await e.open();
      for (let l = 0; l < 8; l++) await e.append(`log-${l}`, makeRecords(0, 1, 10, () => 1));
      const before = e.syncStats();
      const firsts = await Promise.all(
        Array.from({ length: 64 }, (_, i) => e.append(`log-${i % 8}`, makeRecords(0, 10, 100, () => 2))),
      );
      const after = e.syncStats();
      assert.equal(after.acknowledged - before.acknowledged, 64);
      // All 64 were issued in one turn of the event loop, so one round syncs all 8 files.
      assert.ok(after.rounds - before.rounds <= 2, `${after.rounds - before.rounds} rounds`);
      assert.ok(after.fsyncs - before.fsyncs <= 16, `${after.fsyncs - before.fsyncs} fdatasyncs`);
      for (let l = 0; l < 8; l++) {
        const mine = firsts.filter((_, i) => i % 8 === l).sort((a, b) => a - b);
        assert.deepEqual(mine, [1, 11, 21, 31, 41, 51, 61, 71]);
      }
      await e.close();
    }));

  it('with sync none nothing waits for a sync', () =>
    withTempDir(async (dataDir) => {
      const e = createEmbeddedStorage({ dataDir, sync: 'none' });
      await e.open();
      await Promise.all(Array.from({ length: 10 }, () => e.append('a', makeRecords(0, 5, 100, () => 1))));
      assert.equal(e.syncStats().acknowledged, 0);
      assert.equal((await e.read('a', 0, { limit: 100 })).length, 50);
      await e.close();
    }));

  it('with sync interval appends are acknowledged at once and a timer syncs them later', () =>
    withTempDir(async (dataDir) => {
      const e = createEmbeddedStorage({ dataDir, sync: 'interval', syncIntervalMs: 10 });
      await e.open();
      const before = e.syncStats();
      await e.append('a', makeRecords(0, 5, 100, () => 1));
      assert.equal(e.syncStats().acknowledged, 0, 'nobody waited for a sync');
      // Wait (bounded) for the timer's round: it syncs the file the append dirtied.
      for (let i = 0; i < 500 && e.syncStats().fsyncs === before.fsyncs; i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      assert.ok(e.syncStats().fsyncs > before.fsyncs, 'the interval timer synced the log');
      await e.close();
    }));
});
