/** Other clients against the control plane: boto3 (the seeds' notebook workflow) and the AWS CLI. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { awsCli, boto3, startTestServer, type TestServer } from '../helpers/freshet.js';
import { kinesisJson, waitForStatus } from './control-support.js';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.stop());

describe('boto3', () => {
  it('creates a 2-shard stream, waits with stream_exists and describes it', async () => {
    const r = await boto3(
      server.endpoint,
      `
from botocore.exceptions import ClientError
stream_name = 'dsoaws-kinesis-data-stream'
kinesis.create_stream(StreamName=stream_name, ShardCount=2)
try:
    kinesis.create_stream(StreamName=stream_name, ShardCount=2)
    again = 'created twice'
except ClientError as e:
    again = e.response['Error']['Code']
kinesis.get_waiter('stream_exists').wait(StreamName=stream_name, WaiterConfig={'Delay': 1, 'MaxAttempts': 30})
d = kinesis.describe_stream(StreamName=stream_name)['StreamDescription']
print(json.dumps({'again': again, 'status': d['StreamStatus'], 'arn': d['StreamARN'], 'shards': [s['ShardId'] for s in d['Shards']],
                  'created': str(type(d['StreamCreationTimestamp']).__name__)}))
`,
    );
    const out = r.json();
    assert.equal(out.again, 'ResourceInUseException');
    assert.equal(out.status, 'ACTIVE');
    assert.equal(out.arn, 'arn:aws:kinesis:us-east-1:000000000000:stream/dsoaws-kinesis-data-stream');
    assert.deepEqual(out.shards, ['shardId-000000000000', 'shardId-000000000001']);
    assert.equal(out.created, 'datetime');
  });

  it('sees AWS error codes and messages', async () => {
    const r = await boto3(
      server.endpoint,
      `
from botocore.exceptions import ClientError
try:
    kinesis.describe_stream_summary(StreamName='missing')
except ClientError as e:
    print(json.dumps([e.response['Error']['Code'], e.response['Error']['Message'], e.response['ResponseMetadata']['HTTPStatusCode']]))
`,
    );
    assert.deepEqual(r.json(), ['ResourceNotFoundException', 'Stream missing under account 000000000000 not found.', 400]);
  });
});

describe('aws CLI', () => {
  it('create-stream, describe-stream-summary, list-streams, add-tags-to-stream, delete-stream', async () => {
    await awsCli(server.endpoint, ['kinesis', 'create-stream', '--stream-name', 'cli-stream', '--shard-count', '3']);
    // The CLI's waiters poll every 10 s; the raw poll is quicker.
    await waitForStatus(server.endpoint, 'cli-stream', 'ACTIVE');
    const summary = (await awsCli(server.endpoint, ['kinesis', 'describe-stream-summary', '--stream-name', 'cli-stream'])).json();
    assert.equal(summary.StreamDescriptionSummary.StreamName, 'cli-stream');
    assert.equal(summary.StreamDescriptionSummary.OpenShardCount, 3);
    assert.equal(summary.StreamDescriptionSummary.StreamStatus, 'ACTIVE');

    const list = (await awsCli(server.endpoint, ['kinesis', 'list-streams'])).json();
    assert.ok(list.StreamNames.includes('cli-stream'));
    assert.ok(list.StreamSummaries.some((s: { StreamName: string }) => s.StreamName === 'cli-stream'));

    await awsCli(server.endpoint, ['kinesis', 'add-tags-to-stream', '--stream-name', 'cli-stream', '--tags', 'team=data,env=test']);
    const tags = (await kinesisJson(server.endpoint, 'ListTagsForStream', { StreamName: 'cli-stream' })).body;
    assert.deepEqual(tags.Tags, [
      { Key: 'env', Value: 'test' },
      { Key: 'team', Value: 'data' },
    ]);

    await awsCli(server.endpoint, ['kinesis', 'delete-stream', '--stream-name', 'cli-stream']);
    await waitForStatus(server.endpoint, 'cli-stream', 'GONE');
    await assert.rejects(
      awsCli(server.endpoint, ['kinesis', 'describe-stream-summary', '--stream-name', 'cli-stream']),
      /ResourceNotFoundException/,
    );
  });
});
