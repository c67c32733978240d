/** Control operations that meet consumers: tags and policies on consumer ARNs, and DeleteStream's consumer rule. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateStreamCommand,
  DeleteStreamCommand,
  DescribeStreamSummaryCommand,
  GetResourcePolicyCommand,
  KinesisClient,
  ListTagsForResourceCommand,
  PutResourcePolicyCommand,
  RegisterStreamConsumerCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-kinesis';
import { startTestServer, type TestServer } from '../helpers/freshet.js';
import { assertAwsError, kinesisJson, waitForStatus } from './control-support.js';

let server: TestServer;
let kinesis: KinesisClient;
let consumerArn: string;
const STREAM_ARN = 'arn:aws:kinesis:us-east-1:000000000000:stream/with-consumer';

before(async () => {
  server = await startTestServer();
  kinesis = server.kinesis();
  await kinesis.send(new CreateStreamCommand({ StreamName: 'with-consumer', ShardCount: 1 }));
  await waitForStatus(server.endpoint, 'with-consumer', 'ACTIVE');
  const r = await kinesis.send(new RegisterStreamConsumerCommand({ StreamARN: STREAM_ARN, ConsumerName: 'app' }));
  consumerArn = r.Consumer!.ConsumerARN!;
});
after(() => server.stop());

describe('consumer resources', () => {
  it('tags a consumer by its ARN, apart from the stream', async () => {
    await kinesis.send(new TagResourceCommand({ ResourceARN: consumerArn, Tags: { owner: 'app' } }));
    const c = await kinesis.send(new ListTagsForResourceCommand({ ResourceARN: consumerArn }));
    assert.deepEqual(c.Tags, [{ Key: 'owner', Value: 'app' }]);
    const s = await kinesis.send(new ListTagsForResourceCommand({ ResourceARN: STREAM_ARN }));
    assert.deepEqual(s.Tags, []);
    await kinesis.send(new UntagResourceCommand({ ResourceARN: consumerArn, TagKeys: ['owner'] }));
    assert.deepEqual((await kinesis.send(new ListTagsForResourceCommand({ ResourceARN: consumerArn }))).Tags, []);
  });

  it('keeps a consumer policy apart from the stream policy', async () => {
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kinesis:SubscribeToShard' }] });
    await kinesis.send(new PutResourcePolicyCommand({ ResourceARN: consumerArn, Policy: policy }));
    assert.equal((await kinesis.send(new GetResourcePolicyCommand({ ResourceARN: consumerArn }))).Policy, policy);
    assert.equal((await kinesis.send(new GetResourcePolicyCommand({ ResourceARN: STREAM_ARN }))).Policy, '{}');
  });

  it('answers ResourceNotFoundException for an unknown consumer ARN', async () => {
    await assertAwsError(
      kinesisJson(server.endpoint, 'ListTagsForResource', { ResourceARN: `${STREAM_ARN}/consumer/ghost:1` }),
      'ResourceNotFoundException',
      `Consumer ${STREAM_ARN}/consumer/ghost:1 not found.`,
    );
  });

  it('counts consumers in the summary and deletes the stream only with EnforceConsumerDeletion', async () => {
    const s = (await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'with-consumer' }))).StreamDescriptionSummary!;
    assert.equal(s.ConsumerCount, 1);
    await assertAwsError(
      kinesisJson(server.endpoint, 'DeleteStream', { StreamName: 'with-consumer' }),
      'ResourceInUseException',
      'DeleteStream can\u2019t delete 000000000000:with-consumer because there are consumers associated with this data stream. ' +
        'To delete with-consumer anyway, set the EnforceConsumerDeletion parameter to true to force the deletion of all the consumers that are associated with it.',
    );
    await kinesis.send(new DeleteStreamCommand({ StreamName: 'with-consumer', EnforceConsumerDeletion: true }));
    await waitForStatus(server.endpoint, 'with-consumer', 'GONE');
  });
});
