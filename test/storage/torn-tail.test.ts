/**
 * A crash can leave the end of a segment (or of the metadata journal) half written or garbled: opening must cut
 * the file back to its last whole, checksummed frame, and the engine must carry on from there.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { appendFile, open, readFile, stat, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { createEmbeddedStorage } from '../../src/storage/embedded/index.js';
import { makeRecords, segmentFiles, withTempDir } from './helpers.js';

const open_ = async (dataDir: string) => {
  const e = createEmbeddedStorage({ dataDir, sync: 'always' });
  await e.open();
  return e;
};

async function writeTen(dataDir: string): Promise<string> {
  const e = await open_(dataDir);
  await e.append('t', makeRecords(0, 10, 50, (i) => i));
  await e.putMeta('m/a', { ok: true });
  await e.close();
  const [segment] = await segmentFiles(join(dataDir, 'logs'));
  return segment!;
}

async function expectTenThenContinue(dataDir: string, segment: string, goodSize: number): Promise<void> {
  const e = await open_(dataDir);
  assert.equal((await stat(segment)).size, goodSize, 'the torn tail was cut off on open');
  assert.equal(await e.nextPosition('t'), 10);
  const got = await e.read('t', 0, { limit: 100 });
  assert.deepEqual(
    got.map((r) => r.partitionKey),
    makeRecords(0, 10, 50, (i) => i).map((r) => r.partitionKey),
  );
  assert.equal(await e.append('t', makeRecords(10, 2, 50, (i) => i)), 10);
  await e.close();

  const again = await open_(dataDir);
  assert.deepEqual(
    (await again.read('t', 8, { limit: 100 })).map((r) => r.position),
    [8, 9, 10, 11],
  );
  assert.equal((await again.read('t', 10, { limit: 1 }))[0]!.data.length, 50);
  await again.close();
}

describe('torn tails (embedded)', () => {
  it('a half-written last frame is truncated on open', () =>
    withTempDir(async (dataDir) => {
      const segment = await writeTen(dataDir);
      const goodSize = (await stat(segment)).size;
      // The first 30 bytes of a further frame: a valid-looking length prefix, then nothing.
      const frame = Buffer.alloc(30);
      frame.writeUInt32LE(70, 0);
      await appendFile(segment, frame);
      await expectTenThenContinue(dataDir, segment, goodSize);
    }));

  it('a last frame with a flipped byte (bad checksum) is truncated on open', () =>
    withTempDir(async (dataDir) => {
      const segment = await writeTen(dataDir);
      const goodSize = (await stat(segment)).size;
      const e = await open_(dataDir);
      await e.append('t', makeRecords(10, 1, 50, (i) => i));
      await e.close();
      const withEleven = (await stat(segment)).size;
      const fh = await open(segment, 'r+');
      await fh.write(Buffer.from([0x5a]), 0, 1, withEleven - 3);
      await fh.close();
      await expectTenThenContinue(dataDir, segment, goodSize);
    }));

  it('zeroes after the last frame (a file extended but never written) are truncated on open', () =>
    withTempDir(async (dataDir) => {
      const segment = await writeTen(dataDir);
      const goodSize = (await stat(segment)).size;
      await truncate(segment, goodSize + 4096);
      await expectTenThenContinue(dataDir, segment, goodSize);
    }));

  it('a torn metadata journal keeps every whole entry and accepts new writes', () =>
    withTempDir(async (dataDir) => {
      await writeTen(dataDir);
      const journal = join(dataDir, 'meta.journal');
      const good = (await readFile(journal)).length;
      await appendFile(journal, Buffer.from([40, 0, 0, 0, 1, 2, 3, 4, 123, 34]));
      const e = await open_(dataDir);
      assert.equal((await stat(journal)).size, good);
      assert.deepEqual((await e.getMeta('m/a'))?.value, { ok: true });
      await e.putMeta('m/b', 2);
      await e.close();
      const again = await open_(dataDir);
      assert.deepEqual(
        (await again.listMeta('m/')).map((x) => x.key),
        ['m/a', 'm/b'],
      );
      await again.close();
    }));
});
