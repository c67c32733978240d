/** Access keys from `--access-key ID:SECRET[:ACCOUNT]` and `--auth-keys FILE`. */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadAccessKeyFile, parseAccessKeySpec } from '../../src/server/access-keys.js';

describe('access keys', () => {
  it('parses ID:SECRET and ID:SECRET:ACCOUNT, refusing malformed specs', () => {
    assert.deepEqual(parseAccessKeySpec('AKID:secret'), { accessKeyId: 'AKID', secretAccessKey: 'secret', accountId: undefined });
    assert.deepEqual(parseAccessKeySpec('AKID:secret:123456789012'), { accessKeyId: 'AKID', secretAccessKey: 'secret', accountId: '123456789012' });
    assert.throws(() => parseAccessKeySpec('AKID'), /ID:SECRET/);
    assert.throws(() => parseAccessKeySpec('AKID:secret:123'), /12 digits/);
    assert.throws(() => parseAccessKeySpec(':secret'), /ID:SECRET/);
  });

  it('loads a JSON key file and names the bad entry when it is wrong', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'freshet-keys-'));
    try {
      const good = join(dir, 'keys.json');
      await writeFile(good, JSON.stringify([{ accessKeyId: 'A', secretAccessKey: 'S', accountId: '111122223333' }, { accessKeyId: 'B', secretAccessKey: 'T' }]));
      assert.deepEqual(await loadAccessKeyFile(good), [
        { accessKeyId: 'A', secretAccessKey: 'S', accountId: '111122223333' },
        { accessKeyId: 'B', secretAccessKey: 'T', accountId: undefined },
      ]);
      const bad = join(dir, 'bad.json');
      await writeFile(bad, JSON.stringify([{ accessKeyId: 'A', secretAccessKey: 'S' }, { accessKeyId: 'B' }]));
      await assert.rejects(loadAccessKeyFile(bad), /entry 1 needs string "accessKeyId" and "secretAccessKey"/);
      await writeFile(bad, '{"not":"an array"}');
      await assert.rejects(loadAccessKeyFile(bad), /expected a JSON array/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
