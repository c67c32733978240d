/** A failed fdatasync cannot be retried safely: it must fail the writes waiting on it and every later one. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { GroupCommit } from '../../src/storage/embedded/group-commit.js';
import { withTempDir } from './helpers.js';

describe('sync failure (embedded group commit)', () => {
  it('rejects the waiting writes and poisons every later commit', () =>
    withTempDir(async (dir) => {
      const commits = new GroupCommit('always');
      const good = { fd: openSync(join(dir, 'good'), 'w') };
      await commits.commit(good);
      // A descriptor that is no longer open: fdatasync fails with EBADF, as it would on an I/O error.
      const bad = { fd: openSync(join(dir, 'bad'), 'w') };
      closeSync(bad.fd);
      const waiting = [commits.commit(good), commits.commit(bad)];
      for (const w of waiting) await assert.rejects(w!, /EBADF/);
      assert.ok(commits.failed);
      await assert.rejects(commits.commit(good)!, /EBADF/);
      await assert.rejects(commits.flush(), /EBADF/);
      closeSync(good.fd);
    }));
});
