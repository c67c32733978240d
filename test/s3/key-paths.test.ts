/** Keys as plain file paths: ordinary keys unchanged, the segments a filesystem cannot hold escaped reversibly. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { keyToPath, pathToKey } from '../../src/s3/key-paths.js';

describe('key paths', () => {
  it('keeps ordinary keys as they are', () => {
    assert.equal(keyToPath('2026/11/22/03/demo-1-2026-11-22-03-00-00-uuid'), '2026/11/22/03/demo-1-2026-11-22-03-00-00-uuid');
  });

  it('round-trips folder markers, empty, dot and percent segments', () => {
    for (const key of ['folder/', 'a//b', './x', 'a/../b', '100%/done', '%2E', '%', '..']) {
      const path = keyToPath(key);
      assert.ok(!path.split('/').some((s) => s === '' || s === '.' || s === '..'), `${key} → ${path}`);
      assert.equal(pathToKey(path), key);
    }
  });
});
