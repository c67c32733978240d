/** The metadata journal is compacted as it grows, without losing values or reusing revisions. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createEmbeddedStorage } from '../../src/storage/embedded/index.js';
import { withTempDir } from './helpers.js';

describe('metadata journal (embedded)', () => {
  it('compacts while running: the file stays near the live size; values and revisions survive reopen', () =>
    withTempDir(async (dataDir) => {
      const journal = join(dataDir, 'meta.journal');
      let e = createEmbeddedStorage({ dataDir, sync: 'none' });
      await e.open();
      await e.putMeta('', 'the empty key is a key like any other');
      await e.putMeta('gone', 1);
      await e.deleteMeta('gone');
      const blob = 'x'.repeat(10_000);
      let last = 0;
      // 600 × 10 KB rewrites of two keys: 6 MB written, 20 KB live.
      for (let i = 0; i < 300; i++) {
        await e.putMeta('checkpoint/a', { i, blob });
        last = await e.putMeta('checkpoint/b', { i, blob });
      }
      const size = (await stat(journal)).size;
      assert.ok(size < 2_100_000, `journal is ${size} bytes`);
      await e.close();

      e = createEmbeddedStorage({ dataDir, sync: 'none' });
      await e.open();
      assert.equal((await e.getMeta('checkpoint/b'))?.revision, last);
      assert.deepEqual((await e.getMeta<{ i: number }>('checkpoint/a'))?.value.i, 299);
      assert.equal((await e.getMeta(''))?.value, 'the empty key is a key like any other');
      assert.equal(await e.getMeta('gone'), undefined);
      assert.ok((await e.putMeta('gone', 2, 0)) > last, 'no revision is handed out twice');
      await e.close();
    }));
});
