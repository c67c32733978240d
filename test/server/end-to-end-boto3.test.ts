/**
 * Smoke tests of the whole server through boto3 (HTTP/1.1, chunked event streams, TLS).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { boto3, startTestServer, type TestServer } from '../helpers/freshet.js';

let server: TestServer;

before(async () => {
  server = await startTestServer();
});
after(() => server.stop());

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
