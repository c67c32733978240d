/** What a crash between two steps can leave behind is cleaned up on open, and the store works normally after. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createEmbeddedStorage } from '../../src/storage/embedded/index.js';
import { makeRecords, withTempDir } from './helpers.js';

describe('leftovers of interrupted operations (embedded)', () => {
  it('half-deleted and half-created logs and temporary files are removed on open', () =>
    withTempDir(async (dataDir) => {
      const e = createEmbeddedStorage({ dataDir, sync: 'always' });
      await e.open();
      await e.append('kept', makeRecords(0, 3, 10, () => 1));
      await e.close();
      const logs = join(dataDir, 'logs');
      // A deleteLog interrupted after its rename; a log creation interrupted before its LOG file was written;
      // a trim point replacement interrupted before its rename.
      await mkdir(join(logs, '.deleting-1-2-3'));
      await writeFile(join(logs, '.deleting-1-2-3', '0000000000000000.seg'), 'x');
      await mkdir(join(logs, 'half-made'));
      await writeFile(join(logs, 'half-made', '0000000000000000.seg'), '');
      await writeFile(join(logs, 'kept', 'TRIM.tmp'), '2');

      const again = createEmbeddedStorage({ dataDir, sync: 'always' });
      await again.open();
      assert.deepEqual((await readdir(logs)).sort(), ['kept']);
      assert.ok(!(await readdir(join(logs, 'kept'))).includes('TRIM.tmp'));
      assert.equal(await again.firstPosition('kept'), 0, 'an unfinished trim did not happen');
      assert.equal((await again.read('kept', 0, { limit: 10 })).length, 3);
      assert.equal(await again.append('half-made', makeRecords(0, 1, 10, () => 1)), 0);
      await again.close();
    }));
});
