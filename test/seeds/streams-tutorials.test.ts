/**
 * The Kinesis Data Streams steps of the tutorials Freshet serves (shared/seeds), run as written with the real
 * AWS CLI and boto3 pointed at a Freshet server.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { awsCli, boto3, startTestServer, type TestServer } from '../helpers/freshet.js';

let server: TestServer;

before(async () => {
  server = await startTestServer();
});
after(async () => {
  await server.stop();
});

describe('hotspots example, step 1: input and output streams and the RecordGenerator', () => {
  it('creates both streams with the CLI in us-west-2 and reads back what the generator put', async () => {
    for (const name of ['ExampleInputStream', 'ExampleOutputStream']) {
      await awsCli(server.endpoint, ['kinesis', 'create-stream', '--stream-name', name, '--shard-count', '1', '--region', 'us-west-2']);
    }
    await awsCli(server.endpoint, ['kinesis', 'wait', 'stream-exists', '--stream-name', 'ExampleInputStream', '--region', 'us-west-2']);
    // The streams live in us-west-2 only: the same names are unknown in us-east-1.
    const east = await awsCli(server.endpoint, ['kinesis', 'list-streams']);
    assert.ok(!east.json().StreamNames.includes('ExampleInputStream'));

    // The tutorial's generator, verbatim but for the client construction and a bounded loop.
    const out = await boto3(
      server.endpoint,
      `
from random import random, seed
seed(7)
kinesis = boto3.client('kinesis', endpoint_url=kinesis.meta.endpoint_url, region_name='us-west-2',
    aws_access_key_id='AKIDSEED', aws_secret_access_key='secret')
xRange = [0, 10]
yRange = [0, 10]
hotspotSideLength = 1
hotspotWeight = 0.2

def generate_point_in_rectangle(x_min, width, y_min, height):
    return {'x': x_min + random() * width, 'y': y_min + random() * height}

class RecordGenerator(object):
    def __init__(self):
        self.x_min = xRange[0]
        self.width = xRange[1] - xRange[0]
        self.y_min = yRange[0]
        self.height = yRange[1] - yRange[0]
        self.points_generated = 0
        self.hotspot_x_min = None
        self.hotspot_y_min = None

    def get_record(self):
        if self.points_generated % 1000 == 0:
            self.update_hotspot()
        if random() < hotspotWeight:
            record = generate_point_in_rectangle(self.hotspot_x_min, hotspotSideLength, self.hotspot_y_min, hotspotSideLength)
            record['is_hot'] = 'Y'
        else:
            record = generate_point_in_rectangle(self.x_min, self.width, self.y_min, self.height)
            record['is_hot'] = 'N'
        self.points_generated += 1
        data = json.dumps(record)
        return {'Data': bytes(data, 'utf-8'), 'PartitionKey': 'partition_key'}

    def get_records(self, n):
        return [self.get_record() for _ in range(n)]

    def update_hotspot(self):
        self.hotspot_x_min = self.x_min + random() * (self.width - hotspotSideLength)
        self.hotspot_y_min = self.y_min + random() * (self.height - hotspotSideLength)

generator = RecordGenerator()
sent = []
for _ in range(30):
    records = generator.get_records(10)
    r = kinesis.put_records(StreamName="ExampleInputStream", Records=records)
    assert r['FailedRecordCount'] == 0, r
    sent.extend(rec['Data'].decode() for rec in records)

shard = kinesis.describe_stream(StreamName='ExampleInputStream')['StreamDescription']['Shards'][0]['ShardId']
it = kinesis.get_shard_iterator(StreamName='ExampleInputStream', ShardId=shard, ShardIteratorType='TRIM_HORIZON')['ShardIterator']
got = []
while it:
    r = kinesis.get_records(ShardIterator=it, Limit=100)
    got.extend(rec['Data'].decode() for rec in r['Records'])
    if not r['Records'] and r['MillisBehindLatest'] == 0:
        break
    it = r.get('NextShardIterator')
print(json.dumps({'sent': sent, 'got': got}))
`,
    );
    const { sent, got } = out.json<{ sent: string[]; got: string[] }>();
    assert.equal(sent.length, 300);
    assert.deepEqual(got, sent);
    const hot = got.map((s) => JSON.parse(s)).filter((p) => p.is_hot === 'Y');
    assert.ok(hot.length > 20 && hot.length < 120, `about 20% hot points, got ${hot.length}`);
  });
});

describe('notebook: create a Kinesis data stream with boto3', () => {
  it('creates a 2-shard stream, reports ResourceInUseException on re-create, waits for ACTIVE and describes it', async () => {
    const out = await boto3(
      server.endpoint,
      `
import time
from botocore.exceptions import ClientError
stream_name = 'dsoaws-kinesis-data-stream'
shard_count = 2
response = kinesis.create_stream(StreamName=stream_name, ShardCount=shard_count)
codes = []
try:
    kinesis.create_stream(StreamName=stream_name, ShardCount=shard_count)
except ClientError as e:
    codes.append(e.response['Error']['Code'])
status = ''
while status != 'ACTIVE':
    r = kinesis.describe_stream(StreamName=stream_name)
    status = r.get('StreamDescription').get('StreamStatus')
    time.sleep(0.05)
stream_response = kinesis.describe_stream(StreamName=stream_name)
print(json.dumps({'codes': codes, 'desc': stream_response['StreamDescription']}, default=str))
`,
    );
    const { codes, desc } = out.json<{ codes: string[]; desc: any }>();
    assert.deepEqual(codes, ['ResourceInUseException']);
    assert.equal(desc.StreamStatus, 'ACTIVE');
    assert.equal(desc.StreamARN, 'arn:aws:kinesis:us-east-1:000000000000:stream/dsoaws-kinesis-data-stream');
    assert.equal(desc.Shards.length, 2);
    assert.equal(desc.Shards[0].HashKeyRange.StartingHashKey, '0');
    assert.equal(desc.Shards[1].HashKeyRange.EndingHashKey, '340282366920938463463374607431768211455');
    assert.equal(desc.RetentionPeriodHours, 24);
  });
});

describe('workshop: traffic messages, one at a time and in batches, and a stream consumer dumping to a file', () => {
  it('puts with put_record and put_records, then a consumer reads every shard from the start', async () => {
    await awsCli(server.endpoint, ['kinesis', 'create-stream', '--stream-name', 'traffic-message-stream', '--shard-count', '2']);
    await awsCli(server.endpoint, ['kinesis', 'wait', 'stream-exists', '--stream-name', 'traffic-message-stream']);
    const out = await boto3(
      server.endpoint,
      `
import os, tempfile
stream = 'traffic-message-stream'
messages = [{'location': 'A%d' % (i % 7), 'speed': 50 + i, 'id': i} for i in range(40)]
for m in messages[:20]:
    kinesis.put_record(StreamName=stream, Data=json.dumps(m), PartitionKey=m['location'])
r = kinesis.put_records(StreamName=stream, Records=[{'Data': json.dumps(m), 'PartitionKey': m['location']} for m in messages[20:]])
assert r['FailedRecordCount'] == 0

# The consumer: every shard from TRIM_HORIZON, records appended to a local JSON file.
path = os.path.join(tempfile.mkdtemp(), 'stream-dump.json')
shards = kinesis.describe_stream(StreamName=stream)['StreamDescription']['Shards']
with open(path, 'w') as f:
    for shard in shards:
        it = kinesis.get_shard_iterator(StreamName=stream, ShardId=shard['ShardId'], ShardIteratorType='TRIM_HORIZON')['ShardIterator']
        while True:
            r = kinesis.get_records(ShardIterator=it, Limit=25)
            for rec in r['Records']:
                f.write(rec['Data'].decode() + '\\n')
            if r['MillisBehindLatest'] == 0 and not r['Records']:
                break
            it = r['NextShardIterator']
dumped = [json.loads(line) for line in open(path)]
print(json.dumps({'shards': len(shards), 'ids': sorted(m['id'] for m in dumped)}))
`,
    );
    const { shards, ids } = out.json<{ shards: number; ids: number[] }>();
    assert.equal(shards, 2);
    assert.deepEqual(ids, Array.from({ length: 40 }, (_, i) => i));
  });
});

describe('overview of Kinesis Data Streams: limits the tutorials rely on', () => {
  it('rejects a record over 1 MB, and lets retention grow from 24 hours to 7 days', async () => {
    await awsCli(server.endpoint, ['kinesis', 'create-stream', '--stream-name', 'limits', '--shard-count', '1']);
    await awsCli(server.endpoint, ['kinesis', 'wait', 'stream-exists', '--stream-name', 'limits']);
    const out = await boto3(
      server.endpoint,
      `
from botocore.exceptions import ClientError
err = None
try:
    kinesis.put_record(StreamName='limits', Data=b'x' * (1024 * 1024 + 1), PartitionKey='k')
except ClientError as e:
    err = e.response['Error']
ok = kinesis.put_record(StreamName='limits', Data=b'x' * (1024 * 1024), PartitionKey='k')
kinesis.increase_stream_retention_period(StreamName='limits', RetentionPeriodHours=168)
hours = kinesis.describe_stream_summary(StreamName='limits')['StreamDescriptionSummary']['RetentionPeriodHours']
print(json.dumps({'err': err, 'seq': ok['SequenceNumber'], 'hours': hours}))
`,
    );
    const { err, seq, hours } = out.json<{ err: { Code: string; Message: string }; seq: string; hours: number }>();
    assert.equal(err.Code, 'ValidationException');
    assert.match(err.Message, /Member must have length less than or equal to 1048576/);
    assert.match(seq, /^[1-9]\d+$/);
    assert.equal(hours, 168);
  });
});
