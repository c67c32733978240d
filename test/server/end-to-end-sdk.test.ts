/**
 * Smoke tests of the whole server (storage + Kinesis + transport) through the AWS SDK for JavaScript v3 (HTTP/2)
 * and raw CBOR, which must agree with JSON byte for byte.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import {
  CreateStreamCommand,
  DescribeStreamConsumerCommand,
  DescribeStreamSummaryCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  PutRecordCommand,
  RegisterStreamConsumerCommand,
  SubscribeToShardCommand,
  type KinesisClient,
} from '@aws-sdk/client-kinesis';
import { decode as decodeCbor, encode as encodeCbor } from 'cbor-x';
import { startTestServer, type TestServer } from '../helpers/freshet.js';
import { rawRequest } from '../helpers/raw-http.js';

const execFileAsync = promisify(execFile);

let server: TestServer;
let kinesis: KinesisClient;

before(async () => {
  server = await startTestServer();
  kinesis = server.kinesis();
});
after(() => server.stop());

async function waitActive(name: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    if (attempt > 2000) throw new Error(`stream ${name} never became ACTIVE`);
    const d = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: name }));
    if (d.StreamDescriptionSummary?.StreamStatus === 'ACTIVE') return;
    await new Promise((r) => setTimeout(r, 10));
  }
}

function kinesisHeaders(operation: string, contentType: string): Record<string, string> {
  return {
    'content-type': contentType,
    'x-amz-target': `Kinesis_20131202.${operation}`,
    'x-amz-date': '20260101T000000Z',
    authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/kinesis/aws4_request, SignedHeaders=host;x-amz-date, Signature=00',
  };
}

async function cbor(operation: string, body: unknown): Promise<any> {
  const res = await rawRequest({ endpoint: server.endpoint, headers: kinesisHeaders(operation, 'application/x-amz-cbor-1.1'), body: encodeCbor(body) });
  assert.equal(res.headers['content-type'], 'application/x-amz-cbor-1.1');
  // Operations without output answer with an empty body.
  return { status: res.status, body: res.body.length > 0 ? decodeCbor(res.body) : undefined, raw: res.body };
}

async function json(operation: string, body: unknown): Promise<any> {
  const res = await rawRequest({ endpoint: server.endpoint, http2: true, headers: kinesisHeaders(operation, 'application/x-amz-json-1.1'), body: JSON.stringify(body) });
  return { status: res.status, body: res.json() };
}

describe('AWS SDK for JavaScript v3 over HTTP/2', () => {
  it('creates a stream, waits for ACTIVE, puts and gets a record', async () => {
    await kinesis.send(new CreateStreamCommand({ StreamName: 'sdk', ShardCount: 2 }));
    await waitActive('sdk');
    const data = new Uint8Array([0, 1, 2, 250, 255]);
    const put = await kinesis.send(new PutRecordCommand({ StreamName: 'sdk', PartitionKey: 'pk', Data: data }));
    const it0 = await kinesis.send(new GetShardIteratorCommand({ StreamName: 'sdk', ShardId: put.ShardId!, ShardIteratorType: 'TRIM_HORIZON' }));
    const got = await kinesis.send(new GetRecordsCommand({ ShardIterator: it0.ShardIterator! }));
    assert.equal(got.Records?.length, 1);
    assert.deepEqual(got.Records![0]!.Data, data);
    assert.equal(got.Records![0]!.SequenceNumber, put.SequenceNumber);
    assert.ok(got.Records![0]!.ApproximateArrivalTimestamp instanceof Date);
  });

  it('subscribes to a shard and receives records as event-stream messages', async () => {
    await kinesis.send(new CreateStreamCommand({ StreamName: 'efo', ShardCount: 1 }));
    await waitActive('efo');
    const summary = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'efo' }));
    const reg = await kinesis.send(new RegisterStreamConsumerCommand({ StreamARN: summary.StreamDescriptionSummary!.StreamARN!, ConsumerName: 'c1' }));
    for (let attempt = 0; ; attempt++) {
      assert.ok(attempt < 2000, 'the consumer never became ACTIVE');
      const c = await kinesis.send(new DescribeStreamConsumerCommand({ ConsumerARN: reg.Consumer!.ConsumerARN! }));
      if (c.ConsumerDescription?.ConsumerStatus === 'ACTIVE') break;
      await new Promise((r) => setTimeout(r, 10));
    }
    await kinesis.send(new PutRecordCommand({ StreamName: 'efo', PartitionKey: 'k', Data: Buffer.from('hello efo') }));
    const abort = new AbortController();
    const giveUp = setTimeout(() => abort.abort(), 20_000); // fail rather than wait for the 5-minute subscription end
    const sub = await kinesis.send(
      new SubscribeToShardCommand({ ConsumerARN: reg.Consumer!.ConsumerARN!, ShardId: 'shardId-000000000000', StartingPosition: { Type: 'TRIM_HORIZON' } }),
      { abortSignal: abort.signal },
    );
    let received: string | undefined;
    for await (const event of sub.EventStream!) {
      const records = event.SubscribeToShardEvent?.Records ?? [];
      if (records.length > 0) {
        received = Buffer.from(records[0]!.Data!).toString();
        break;
      }
    }
    clearTimeout(giveUp);
    abort.abort();
    assert.equal(received, 'hello efo');
  });
});

describe('CBOR against the real service', () => {
  it('round-trips records byte-identical between CBOR and JSON, with AWS timestamp encodings', async () => {
    const created = await cbor('CreateStream', { StreamName: 'cbor', ShardCount: 1 });
    assert.equal(created.status, 200);
    assert.equal(created.raw.length, 0);
    await waitActive('cbor');
    const bytes = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 7) & 0xff));

    const putCbor = await cbor('PutRecord', { StreamName: 'cbor', PartitionKey: 'a', Data: bytes });
    assert.equal(putCbor.status, 200, JSON.stringify(putCbor.body));
    const putJson = await json('PutRecord', { StreamName: 'cbor', PartitionKey: 'b', Data: bytes.toString('base64') });
    assert.equal(putJson.status, 200);

    const iterator = (await json('GetShardIterator', { StreamName: 'cbor', ShardId: 'shardId-000000000000', ShardIteratorType: 'TRIM_HORIZON' })).body.ShardIterator;
    const viaJson = (await json('GetRecords', { ShardIterator: iterator })).body.Records;
    assert.equal(viaJson.length, 2);
    for (const r of viaJson) {
      assert.deepEqual(Buffer.from(r.Data, 'base64'), bytes);
      assert.equal(typeof r.ApproximateArrivalTimestamp, 'number');
    }

    const iterator2 = (await cbor('GetShardIterator', { StreamName: 'cbor', ShardId: 'shardId-000000000000', ShardIteratorType: 'TRIM_HORIZON' })).body.ShardIterator;
    const viaCbor = await cbor('GetRecords', { ShardIterator: iterator2 });
    assert.equal(viaCbor.body.Records.length, 2);
    for (const r of viaCbor.body.Records) {
      assert.ok(r.Data instanceof Uint8Array, 'blobs are byte strings');
      assert.deepEqual(Buffer.from(r.Data), bytes);
      assert.ok(r.ApproximateArrivalTimestamp instanceof Date, 'timestamps are tagged');
    }
    // Byte-level: the timestamp is tag 1 wrapping an integer (not a float of seconds).
    const at = viaCbor.raw.indexOf(Buffer.from('ApproximateArrivalTimestamp'));
    assert.equal(viaCbor.raw[at + 'ApproximateArrivalTimestamp'.length], 0xc1);
    assert.equal(viaCbor.raw[at + 'ApproximateArrivalTimestamp'.length + 1], 0x1b, 'uint64 milliseconds');
    const ms = viaCbor.body.Records[0].ApproximateArrivalTimestamp.getTime();
    assert.ok(Math.abs(ms - viaJson[0].ApproximateArrivalTimestamp * 1000) < 1, 'same instant in both protocols');
  });
});

describe('AWS SDK for JavaScript v3 over TLS', () => {
  it('trusts the generated certificate through NODE_EXTRA_CA_CERTS and speaks h2 by ALPN', async () => {
    const tls = await startTestServer({ tlsPort: 0 });
    try {
      // NODE_EXTRA_CA_CERTS is read only at process start, hence a child process.
      const script = `
        const { KinesisClient, CreateStreamCommand, ListStreamsCommand } = require('@aws-sdk/client-kinesis');
        const client = new KinesisClient({ endpoint: process.argv[1], region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
        (async () => {
          await client.send(new CreateStreamCommand({ StreamName: 'over-tls', ShardCount: 1 }));
          const out = await client.send(new ListStreamsCommand({}));
          console.log(JSON.stringify(out.StreamNames));
          client.destroy();
        })().catch((err) => { console.error(err); process.exit(1); });`;
      const { stdout } = await execFileAsync(process.execPath, ['-e', script, tls.freshet.tlsEndpoint!], {
        env: { ...process.env, NODE_EXTRA_CA_CERTS: tls.freshet.tlsCertPath!, NODE_OPTIONS: '' },
      });
      assert.deepEqual(JSON.parse(stdout), ['over-tls']);
    } finally {
      await tls.stop();
    }
  });
});
