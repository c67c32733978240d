import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { startTestServer, TEST_CREDENTIALS, TEST_REGION, type TestServer } from '../helpers/freshet.js';
import { cli, oneLineError } from './cli-runner.js';

describe('freshet firehose', () => {
  let server: TestServer;
  let ep: string[];
  let s3: S3Client;
  let dir: string;
  before(async () => {
    server = await startTestServer({ firehose: { transitionMs: 20 } });
    ep = ['--endpoint-url', server.endpoint];
    s3 = new S3Client({ endpoint: server.endpoint, region: TEST_REGION, credentials: TEST_CREDENTIALS, forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: 'archive' }));
    dir = await mkdtemp(join(tmpdir(), 'freshet-firehose-'));
    assert.equal((await cli(['streams', 'create', 'clicks', '--wait', ...ep])).code, 0);
  });
  after(async () => {
    s3.destroy();
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('creates, lists, describes, feeds and deletes delivery streams; records reach S3', async () => {
    const created = await cli(['firehose', 'create', 'logs', '--bucket', 'archive', '--prefix', 'logs/', '--buffer-seconds', '0', '--buffer-mb', '1', '--compression', 'GZIP', '--wait', ...ep]);
    assert.equal(created.code, 0, created.stderr);
    assert.equal(created.stdout.trim(), 'Created delivery stream logs (direct put → s3://archive/logs/): ACTIVE');
    const fromStream = await cli(['firehose', 'create', 'clicks-archive', '--bucket', 'archive', '--source-stream', 'clicks', '--wait', ...ep, '-o', 'json']);
    assert.equal(fromStream.code, 0, fromStream.stderr);
    assert.match(fromStream.json().Source.KinesisStreamSourceDescription.KinesisStreamARN, /^arn:aws:kinesis:us-east-1:\d{12}:stream\/clicks$/);

    const ls = await cli(['firehose', 'ls', ...ep]);
    assert.equal(ls.code, 0, ls.stderr);
    assert.deepEqual(ls.stdout.trimEnd().split('\n').map((l) => l.split(/\s{2,}/)), [
      ['NAME', 'STATUS', 'SOURCE', 'DESTINATION'],
      ['clicks-archive', 'ACTIVE', 'kinesis:clicks', 's3://archive/'],
      ['logs', 'ACTIVE', 'direct put', 's3://archive/logs/'],
    ]);

    // Without --endpoint-url, AWS's own variable for the service picks the endpoint.
    const viaEnv = await cli(['firehose', 'ls', '-o', 'json'], { env: { AWS_ENDPOINT_URL_FIREHOSE: server.endpoint } });
    assert.deepEqual(viaEnv.json().map((d: { DeliveryStreamName: string }) => d.DeliveryStreamName), ['clicks-archive', 'logs'], viaEnv.stderr);

    const described = await cli(['firehose', 'describe', 'logs', ...ep]);
    assert.match(described.stdout, /^Type:\s+DirectPut$/m);
    assert.match(described.stdout, /^Buffering:\s+0 s or 1 MiB$/m);
    assert.match(described.stdout, /^Compression:\s+GZIP$/m);

    await writeFile(join(dir, 'more.jsonl'), '{"n":3}\n\n{"n":4}\n');
    const putArgs = await cli(['firehose', 'put', 'logs', '{"n":1}', '{"n":2}', ...ep]);
    assert.equal(putArgs.code, 0, putArgs.stderr);
    assert.equal(putArgs.stdout.trim(), 'Put 2 records (16 B) to logs');
    const putFile = await cli(['firehose', 'put', 'logs', '--file', join(dir, 'more.jsonl'), ...ep, '-o', 'json']);
    assert.deepEqual(putFile.json(), { deliveryStream: 'logs', records: 2, bytes: 16 });

    // Delivered gzipped under the prefix, one record a line.
    const delivered: string[] = [];
    const deadline = Date.now() + 30_000;
    while (delivered.join('').split('\n').length < 5 && Date.now() < deadline) {
      delivered.length = 0;
      const objects = (await s3.send(new ListObjectsV2Command({ Bucket: 'archive', Prefix: 'logs/' }))).Contents ?? [];
      for (const o of objects) {
        const body = await (await s3.send(new GetObjectCommand({ Bucket: 'archive', Key: o.Key! }))).Body!.transformToByteArray();
        delivered.push(gunzipSync(body).toString('utf8'));
      }
      if (delivered.join('').split('\n').length < 5) await new Promise((r) => setTimeout(r, 100));
    }
    assert.deepEqual(delivered.join('').split('\n').filter(Boolean).sort(), ['{"n":1}', '{"n":2}', '{"n":3}', '{"n":4}']);

    const deleted = await Promise.all(['logs', 'clicks-archive'].map((n) => cli(['firehose', 'delete', n, '--wait', ...ep])));
    assert.deepEqual(deleted.map((d) => d.stdout.trim()), ['Deleted delivery stream logs', 'Deleted delivery stream clicks-archive']);
    assert.match((await cli(['firehose', 'ls', ...ep])).stdout, /^No delivery streams\./);
  });

  it('puts more records than one PutRecordBatch takes', async () => {
    assert.equal((await cli(['firehose', 'create', 'bulk', '--bucket', 'archive', '--prefix', 'bulk/', '--wait', ...ep])).code, 0);
    await writeFile(join(dir, 'bulk.txt'), Array.from({ length: 1201 }, (_, i) => `record ${i}`).join('\n'));
    const put = await cli(['firehose', 'put', 'bulk', '--file', join(dir, 'bulk.txt'), '--no-newline', ...ep, '-o', 'json']);
    assert.equal(put.code, 0, put.stderr);
    assert.deepEqual(put.json(), { deliveryStream: 'bulk', records: 1201, bytes: Array.from({ length: 1201 }, (_, i) => `record ${i}`).join('').length });
  });

  it('fails with a one-line reason', async () => {
    const [unknown, both, noStream] = await Promise.all([
      cli(['firehose', 'put', 'nope', 'a', ...ep]),
      cli(['firehose', 'put', 'nope', 'a', '--file', join(dir, 'x'), ...ep]),
      cli(['firehose', 'create', 'x', '--bucket', 'archive', '--source-stream', 'no-such-stream', ...ep]),
    ]);
    assert.match(oneLineError(unknown), /^freshet: .*nope.* not found/);
    assert.equal(oneLineError(both), 'freshet: give records as arguments or --file, not both');
    assert.match(oneLineError(noStream), /^freshet: .*no-such-stream/);
  });
});
