/**
 * With sync 'always', concurrent appends share sync rounds, and past a few logs they share one fdatasync (of the
 * commit journal) instead of one per log; the other policies acknowledge at once.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createEmbeddedStorage } from '../../src/storage/embedded/index.js';
import { makeRecords, withTempDir } from './helpers.js';

describe('group commit and sync policies (embedded)', () => {
  it('concurrent appends to 32 logs share one round that fdatasyncs at most 8 segment files plus the journal', () =>
    withTempDir(async (dataDir) => {
      const e = createEmbeddedStorage({ dataDir, sync: 'always' });
      await e.open();
      for (let l = 0; l < 32; l++) await e.append(`log-${l}`, makeRecords(0, 1, 10, () => 1));
      const before = e.syncStats();
      const firsts = await Promise.all(
        Array.from({ length: 64 }, (_, i) => e.append(`log-${i % 32}`, makeRecords(0, 10, 100, () => 2))),
      );
      const after = e.syncStats();
      assert.equal(after.acknowledged - before.acknowledged, 64);
      // All 64 were issued in one turn of the event loop, so one round acknowledges them all. The first 8 logs
      // sync their own segment file; past that, appends go through the shared commit journal: 9 fdatasyncs, not 32.
      assert.equal(after.rounds - before.rounds, 1, `${after.rounds - before.rounds} rounds`);
      assert.equal(after.fsyncs - before.fsyncs, 9, `${after.fsyncs - before.fsyncs} fdatasyncs`);
      for (let l = 0; l < 32; l++) {
        assert.deepEqual(firsts.filter((_, i) => i % 32 === l).sort((a, b) => a - b), [1, 11]);
      }
      await e.close();
    }));

  it('with journalFromFiles 0, any number of logs share one fdatasync per round', () =>
    withTempDir(async (dataDir) => {
      const e = createEmbeddedStorage({ dataDir, sync: 'always', journalFromFiles: 0 });
      await e.open();
      for (let l = 0; l < 8; l++) await e.append(`log-${l}`, makeRecords(0, 1, 10, () => 1));
      const before = e.syncStats();
      await Promise.all(Array.from({ length: 64 }, (_, i) => e.append(`log-${i % 8}`, makeRecords(0, 10, 100, () => 2))));
      const after = e.syncStats();
      assert.equal(after.rounds - before.rounds, 1);
      assert.equal(after.fsyncs - before.fsyncs, 1);
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
