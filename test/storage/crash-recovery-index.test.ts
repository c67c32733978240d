/**
 * While a segment is being written under sync 'always', its index is saved every few MiB of durable appends, so
 * that recovery after a crash scans only the rest. That saved prefix must be used correctly: records before and
 * after it all come back, and a torn tail after it is still cut off.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { appendFile, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createEmbeddedStorage } from '../../src/storage/embedded/index.js';
import { withTempDir } from './helpers.js';
import { writeThenKill } from './kill-child.js';

describe('recovery from a saved index prefix (embedded)', () => {
  it('after kill -9 mid-segment, records before and after the saved prefix are all there; a torn tail is cut', () =>
    withTempDir(async (dataDir) => {
      // 80 batches × 500 records × ~135 B on disk ≈ 5.4 MiB: past the first checkpoint (4 MiB), not the second.
      await writeThenKill(dataDir, ['p'], 80);
      const dir = join(dataDir, 'logs', 'p');
      const files = (await readdir(dir)).sort();
      const seg = join(dir, files.find((f) => f.endsWith('.seg'))!);
      const idx = join(dir, files.find((f) => f.endsWith('.idx')) ?? 'missing.idx');
      const segSize = (await stat(seg)).size;
      const idxCovers = (await readFile(idx)).readDoubleLE(24);
      assert.ok(idxCovers > 0 && idxCovers < segSize, `index covers ${idxCovers} of ${segSize} bytes`);
      await appendFile(seg, Buffer.from([200, 0, 0, 0, 9, 9, 9, 9, 1, 2, 3]));

      const e = createEmbeddedStorage({ dataDir, sync: 'always' });
      await e.open();
      assert.equal((await stat(seg)).size, segSize, 'torn tail cut');
      assert.equal(await e.nextPosition('p'), 40_000);
      let n = 0;
      for (let from = 0; ; ) {
        const got = await e.read('p', from, { limit: 7_000 });
        if (got.length === 0) break;
        for (const r of got) {
          assert.equal(r.position, n);
          assert.equal(r.partitionKey, `pk-${n}`);
          assert.equal(Buffer.from(r.data).readUInt32LE(0), n);
          n++;
        }
        from = got.at(-1)!.position + 1;
      }
      assert.equal(n, 40_000);
      assert.equal(await e.positionAtTime('p', 12_345), 12_345);
      assert.equal(await e.append('p', [{ partitionKey: 'k', data: Buffer.alloc(4), arrivalMs: 40_000 }]), 40_000);
      await e.close();
    }));
});
