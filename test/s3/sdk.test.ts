/** The embedded S3 through @aws-sdk/client-s3: objects, metadata, ranges, copies, deletes, multipart, listings, errors. */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsCommand,
  ListObjectsV2Command,
  ListPartsCommand,
  PutObjectCommand,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { startTestServer, type TestServer } from '../helpers/freshet.js';
import { s3Client } from './support.js';

let server: TestServer;
let s3: S3Client;
const BUCKET = 'sdk-bucket';

before(async () => {
  server = await startTestServer();
  s3 = s3Client(server.endpoint);
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
});
after(async () => {
  s3.destroy();
  await server.stop();
});

const md5 = (b: Uint8Array): string => createHash('md5').update(b).digest('hex');
const text = async (bucket: string, key: string, range?: string) =>
  (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: range }))).Body!.transformToString();

describe('S3 through SDK v3', () => {
  it('puts an object and reads back its bytes, ETag, content type and user metadata; the file is on disk as is', async () => {
    const body = Buffer.from('line-a\nline-b\n');
    const put = await s3.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: 'dir/one.txt', Body: body, ContentType: 'text/plain', Metadata: { origin: 'test', Mixed: 'Case' } }),
    );
    assert.equal(put.ETag, `"${md5(body)}"`);
    const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'dir/one.txt' }));
    assert.equal(await got.Body!.transformToString(), 'line-a\nline-b\n');
    assert.equal(got.ContentType, 'text/plain');
    assert.equal(got.ETag, `"${md5(body)}"`);
    assert.deepEqual(got.Metadata, { origin: 'test', mixed: 'Case' });
    assert.deepEqual(await readFile(join(server.dataDir, 's3', BUCKET, 'dir', 'one.txt')), body);
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'dir/one.txt' }));
    assert.equal(head.ContentLength, body.length);
    assert.equal(head.ContentType, 'text/plain');
  });

  it('stores a streamed upload (aws-chunked with a checksum trailer) without its framing', async () => {
    const content = 'streamed '.repeat(5000);
    await s3.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: 'streamed.txt', Body: Readable.from([Buffer.from(content)]), ContentLength: content.length }),
    );
    assert.equal(await text(BUCKET, 'streamed.txt'), content);
    assert.equal((await readFile(join(server.dataDir, 's3', BUCKET, 'streamed.txt'), 'utf8')).length, content.length);
    // The CRC32 arrived as a trailer after the chunks; it comes back (and the SDK validates it) on a checksum GET.
    const checked = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'streamed.txt', ChecksumMode: 'ENABLED' }));
    assert.match(checked.ChecksumCRC32 ?? '', /^[A-Za-z0-9+/]{6}==$/);
    assert.equal(await checked.Body!.transformToString(), content);
  });

  it('serves byte ranges and refuses unsatisfiable ones with InvalidRange', async () => {
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'digits', Body: '0123456789' }));
    assert.equal(await text(BUCKET, 'digits', 'bytes=2-4'), '234');
    assert.equal(await text(BUCKET, 'digits', 'bytes=7-'), '789');
    assert.equal(await text(BUCKET, 'digits', 'bytes=-3'), '789');
    const ranged = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'digits', Range: 'bytes=0-0' }));
    assert.equal(ranged.ContentRange, 'bytes 0-0/10');
    await assert.rejects(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'digits', Range: 'bytes=20-30' })), (err: any) => {
      assert.equal(err.name, 'InvalidRange');
      assert.equal(err.$metadata.httpStatusCode, 416);
      return true;
    });
  });

  it('copies objects keeping metadata (COPY) or replacing it (REPLACE), and refuses a copy onto itself', async () => {
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'source', Body: 'copy me', ContentType: 'text/x-source', Metadata: { a: '1' } }));
    const copied = await s3.send(new CopyObjectCommand({ Bucket: BUCKET, Key: 'copies/kept', CopySource: `${BUCKET}/source` }));
    assert.equal(copied.CopyObjectResult?.ETag, `"${md5(Buffer.from('copy me'))}"`);
    const kept = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'copies/kept' }));
    assert.equal(kept.ContentType, 'text/x-source');
    assert.deepEqual(kept.Metadata, { a: '1' });
    await s3.send(
      new CopyObjectCommand({ Bucket: BUCKET, Key: 'copies/replaced', CopySource: `/${BUCKET}/source`, MetadataDirective: 'REPLACE', Metadata: { b: '2' }, ContentType: 'text/plain' }),
    );
    const replaced = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'copies/replaced' }));
    assert.deepEqual(replaced.Metadata, { b: '2' });
    assert.equal(await text(BUCKET, 'copies/replaced'), 'copy me');
    await assert.rejects(s3.send(new CopyObjectCommand({ Bucket: BUCKET, Key: 'source', CopySource: `${BUCKET}/source` })), { name: 'InvalidRequest' });
  });

  it('uploads in parts with the md5-of-md5s ETag, lists parts, and aborts', async () => {
    const part1 = Buffer.alloc(5 * 1024 * 1024, 'a');
    const part2 = Buffer.from('the tail');
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: 'multi/object', ContentType: 'application/x-test' }));
    const e1 = (await s3.send(new UploadPartCommand({ Bucket: BUCKET, Key: 'multi/object', UploadId, PartNumber: 1, Body: part1 }))).ETag!;
    const e2 = (await s3.send(new UploadPartCommand({ Bucket: BUCKET, Key: 'multi/object', UploadId, PartNumber: 2, Body: part2 }))).ETag!;
    const parts = await s3.send(new ListPartsCommand({ Bucket: BUCKET, Key: 'multi/object', UploadId }));
    assert.deepEqual(
      parts.Parts?.map((p) => [p.PartNumber, p.Size, p.ETag]),
      [
        [1, part1.length, `"${md5(part1)}"`],
        [2, part2.length, `"${md5(part2)}"`],
      ],
    );
    const done = await s3.send(
      new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: 'multi/object', UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: e1 }, { PartNumber: 2, ETag: e2 }] } }),
    );
    const expected = createHash('md5').update(Buffer.concat([Buffer.from(md5(part1), 'hex'), Buffer.from(md5(part2), 'hex')])).digest('hex');
    assert.equal(done.ETag, `"${expected}-2"`);
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'multi/object' }));
    assert.equal(head.ContentLength, part1.length + part2.length);
    assert.equal(head.ContentType, 'application/x-test');
    assert.equal(await text(BUCKET, 'multi/object', `bytes=${part1.length - 2}-`), 'aathe tail');

    const aborted = await s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: 'multi/aborted' }));
    await s3.send(new AbortMultipartUploadCommand({ Bucket: BUCKET, Key: 'multi/aborted', UploadId: aborted.UploadId }));
    await assert.rejects(s3.send(new ListPartsCommand({ Bucket: BUCKET, Key: 'multi/aborted', UploadId: aborted.UploadId })), (err: any) => {
      assert.equal(err.name, 'NoSuchUpload');
      assert.equal(err.$metadata.httpStatusCode, 404);
      return true;
    });
  });

  it('refuses to complete with a small part that is not the last (EntityTooSmall) or a wrong ETag (InvalidPart)', async () => {
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: 'multi/small' }));
    const e1 = (await s3.send(new UploadPartCommand({ Bucket: BUCKET, Key: 'multi/small', UploadId, PartNumber: 1, Body: 'tiny' }))).ETag!;
    const e2 = (await s3.send(new UploadPartCommand({ Bucket: BUCKET, Key: 'multi/small', UploadId, PartNumber: 2, Body: 'tiny' }))).ETag!;
    const complete = (parts: Array<{ PartNumber: number; ETag: string }>) =>
      s3.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: 'multi/small', UploadId, MultipartUpload: { Parts: parts } }));
    await assert.rejects(complete([{ PartNumber: 1, ETag: e1 }, { PartNumber: 2, ETag: e2 }]), { name: 'EntityTooSmall' });
    await assert.rejects(complete([{ PartNumber: 1, ETag: '"0123"' }]), { name: 'InvalidPart' });
  });

  it('lists with prefix, delimiter and continuation tokens (v2) and markers (v1)', async () => {
    const bucket = 'listing';
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    const keys = ['2026/11/21/22/a', '2026/11/21/23/b', '2026/11/22/00/c', 'errors/x', 'top'];
    for (const Key of keys) await s3.send(new PutObjectCommand({ Bucket: bucket, Key, Body: Key }));
    const root = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Delimiter: '/' }));
    assert.deepEqual(root.CommonPrefixes?.map((p) => p.Prefix), ['2026/', 'errors/']);
    assert.deepEqual(root.Contents?.map((c) => c.Key), ['top']);
    assert.equal(root.KeyCount, 3);
    const days = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: '2026/11/', Delimiter: '/' }));
    assert.deepEqual(days.CommonPrefixes?.map((p) => p.Prefix), ['2026/11/21/', '2026/11/22/']);
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, MaxKeys: 2, ContinuationToken: token }));
      assert.ok((page.Contents?.length ?? 0) <= 2);
      seen.push(...(page.Contents ?? []).map((c) => c.Key!));
      token = page.NextContinuationToken;
    } while (token);
    assert.deepEqual(seen, keys);
    const v1 = await s3.send(new ListObjectsCommand({ Bucket: bucket, Prefix: '2026/', Marker: '2026/11/21/22/a' }));
    assert.deepEqual(v1.Contents?.map((c) => [c.Key, c.Size]), [
      ['2026/11/21/23/b', 15],
      ['2026/11/22/00/c', 15],
    ]);
    await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys.map((Key) => ({ Key })) } }));
    assert.equal((await s3.send(new ListObjectsV2Command({ Bucket: bucket }))).KeyCount, 0);
    await s3.send(new DeleteBucketCommand({ Bucket: bucket }));
  });

  it('answers S3 errors: NoSuchKey, NoSuchBucket, BucketNotEmpty, HEAD 404, BucketAlreadyOwnedByYou outside us-east-1, BadDigest', async () => {
    await assert.rejects(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'missing' })), (err: any) => {
      assert.equal(err.name, 'NoSuchKey');
      assert.equal(err.$metadata.httpStatusCode, 404);
      assert.equal(err.message, 'The specified key does not exist.');
      return true;
    });
    await assert.rejects(s3.send(new PutObjectCommand({ Bucket: 'no-such-bucket', Key: 'k', Body: 'x' })), { name: 'NoSuchBucket' });
    await assert.rejects(s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'missing' })), (err: any) => err.$metadata.httpStatusCode === 404 && err.name === 'NotFound');
    await assert.rejects(s3.send(new HeadBucketCommand({ Bucket: 'no-such-bucket' })), (err: any) => err.$metadata.httpStatusCode === 404);
    await assert.rejects(s3.send(new DeleteBucketCommand({ Bucket: BUCKET })), (err: any) => err.name === 'BucketNotEmpty' && err.$metadata.httpStatusCode === 409);
    await assert.rejects(s3.send(new CreateBucketCommand({ Bucket: 'Not_Valid' })), { name: 'InvalidBucketName' });
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    const eu = s3Client(server.endpoint, 'eu-west-1');
    try {
      await assert.rejects(
        eu.send(new CreateBucketCommand({ Bucket: BUCKET, CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } })),
        (err: any) => err.name === 'BucketAlreadyOwnedByYou' && err.$metadata.httpStatusCode === 409,
      );
    } finally {
      eu.destroy();
    }
    await assert.rejects(s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'digest', Body: 'abc', ContentMD5: Buffer.alloc(16).toString('base64') })), (err: any) => {
      assert.equal(err.name, 'BadDigest');
      assert.equal(err.$metadata.httpStatusCode, 400);
      return true;
    });
    await assert.rejects(s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'digest' })), (err: any) => err.$metadata.httpStatusCode === 404, 'nothing stored');
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'digest', Body: 'abc', ContentMD5: createHash('md5').update('abc').digest('base64') }));
    await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'missing' }));
    const buckets = await s3.send(new ListBucketsCommand({}));
    assert.ok(buckets.Buckets?.some((b) => b.Name === BUCKET));
  });
});
