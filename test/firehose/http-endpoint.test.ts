/**
 * The HTTP endpoint destination against a local receiver: the headers and JSON body AWS specifies, gzip request
 * bodies, retries with the same request id until the receiver answers properly, and records that never got
 * through written to the S3 backup under http-endpoint-failed/.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { CreateDeliveryStreamCommand, PutRecordBatchCommand, type FirehoseClient } from '@aws-sdk/client-firehose';
import type { TestServer } from '../helpers/freshet.js';
import { eventually, firehoseClient, ROLE_ARN, startFirehoseServer, waitActive, waitObjects } from './support.js';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: any;
}

describe('HTTP endpoint delivery', () => {
  let server: TestServer;
  let client: FirehoseClient;
  let receiver: Server;
  let receiverUrl: string;
  const received: Received[] = [];
  /** Per path: how many requests to fail before answering properly, and how. */
  const failures = new Map<string, { left: number; status: number }>();

  before(async () => {
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        let raw = Buffer.concat(chunks);
        if (req.headers['content-encoding'] === 'gzip') raw = gunzipSync(raw);
        const body = JSON.parse(raw.toString());
        received.push({ path: req.url!, headers: req.headers, body });
        const f = failures.get(req.url!);
        if (f && f.left > 0) {
          f.left--;
          res.writeHead(f.status, { 'content-type': 'application/json' }).end(JSON.stringify({ requestId: body.requestId, timestamp: Date.now(), errorMessage: 'busy' }));
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ requestId: body.requestId, timestamp: Date.now() }));
      });
    });
    await new Promise<void>((res) => receiver.listen(0, '127.0.0.1', res));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}`;
    server = await startFirehoseServer();
    client = firehoseClient(server.endpoint);
  });
  after(async () => {
    client.destroy();
    await server.stop();
    await new Promise((res) => receiver.close(res));
  });

  async function create(name: string, path: string, extra: Record<string, unknown> = {}): Promise<void> {
    await client.send(
      new CreateDeliveryStreamCommand({
        DeliveryStreamName: name,
        HttpEndpointDestinationConfiguration: {
          EndpointConfiguration: { Url: `${receiverUrl}${path}`, Name: 'receiver', AccessKey: 'secret-key' },
          BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 0 },
          RoleARN: ROLE_ARN,
          S3Configuration: { RoleARN: ROLE_ARN, BucketARN: 'arn:aws:s3:::http-backup' },
          ...extra,
        } as any,
      }),
    );
    await waitActive(client, name);
  }

  async function put(name: string, records: string[]): Promise<void> {
    await client.send(new PutRecordBatchCommand({ DeliveryStreamName: name, Records: records.map((r) => ({ Data: Buffer.from(r) })) }));
  }

  it('posts {requestId, timestamp, records:[{data}]} with the X-Amz-Firehose headers', async () => {
    await create('to-http', '/ingest?x=1', { RequestConfiguration: { CommonAttributes: [{ AttributeName: 'env', AttributeValue: 'test' }] } });
    await put('to-http', ['one', 'two']);
    const req = await eventually(async () => received.find((r) => r.path === '/ingest?x=1'));
    assert.equal(req.headers['x-amz-firehose-access-key'], 'secret-key');
    assert.equal(req.headers['x-amz-firehose-protocol-version'], '1.0');
    assert.equal(req.headers['x-amz-firehose-source-arn'], 'arn:aws:firehose:us-east-1:000000000000:deliverystream/to-http');
    assert.equal(req.headers['x-amz-firehose-request-id'], req.body.requestId);
    assert.match(req.headers['content-type']!, /^application\/json/);
    assert.deepEqual(JSON.parse(req.headers['x-amz-firehose-common-attributes'] as string), { commonAttributes: { env: 'test' } });
    assert.equal(typeof req.body.timestamp, 'number');
    assert.deepEqual(
      req.body.records.map((r: { data: string }) => Buffer.from(r.data, 'base64').toString()),
      ['one', 'two'],
    );
  });

  it('gzips the body when ContentEncoding is GZIP', async () => {
    await create('to-http-gz', '/gz', { RequestConfiguration: { ContentEncoding: 'GZIP' } });
    await put('to-http-gz', ['zipped']);
    const req = await eventually(async () => received.find((r) => r.path === '/gz'));
    assert.equal(req.headers['content-encoding'], 'gzip');
    assert.equal(Buffer.from(req.body.records[0].data, 'base64').toString(), 'zipped');
  });

  it('retries a failing endpoint with the same request id until it answers 200', async () => {
    failures.set('/flaky', { left: 2, status: 503 });
    await create('to-flaky', '/flaky', { RetryOptions: { DurationInSeconds: 60 } });
    await put('to-flaky', ['again']);
    await eventually(async () => (received.filter((r) => r.path === '/flaky').length >= 3 ? true : undefined));
    const attempts = received.filter((r) => r.path === '/flaky');
    assert.equal(new Set(attempts.map((r) => r.body.requestId)).size, 1);
    assert.equal(new Set(attempts.map((r) => r.headers['x-amz-firehose-request-id'])).size, 1);
  });

  it('writes records that never got through to the S3 backup under http-endpoint-failed/', async () => {
    failures.set('/down', { left: 1_000_000, status: 500 });
    await create('to-down', '/down', { RetryOptions: { DurationInSeconds: 0 } });
    await put('to-down', ['lost?']);
    const [object] = await waitObjects(server.dataDir, 'http-backup', 1, 'http-endpoint-failed/');
    assert.match(object!.key, /^http-endpoint-failed\/\d{4}\/\d{2}\/\d{2}\/\d{2}\/to-down-1-/);
    const line = JSON.parse(object!.body.toString().trim());
    assert.equal(Buffer.from(line.rawData, 'base64').toString(), 'lost?');
    assert.equal(line.attemptsMade, 1);
    assert.match(line.errorCode, /^HttpEndpoint\./);
  });

  it('refuses http:// URLs unless the server allows them, as AWS accepts only https', async () => {
    const strict = await startFirehoseServer({ firehose: { allowPlainHttpEndpoints: false } });
    const c = firehoseClient(strict.endpoint);
    try {
      await assert.rejects(
        c.send(
          new CreateDeliveryStreamCommand({
            DeliveryStreamName: 'plain',
            HttpEndpointDestinationConfiguration: {
              EndpointConfiguration: { Url: 'http://example.com/' },
              S3Configuration: { RoleARN: ROLE_ARN, BucketARN: 'arn:aws:s3:::http-backup' },
            } as any,
          }),
        ),
        { name: 'InvalidArgumentException' },
      );
    } finally {
      c.destroy();
      await strict.stop();
    }
  });
});
