/** Request validation through the real server: AWS's SerializationException and ValidationException texts. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from '../helpers/freshet.js';
import { assertAwsError, kinesisCbor, kinesisJson } from './control-support.js';

let server: TestServer;
let ep: string;
before(async () => {
  server = await startTestServer();
  ep = server.endpoint;
});
after(() => server.stop());

const NAME_PATTERN = 'Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+';

describe('serialization errors', () => {
  const cases: Array<[string, unknown, string]> = [
    ['CreateStream', { StreamName: true }, 'class java.lang.Boolean can not be converted to an String'],
    ['CreateStream', { StreamName: 23 }, 'class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an String'],
    ['CreateStream', { StreamName: [] }, 'Start of list found where not expected'],
    ['CreateStream', { StreamName: {} }, 'Start of structure or map found where not expected.'],
    ['CreateStream', { ShardCount: '23' }, 'class java.lang.String can not be converted to an Integer'],
    ['CreateStream', { ShardCount: true }, 'class java.lang.Boolean can not be converted to an Integer'],
    ['DeleteStream', { EnforceConsumerDeletion: 'yes' }, "'YES' can not be converted to an Boolean"],
    ['AddTagsToStream', { Tags: 'x' }, 'Expected map or null'],
    ['AddTagsToStream', { Tags: [] }, 'Start of list found where not expected'],
    ['RemoveTagsFromStream', { TagKeys: 23 }, 'Expected list or null'],
    ['RemoveTagsFromStream', { TagKeys: {} }, 'Start of structure or map found where not expected.'],
    ['CreateStream', { StreamModeDetails: 'x' }, 'Expected null'],
    ['ListShards', { StreamCreationTimestamp: 'x' }, 'class java.lang.String can not be converted to milliseconds since epoch'],
  ];
  for (const [op, body, msg] of cases) {
    it(`${op} ${JSON.stringify(body)} → ${msg}`, async () => {
      const r = await kinesisJson(ep, op, body);
      assert.equal(r.status, 400);
      assert.deepEqual(r.body, { __type: 'SerializationException', Message: msg });
    });
  }
});

describe('validation errors', () => {
  it('lists every failed constraint in AWS order', async () => {
    await assertAwsError(
      kinesisJson(ep, 'CreateStream', {}),
      'ValidationException',
      "2 validation errors detected: Value null at 'shardCount' failed to satisfy constraint: Member must not be null; " +
        "Value null at 'streamName' failed to satisfy constraint: Member must not be null",
    );
    await assertAwsError(
      kinesisJson(ep, 'CreateStream', { StreamName: '', ShardCount: 0 }),
      'ValidationException',
      "3 validation errors detected: Value '0' at 'shardCount' failed to satisfy constraint: Member must have value greater than or equal to 1; " +
        `Value '' at 'streamName' failed to satisfy constraint: ${NAME_PATTERN}; ` +
        "Value '' at 'streamName' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  });

  it('clamps huge integers and reports long names', async () => {
    const name = 'a'.repeat(129);
    await assertAwsError(
      kinesisJson(ep, 'CreateStream', { StreamName: name, ShardCount: 100000000000 }),
      'ValidationException',
      `1 validation error detected: Value '${name}' at 'streamName' failed to satisfy constraint: Member must have length less than or equal to 128`,
    );
  });

  it('asks for a stream name when neither StreamName nor StreamARN is given', async () => {
    await assertAwsError(
      kinesisJson(ep, 'DescribeStream', { StreamId: 'ignored' }),
      'ValidationException',
      "1 validation error detected: Value null at 'streamName' failed to satisfy constraint: Member must not be null",
    );
  });

  it('checks StreamARN, nested members, lists and maps', async () => {
    await assertAwsError(
      kinesisJson(ep, 'DescribeStreamSummary', { StreamARN: 'arn:aws:kinesis:us-east-1:1:stream/x' }),
      'ValidationException',
      "1 validation error detected: Value 'arn:aws:kinesis:us-east-1:1:stream/x' at 'streamARN' failed to satisfy constraint: " +
        'Member must satisfy regular expression pattern: arn:aws.*:kinesis:.*:\\d{12}:stream/\\S+',
    );
    await assertAwsError(
      kinesisJson(ep, 'CreateStream', { StreamName: 'x', StreamModeDetails: { StreamMode: 'FAST' } }),
      'ValidationException',
      "1 validation error detected: Value 'FAST' at 'streamModeDetails.streamMode' failed to satisfy constraint: " +
        'Member must satisfy enum value set: [PROVISIONED, ON_DEMAND]',
    );
    await assertAwsError(
      kinesisJson(ep, 'RemoveTagsFromStream', { StreamName: 'x', TagKeys: ['', 'a'] }),
      'ValidationException',
      "1 validation error detected: Value '[, a]' at 'tagKeys' failed to satisfy constraint: Member must satisfy constraint: " +
        '[Member must have length less than or equal to 128, Member must have length greater than or equal to 1]',
    );
    await assertAwsError(
      kinesisJson(ep, 'AddTagsToStream', { StreamName: 'x', Tags: {} }),
      'ValidationException',
      "1 validation error detected: Value '{}' at 'tags' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
    await assertAwsError(
      kinesisJson(ep, 'EnableEnhancedMonitoring', { StreamName: 'x', ShardLevelMetrics: ['Nope'] }),
      'ValidationException',
      "1 validation error detected: Value 'Nope' at 'shardLevelMetrics.1.member' failed to satisfy constraint: Member must satisfy enum value set: " +
        '[IncomingBytes, IncomingRecords, OutgoingBytes, OutgoingRecords, WriteProvisionedThroughputExceeded, ReadProvisionedThroughputExceeded, IteratorAgeMilliseconds, ALL]',
    );
  });

  it('reports at most 10 failures', async () => {
    const r = await kinesisJson(ep, 'ListShards', {
      StreamName: '',
      ExclusiveStartShardId: '',
      MaxResults: 0,
      NextToken: '',
      StreamARN: '',
      ShardFilter: { Type: 'x', ShardId: '' },
    });
    assert.equal(r.body.__type, 'ValidationException');
    assert.match(r.body.message, /^10 validation errors detected: /);
  });

  it('ties ShardCount to the stream mode', async () => {
    await assertAwsError(
      kinesisJson(ep, 'CreateStream', { StreamName: 'x', ShardCount: 2, StreamModeDetails: { StreamMode: 'ON_DEMAND' } }),
      'ValidationException',
      'ShardCount is not expected when StreamMode=ON_DEMAND',
    );
    await assertAwsError(
      kinesisJson(ep, 'CreateStream', { StreamName: 'x', StreamModeDetails: { StreamMode: 'PROVISIONED' } }),
      'ValidationException',
      'ShardCount is expected when StreamMode=PROVISIONED',
    );
  });

  it('ignores unknown members and StreamId', async () => {
    await assertAwsError(
      kinesisJson(ep, 'DescribeStream', { StreamName: 'nope', Whatever: 1, StreamId: 'abcdefghij0123456789-abc' }),
      'ResourceNotFoundException',
      'Stream nope under account 000000000000 not found.',
    );
  });
});

describe('CBOR requests', () => {
  it('validates and answers with the same shapes', async () => {
    const r = await kinesisCbor(ep, 'CreateStream', { StreamName: 23 });
    assert.equal(r.status, 400);
    assert.equal(r.body.__type, 'SerializationException');
    const ok = await kinesisCbor(ep, 'CreateStream', { StreamName: 'cbor-stream', ShardCount: 1 });
    assert.equal(ok.status, 200);
    const d = await kinesisCbor(ep, 'DescribeStreamSummary', { StreamName: 'cbor-stream' });
    assert.equal(d.body.StreamDescriptionSummary.StreamName, 'cbor-stream');
    assert.ok(d.body.StreamDescriptionSummary.StreamCreationTimestamp instanceof Date);
  });

  it('takes CBOR timestamps in milliseconds', async () => {
    await kinesisCbor(ep, 'CreateStream', { StreamName: 'cbor-ts', ShardCount: 1 });
    const created = (await kinesisCbor(ep, 'DescribeStreamSummary', { StreamName: 'cbor-ts' })).body.StreamDescriptionSummary
      .StreamCreationTimestamp as Date;
    const other = await kinesisCbor(ep, 'ListShards', { StreamName: 'cbor-ts', StreamCreationTimestamp: created.getTime() - 86_400_000 });
    assert.equal(other.body.__type, 'ResourceNotFoundException');
  });
});
