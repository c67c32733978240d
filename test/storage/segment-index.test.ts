/**
 * Sealed segments save their sparse index (`.idx`) so that opening does not rescan them. The file is only a
 * cache: a damaged, missing or stale one must fall back to scanning, with identical results.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { open, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createEmbeddedStorage } from '../../src/storage/embedded/index.js';
import type { StorageEngine } from '../../src/storage/engine.js';
import { makeRecords, withTempDir } from './helpers.js';

async function openStore(dataDir: string): Promise<StorageEngine> {
  const e = createEmbeddedStorage({ dataDir, sync: 'always', segmentBytes: 16 * 1024 });
  await e.open();
  return e;
}

async function indexFiles(dataDir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(join(dataDir, 'logs'), { withFileTypes: true, recursive: true })) {
    if (entry.name.endsWith('.idx')) out.push(join(entry.parentPath, entry.name));
  }
  return out.sort();
}

async function expectAllThere(e: StorageEngine): Promise<void> {
  assert.equal(await e.nextPosition('i'), 2_000);
  const got = await e.read('i', 0, { limit: 5_000 });
  assert.deepEqual(
    got.map((r) => r.position),
    Array.from({ length: 2_000 }, (_, i) => i),
  );
  for (const i of [0, 1, 499, 1_234, 1_999]) {
    assert.equal(got[i]!.partitionKey, `pk-${i}`);
    assert.equal(Buffer.from(got[i]!.data).readUInt32LE(0), i);
    assert.equal((await e.read('i', i, { limit: 1 }))[0]!.position, i);
    assert.equal(await e.positionAtTime('i', 10 * i), i);
    assert.equal(await e.positionAtTime('i', 10 * i - 5), i);
  }
}

describe('saved segment indexes (embedded)', () => {
  it('are written for sealed segments; reopening with them, or with damaged, missing or stale ones, reads the same', () =>
    withTempDir(async (dataDir) => {
      let e = await openStore(dataDir);
      for (let b = 0; b < 100; b++) await e.append('i', makeRecords(b * 20, 20, 200, (i) => 10 * i));
      await e.close();
      const saved = await indexFiles(dataDir);
      assert.ok(saved.length > 10, `${saved.length} index files`);

      e = await openStore(dataDir);
      await expectAllThere(e);
      await e.close();

      // Damage one, delete one, replace one with another segment's (stale: wrong base and size).
      const fh = await open(saved[1]!, 'r+');
      await fh.write(Buffer.from([0xff, 0xee]), 0, 2, 40);
      await fh.close();
      await rm(saved[3]!);
      await writeFile(saved[5]!, await readFile(saved[6]!));
      await writeFile(join(dataDir, 'logs', 'i', '9999999999999999.idx'), 'orphan');

      e = await openStore(dataDir);
      await expectAllThere(e);
      await e.close();
      assert.ok(!(await indexFiles(dataDir)).some((p) => p.endsWith('9999999999999999.idx')), 'orphan removed');
    }));
});
