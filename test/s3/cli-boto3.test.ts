/**
 * The embedded S3 with the AWS CLI (`aws s3 mb/cp/ls/rm/rb`, a multi-megabyte upload the CLI sends in parts) and
 * boto3 (put/get, listings with prefix and delimiter, paginators, errors).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { awsCli, boto3, startTestServer, type TestServer } from '../helpers/freshet.js';
import { boto3S3 } from './support.js';

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
    const bigBytes = randomBytes(17 * 1024 * 1024);
    await writeFile(big, bigBytes);
    await cli('s3', 'cp', small, 's3://cli-bucket/docs/hello.txt', '--only-show-errors');
    await cli('s3', 'cp', big, 's3://cli-bucket/data/big.bin', '--only-show-errors');

    const head = (await cli('s3api', 'head-object', '--bucket', 'cli-bucket', '--key', 'data/big.bin')).json();
    assert.equal(head.ContentLength, bigBytes.length);
    assert.match(head.ETag, /^"[0-9a-f]{32}-3"$/, 'three 8 MiB parts: a multipart ETag');
    assert.deepEqual(await readFile(join(server.dataDir, 's3', 'cli-bucket', 'data', 'big.bin')), bigBytes, 'stored as a plain file');

    const buckets = (await cli('s3', 'ls')).stdout;
    assert.match(buckets, /cli-bucket\n/);
    const top = (await cli('s3', 'ls', 's3://cli-bucket/')).stdout;
    assert.match(top, /PRE data\/\n/);
    assert.match(top, /PRE docs\/\n/);
    const recursive = (await cli('s3', 'ls', 's3://cli-bucket/', '--recursive')).stdout;
    assert.match(recursive, / 17825792 data\/big\.bin\n/);
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

describe('S3 with boto3', () => {
  it('puts and gets objects and lists them by prefix and delimiter, page by page', async () => {
    const out = await boto3(
      server.endpoint,
      boto3S3(server.endpoint) +
        `
s3.create_bucket(Bucket='py-bucket')
keys = ['logs/2026/11/22/00/a.gz', 'logs/2026/11/22/01/b.gz', 'logs/2026/11/23/00/c.gz', 'errors/x y+z.txt', 'readme']
for k in keys:
    s3.put_object(Bucket='py-bucket', Key=k, Body=k.encode(), ContentType='text/plain', Metadata={'source': 'boto3'})
got = s3.get_object(Bucket='py-bucket', Key='errors/x y+z.txt')
top = s3.list_objects_v2(Bucket='py-bucket', Delimiter='/')
days = s3.list_objects_v2(Bucket='py-bucket', Prefix='logs/2026/11/', Delimiter='/')
pages = [[c['Key'] for c in p.get('Contents', [])] for p in s3.get_paginator('list_objects_v2').paginate(Bucket='py-bucket', PaginationConfig={'PageSize': 2})]
v1 = s3.list_objects(Bucket='py-bucket', Prefix='logs/', Delimiter='/')
print(json.dumps({
  'body': got['Body'].read().decode(), 'type': got['ContentType'], 'meta': got['Metadata'],
  'top': [p['Prefix'] for p in top['CommonPrefixes']], 'topKeys': [c['Key'] for c in top['Contents']],
  'days': [p['Prefix'] for p in days['CommonPrefixes']],
  'pages': pages, 'v1': [p['Prefix'] for p in v1['CommonPrefixes']],
}))
`,
    );
    const r = out.json();
    assert.equal(r.body, 'errors/x y+z.txt');
    assert.equal(r.type, 'text/plain');
    assert.deepEqual(r.meta, { source: 'boto3' });
    assert.deepEqual(r.top, ['errors/', 'logs/']);
    assert.deepEqual(r.topKeys, ['readme']);
    assert.deepEqual(r.days, ['logs/2026/11/22/', 'logs/2026/11/23/']);
    assert.deepEqual(r.pages, [
      ['errors/x y+z.txt', 'logs/2026/11/22/00/a.gz'],
      ['logs/2026/11/22/01/b.gz', 'logs/2026/11/23/00/c.gz'],
      ['readme'],
    ]);
    assert.deepEqual(r.v1, ['logs/2026/']);
  });

  it('raises S3 error codes', async () => {
    const out = await boto3(
      server.endpoint,
      boto3S3(server.endpoint) +
        `
from botocore.exceptions import ClientError
codes = []
for call in [lambda: s3.get_object(Bucket='py-bucket', Key='nope'), lambda: s3.list_objects_v2(Bucket='nope-bucket'), lambda: s3.delete_bucket(Bucket='py-bucket'), lambda: s3.head_object(Bucket='py-bucket', Key='nope')]:
    try:
        call()
        codes.append(None)
    except ClientError as e:
        codes.append([e.response['Error']['Code'], e.response['ResponseMetadata']['HTTPStatusCode']])
print(json.dumps(codes))
`,
    );
    assert.deepEqual(out.json(), [
      ['NoSuchKey', 404],
      ['NoSuchBucket', 404],
      ['BucketNotEmpty', 409],
      ['404', 404],
    ]);
  });
});
