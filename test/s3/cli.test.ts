/** The embedded S3 with the AWS CLI: `aws s3 mb/cp/ls/rm/rb`, a multi-megabyte upload the CLI sends in parts, a server-side copy. */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { awsCli, startTestServer, type TestServer } from '../helpers/freshet.js';

let server: TestServer;
let work: string;

before(async () => {
  server = await startTestServer();
  work = await mkdtemp(join(tmpdir(), 'freshet-s3-cli-'));
});
after(async () => {
  await server.stop();
  await rm(work, { recursive: true, force: true });
});

const cli = (...args: string[]) => awsCli(server.endpoint, args);

describe('S3 with the AWS CLI', () => {
  it('makes a bucket, copies files up (multipart above 8 MiB) and down, lists, removes', async () => {
    await cli('s3', 'mb', 's3://cli-bucket');
    const small = join(work, 'hello.txt');
    await writeFile(small, 'hello from the cli\n');
    const big = join(work, 'big.bin');
    const bigBytes = randomBytes(9 * 1024 * 1024);
    await writeFile(big, bigBytes);
    await cli('s3', 'cp', small, 's3://cli-bucket/docs/hello.txt', '--only-show-errors');
    await cli('s3', 'cp', big, 's3://cli-bucket/data/big.bin', '--only-show-errors');

    const head = (await cli('s3api', 'head-object', '--bucket', 'cli-bucket', '--key', 'data/big.bin')).json();
    assert.equal(head.ContentLength, bigBytes.length);
    assert.match(head.ETag, /^"[0-9a-f]{32}-2"$/, 'an 8 MiB part and the rest: a multipart ETag');
    assert.deepEqual(await readFile(join(server.dataDir, 's3', 'cli-bucket', 'data', 'big.bin')), bigBytes, 'stored as a plain file');

    const buckets = (await cli('s3', 'ls')).stdout;
    assert.match(buckets, /cli-bucket\n/);
    const top = (await cli('s3', 'ls', 's3://cli-bucket/')).stdout;
    assert.match(top, /PRE data\/\n/);
    assert.match(top, /PRE docs\/\n/);
    const recursive = (await cli('s3', 'ls', 's3://cli-bucket/', '--recursive')).stdout;
    assert.match(recursive, / 9437184 data\/big\.bin\n/);
    assert.match(recursive, / 19 docs\/hello\.txt\n/);

    const back = join(work, 'big.back');
    await cli('s3', 'cp', 's3://cli-bucket/data/big.bin', back, '--only-show-errors');
    assert.ok((await readFile(back)).equals(bigBytes), 'the download (ranged GETs) matches');

    // A large server-side copy goes part by part (UploadPartCopy).
    await cli('s3', 'cp', 's3://cli-bucket/data/big.bin', 's3://cli-bucket/copy/big.bin', '--only-show-errors');
    assert.ok((await readFile(join(server.dataDir, 's3', 'cli-bucket', 'copy', 'big.bin'))).equals(bigBytes));

    await assert.rejects(cli('s3', 'rb', 's3://cli-bucket'), /BucketNotEmpty/);
    await cli('s3', 'rm', 's3://cli-bucket', '--recursive', '--only-show-errors');
    assert.equal((await cli('s3', 'ls', 's3://cli-bucket/', '--recursive')).stdout, '');
    await cli('s3', 'rb', 's3://cli-bucket');
    await assert.rejects(cli('s3', 'ls', 's3://cli-bucket/'), /NoSuchBucket/);
  });
});
