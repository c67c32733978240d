/**
 * Where objects go: a bucket routed to a plain local folder (Freshet's local-folder destination), a bucket routed
 * to another S3-compatible endpoint through @aws-sdk/client-s3, and PutRecordBatch's per-record failures when a
 * stream's record rate is exceeded.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateDeliveryStreamCommand, PutRecordBatchCommand, PutRecordCommand, type FirehoseClient } from '@aws-sdk/client-firehose';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { TEST_CREDENTIALS, type TestServer } from '../helpers/freshet.js';
import { eventually, firehoseClient, s3Destination, startFirehoseServer, waitActive, waitObjects } from './support.js';

async function filesUnder(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  } catch {
    return [];
  }
}

describe('bucket routes and record limits', () => {
  let folder: string;
  let remote: TestServer;
  let server: TestServer;
  let client: FirehoseClient;

  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'freshet-firehose-folder-'));
    remote = await startFirehoseServer();
    // Another S3 service: its bucket must exist, as on AWS.
    const s3 = new S3Client({ endpoint: remote.endpoint, region: 'us-east-1', credentials: TEST_CREDENTIALS, forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: 'remote-lake' }));
    s3.destroy();
    server = await startFirehoseServer({
      firehose: {
        recordsPerSecond: 5,
        buckets: {
          'local-archive': { folder },
          'remote-lake': { s3: { endpoint: remote.endpoint, accessKeyId: 'AKIDFRESHETTEST', secretAccessKey: 'freshet-test-secret' } },
        },
      },
    });
    client = firehoseClient(server.endpoint);
  });
  after(async () => {
    client.destroy();
    await server.stop();
    await remote.stop();
    await rm(folder, { recursive: true, force: true });
  });

  async function deliver(name: string, bucket: string, records: string[]): Promise<void> {
    await client.send(new CreateDeliveryStreamCommand({ DeliveryStreamName: name, ExtendedS3DestinationConfiguration: s3Destination(bucket, { Prefix: 'in/' }) as any }));
    await waitActive(client, name);
    const res = await client.send(new PutRecordBatchCommand({ DeliveryStreamName: name, Records: records.map((r) => ({ Data: Buffer.from(r) })) }));
    assert.equal(res.FailedPutCount, 0);
  }

  it('writes a folder-routed bucket as plain files <folder>/<key>', async () => {
    await deliver('to-folder', 'local-archive', ['x', 'y']);
    const files = await eventually(async () => {
      const f = await filesUnder(folder);
      return f.length ? f : undefined;
    });
    assert.equal(files.length, 1);
    assert.match(files[0]!.slice(folder.length), /^\/in\/\d{4}\/\d{2}\/\d{2}\/\d{2}\/to-folder-1-[\d-]+-[0-9a-f-]{36}$/);
    assert.equal(await readFile(files[0]!, 'utf8'), 'xy');
  });

  it('writes an endpoint-routed bucket through the S3 API of that endpoint', async () => {
    await deliver('to-remote', 'remote-lake', ['r1', 'r2']);
    const [object] = await waitObjects(remote.dataDir, 'remote-lake', 1, 'in/');
    assert.equal(object!.body.toString(), 'r1r2');
    assert.match(object!.key, /^in\/\d{4}\/\d{2}\/\d{2}\/\d{2}\/to-remote-1-/);
  });

  it('fails the records over the rate one by one in PutRecordBatch, and PutRecord as a whole', async () => {
    await client.send(new CreateDeliveryStreamCommand({ DeliveryStreamName: 'limited', ExtendedS3DestinationConfiguration: s3Destination('limited-bucket') as any }));
    await waitActive(client, 'limited');
    // A budget of 5 records per second: a batch of 12 has at least 7 refused, whatever the second boundary.
    const res = await client.send(new PutRecordBatchCommand({ DeliveryStreamName: 'limited', Records: Array.from({ length: 12 }, (_, i) => ({ Data: Buffer.from(`r${i}`) })) }));
    assert.ok(res.FailedPutCount! >= 7, `FailedPutCount ${res.FailedPutCount}`);
    const failed = res.RequestResponses!.filter((r) => r.ErrorCode);
    assert.equal(failed.length, res.FailedPutCount);
    for (const f of failed) {
      assert.equal(f.ErrorCode, 'ServiceUnavailableException');
      assert.equal(f.ErrorMessage, 'Slow down.');
      assert.equal(f.RecordId, undefined);
    }
    const burst = await Promise.allSettled(
      Array.from({ length: 12 }, () => client.send(new PutRecordCommand({ DeliveryStreamName: 'limited', Record: { Data: Buffer.from('p') } }))),
    );
    const refused = burst.filter((r) => r.status === 'rejected');
    assert.ok(refused.length >= 1);
    for (const r of refused) assert.equal((r as PromiseRejectedResult).reason.name, 'ServiceUnavailableException');
  });
});
