/** A rejected append assigns no positions and leaves the log (and the store) fully usable. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createEmbeddedStorage } from '../../src/storage/embedded/index.js';
import { makeRecords, withTempDir } from './helpers.js';

describe('append errors (embedded)', () => {
  it('an oversized partition key or record rejects the whole batch without using a position', () =>
    withTempDir(async (dataDir) => {
      const e = createEmbeddedStorage({ dataDir, sync: 'always' });
      await e.open();
      await e.append('a', makeRecords(0, 2, 10, () => 1));
      const tooLongKey = { partitionKey: 'k'.repeat(70_000), data: new Uint8Array(1), arrivalMs: 2 };
      await assert.rejects(e.append('a', [...makeRecords(2, 1, 10, () => 2), tooLongKey]), RangeError);
      const tooBig = { partitionKey: 'k', data: new Uint8Array(17 * 1024 * 1024), arrivalMs: 2 };
      await assert.rejects(e.append('a', [tooBig]), RangeError);
      assert.equal(await e.nextPosition('a'), 2);
      assert.equal(await e.append('a', makeRecords(2, 1, 10, () => 3)), 2);
      await e.close();

      const again = createEmbeddedStorage({ dataDir, sync: 'always' });
      await again.open();
      assert.deepEqual(
        (await again.read('a', 0, { limit: 10 })).map((r) => r.partitionKey),
        ['pk-0', 'pk-1', 'pk-2'],
      );
      await again.close();
    }));

  it('using a closed store rejects', () =>
    withTempDir(async (dataDir) => {
      const e = createEmbeddedStorage({ dataDir });
      await assert.rejects(e.append('a', makeRecords(0, 1, 10, () => 1)));
      await e.open();
      await e.close();
      await assert.rejects(e.append('a', makeRecords(0, 1, 10, () => 1)));
      await assert.rejects(e.read('a', 0, { limit: 1 }));
      await assert.rejects(e.getMeta('x'));
      await assert.rejects(e.putMeta('x', 1));
      await assert.rejects(e.deleteMeta('x'));
      await assert.rejects(e.trimBefore('a', 1));
    }));

  it('a second engine on the same data folder is refused while the first is open', () =>
    withTempDir(async (dataDir) => {
      const first = createEmbeddedStorage({ dataDir });
      await first.open();
      await assert.rejects(createEmbeddedStorage({ dataDir }).open(), /already open/);
      await first.close();
      const second = createEmbeddedStorage({ dataDir });
      await second.open();
      await second.close();
    }));
});
