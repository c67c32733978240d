/** The in-process object store other services use: plain files both ways, atomic writes, listings. */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { createObjectStore, S3Error, type ObjectStore } from '../../src/s3/index.js';

let dataDir: string;
let store: ObjectStore;

before(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'freshet-store-'));
  store = createObjectStore(dataDir);
  await store.createBucket('reference');
});
after(() => rm(dataDir, { recursive: true, force: true }));

describe('object store in-process', () => {
  it('writes from bytes or streams and reads back bytes, headers and ETag', async () => {
    const info = await store.putObject('reference', 'tickers/companies.csv', 'Ticker,Company\nAMZN,Amazon\n', { contentType: 'text/csv', metadata: { owner: 'analytics' } });
    assert.equal(info.etag, `"${createHash('md5').update('Ticker,Company\nAMZN,Amazon\n').digest('hex')}"`);
    const { body, info: read } = await store.getObject('reference', 'tickers/companies.csv');
    assert.equal(body.toString(), 'Ticker,Company\nAMZN,Amazon\n');
    assert.equal(read.contentType, 'text/csv');
    assert.deepEqual(read.metadata, { owner: 'analytics' });
    await store.putObject('reference', 'streamed', Readable.from([Buffer.from('a'), Buffer.from('b')]));
    assert.equal((await store.getObject('reference', 'streamed')).body.toString(), 'ab');
    assert.deepEqual(await readdir(join(dataDir, 's3', '.tmp')), [], 'no temporary files left behind');
  });

  it('sees a file another tool drops into the bucket folder as an object', async () => {
    await mkdir(join(dataDir, 's3', 'reference', 'dropped'), { recursive: true });
    await writeFile(join(dataDir, 's3', 'reference', 'dropped', 'by-hand.json'), '{"x":1}');
    const head = await store.headObject('reference', 'dropped/by-hand.json');
    assert.equal(head.size, 7);
    assert.equal(head.etag, `"${createHash('md5').update('{"x":1}').digest('hex')}"`);
    const listed = await store.listObjects('reference', { prefix: 'dropped/', maxKeys: 10 });
    assert.deepEqual(listed.contents.map((o) => o.key), ['dropped/by-hand.json']);
  });

  it('removes the folders a delete leaves empty and throws S3 errors', async () => {
    await store.putObject('reference', 'deep/a/b/c', 'x');
    await store.deleteObject('reference', 'deep/a/b/c');
    assert.ok(!(await readdir(join(dataDir, 's3', 'reference'))).includes('deep'));
    await assert.rejects(store.getObject('reference', 'nothing'), (err: unknown) => err instanceof S3Error && err.code === 'NoSuchKey' && err.status === 404);
    await assert.rejects(store.getObject('other', 'k'), (err: unknown) => err instanceof S3Error && err.code === 'NoSuchBucket');
  });
});
