/**
 * Smoke tests of the whole server (storage + Kinesis + transport) through real clients: the AWS SDK for
 * JavaScript v3 (HTTP/2), boto3 and the AWS CLI (HTTP/1.1), and raw CBOR, which must agree byte for byte.
 */
import assert from 'node:assert/strict';
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
import { awsCli, boto3, startTestServer, type TestServer } from '../helpers/freshet.js';
import { rawRequest } from '../helpers/raw-http.js';

let server: TestServer;
let kinesis: KinesisClient;

before(async () => {
  server = await startTestServer();
  kinesis = server.kinesis();
});
after(() => server.stop());

async function waitActive(name: string): Promise<void> {
  for (;;) {
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
  return { status: res.status, body: decodeCbor(res.body), raw: res.body };
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
    for (;;) {
      const c = await kinesis.send(new DescribeStreamConsumerCommand({ ConsumerARN: reg.Consumer!.ConsumerARN! }));
      if (c.ConsumerDescription?.ConsumerStatus === 'ACTIVE') break;
      await new Promise((r) => setTimeout(r, 10));
    }
    await kinesis.send(new PutRecordCommand({ StreamName: 'efo', PartitionKey: 'k', Data: Buffer.from('hello efo') }));
    const abort = new AbortController();
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
    abort.abort();
    assert.equal(received, 'hello efo');
  });
});

describe('boto3 over HTTP/1.1', () => {
  it('creates a stream, waits for ACTIVE, puts and gets a record', async () => {
    const out = await boto3(
      server.endpoint,
      `
kinesis.create_stream(StreamName='boto', ShardCount=1)
kinesis.get_waiter('stream_exists').wait(StreamName='boto', WaiterConfig={'Delay': 1, 'MaxAttempts': 30})
put = kinesis.put_record(StreamName='boto', PartitionKey='pk', Data=b'\\x00\\xffboto3')
it = kinesis.get_shard_iterator(StreamName='boto', ShardId=put['ShardId'], ShardIteratorType='TRIM_HORIZON')['ShardIterator']
recs = kinesis.get_records(ShardIterator=it)['Records']
print(json.dumps({'data': base64.b64encode(recs[0]['Data']).decode(), 'seq': recs[0]['SequenceNumber'] == put['SequenceNumber'],
                  'ts': type(recs[0]['ApproximateArrivalTimestamp']).__name__}))`,
    );
    assert.deepEqual(out.json(), { data: Buffer.from('\x00\xffboto3', 'latin1').toString('base64'), seq: true, ts: 'datetime' });
  });
});

describe('boto3 SubscribeToShard over HTTP/1.1', () => {
  it('reads the initial-response and record events from the chunked event stream', async () => {
    const out = await boto3(
      server.endpoint,
      `
import time
kinesis.create_stream(StreamName='boto-efo', ShardCount=1)
kinesis.get_waiter('stream_exists').wait(StreamName='boto-efo', WaiterConfig={'Delay': 1, 'MaxAttempts': 30})
arn = kinesis.describe_stream_summary(StreamName='boto-efo')['StreamDescriptionSummary']['StreamARN']
consumer = kinesis.register_stream_consumer(StreamARN=arn, ConsumerName='c')['Consumer']['ConsumerARN']
while kinesis.describe_stream_consumer(ConsumerARN=consumer)['ConsumerDescription']['ConsumerStatus'] != 'ACTIVE':
    time.sleep(0.05)
kinesis.put_record(StreamName='boto-efo', PartitionKey='k', Data=b'via boto3 efo')
sub = kinesis.subscribe_to_shard(ConsumerARN=consumer, ShardId='shardId-000000000000', StartingPosition={'Type': 'TRIM_HORIZON'})
for event in sub['EventStream']:
    records = event['SubscribeToShardEvent']['Records']
    if records:
        print(json.dumps({'data': records[0]['Data'].decode()}))
        break
sub['EventStream'].close()`,
    );
    assert.deepEqual(out.json(), { data: 'via boto3 efo' });
  });
});

describe('AWS CLI over HTTP/1.1', () => {
  it('creates a stream, waits for ACTIVE, puts and gets a record', async () => {
    await awsCli(server.endpoint, ['kinesis', 'create-stream', '--stream-name', 'cli', '--shard-count', '1']);
    await awsCli(server.endpoint, ['kinesis', 'wait', 'stream-exists', '--stream-name', 'cli']);
    const put = (await awsCli(server.endpoint, ['kinesis', 'put-record', '--stream-name', 'cli', '--partition-key', 'pk', '--data', 'hello cli'])).json();
    const iterator = (
      await awsCli(server.endpoint, ['kinesis', 'get-shard-iterator', '--stream-name', 'cli', '--shard-id', put.ShardId, '--shard-iterator-type', 'TRIM_HORIZON'])
    ).json().ShardIterator;
    const got = (await awsCli(server.endpoint, ['kinesis', 'get-records', '--shard-iterator', iterator])).json();
    assert.equal(got.Records.length, 1);
    assert.equal(Buffer.from(got.Records[0].Data, 'base64').toString(), 'hello cli');
  });
});

describe('CBOR against the real service', () => {
  it('round-trips records byte-identical between CBOR and JSON, with AWS timestamp encodings', async () => {
    assert.equal((await cbor('CreateStream', { StreamName: 'cbor', ShardCount: 1 })).status, 200);
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

describe('boto3 over TLS', () => {
  it('verifies the generated certificate and talks to the TLS port', async () => {
    const tls = await startTestServer({ tlsPort: 0 });
    try {
      const out = await boto3(
        tls.endpoint,
        `
k = boto3.client('kinesis', endpoint_url=${JSON.stringify(tls.freshet.tlsEndpoint)}, region_name='us-east-1',
    aws_access_key_id='x', aws_secret_access_key='y', verify=${JSON.stringify(tls.freshet.tlsCertPath)})
k.create_stream(StreamName='tls', ShardCount=1)
print(json.dumps(k.list_streams()['StreamNames']))`,
      );
      assert.deepEqual(out.json(), ['tls']);
    } finally {
      await tls.stop();
    }
  });
});
