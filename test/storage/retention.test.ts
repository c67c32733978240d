/** trimBefore must give disk space back (whole segment files), not just hide records. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { createEmbeddedStorage } from '../../src/storage/embedded/index.js';
import { bytesOnDisk, makeRecords, segmentFiles, withTempDir } from './helpers.js';

describe('retention (embedded)', () => {
  it('trimBefore deletes the segment files below the trim point and the space stays freed after reopen', () =>
    withTempDir(async (dataDir) => {
      const open = async () => {
        const e = createEmbeddedStorage({ dataDir, sync: 'none', segmentBytes: 64 * 1024 });
        await e.open();
        return e;
      };
      const logsDir = join(dataDir, 'logs');
      let e = await open();
      // 4,000 records of ~1 KiB, arriving at 0, 1, 2, … ms: about 4 MiB in ~64 segments.
      for (let b = 0; b < 400; b++) await e.append('r', makeRecords(b * 10, 10, 1000, (i) => i));
      const before = await bytesOnDisk(logsDir);
      const segmentsBefore = (await segmentFiles(logsDir)).length;
      assert.ok(before > 4_000_000, `wrote ${before} bytes`);
      assert.ok(segmentsBefore > 50);

      await e.trimBefore('r', 3_000);
      assert.equal(await e.firstPosition('r'), 3_000);
      const after = await bytesOnDisk(logsDir);
      // Only the segment holding the trim point may keep records below it.
      assert.ok(after < before / 4 + 2 * 64 * 1024, `${before} → ${after} bytes`);
      assert.equal((await e.read('r', 0, { limit: 1 }))[0]!.position, 3_000);
      await e.close();

      e = await open();
      assert.equal(await e.firstPosition('r'), 3_000);
      assert.equal(await e.nextPosition('r'), 4_000);
      assert.equal((await e.read('r', 0, { limit: 1 }))[0]!.partitionKey, 'pk-3000');
      // (The reopened segment may now have a small saved index beside it.)
      assert.ok((await bytesOnDisk(logsDir)) <= after + 4096, 'nothing trimmed came back');

      // Trimming everything leaves (almost) nothing on disk, yet positions continue.
      await e.trimBefore('r', 10_000);
      assert.equal(await e.firstPosition('r'), 4_000);
      assert.ok((await bytesOnDisk(logsDir)) < 1024, 'only the folder bookkeeping is left');
      assert.equal(await e.append('r', makeRecords(4_000, 1, 10, () => 20_000)), 4_000);
      await e.close();
    }));

  it('deleteLog removes the log folder', () =>
    withTempDir(async (dataDir) => {
      const e = createEmbeddedStorage({ dataDir, sync: 'none' });
      await e.open();
      await e.append('x', makeRecords(0, 100, 1000, (i) => i));
      assert.ok((await bytesOnDisk(join(dataDir, 'logs'))) > 100_000);
      await e.deleteLog('x');
      assert.equal(await bytesOnDisk(join(dataDir, 'logs')), 0);
      await e.close();
    }));

  it('reads racing a trim that deletes their segments return contiguous records from a valid position', () =>
    withTempDir(async (dataDir) => {
      const e = createEmbeddedStorage({ dataDir, sync: 'none', segmentBytes: 8 * 1024 });
      await e.open();
      for (let b = 0; b < 50; b++) await e.append('r', makeRecords(b * 20, 20, 200, (i) => i));
      const reads = Array.from({ length: 20 }, (_, k) => e.read('r', k * 10, { limit: 300 }));
      const trim = e.trimBefore('r', 600);
      const results = await Promise.all(reads);
      await trim;
      for (const got of results) {
        assert.ok(got.length > 0);
        got.forEach((r, i) => {
          assert.equal(r.position, got[0]!.position + i);
          assert.equal(r.partitionKey, `pk-${r.position}`);
        });
      }
      assert.equal((await e.read('r', 0, { limit: 1 }))[0]!.position, 600);
      await e.close();
    }));
});
