/** Tags (stream and resource flavours) and retention periods, with AWS's limits and messages. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AddTagsToStreamCommand,
  CreateStreamCommand,
  DecreaseStreamRetentionPeriodCommand,
  DescribeStreamSummaryCommand,
  IncreaseStreamRetentionPeriodCommand,
  KinesisClient,
  ListTagsForResourceCommand,
  ListTagsForStreamCommand,
  RemoveTagsFromStreamCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-kinesis';
import { startTestServer, type TestServer } from '../helpers/freshet.js';
import { assertAwsError, kinesisJson, waitForStatus } from './control-support.js';

let server: TestServer;
let kinesis: KinesisClient;
let ep: string;
const ARN = 'arn:aws:kinesis:us-east-1:000000000000:stream/tagged';

before(async () => {
  server = await startTestServer();
  ep = server.endpoint;
  kinesis = server.kinesis();
  await kinesis.send(new CreateStreamCommand({ StreamName: 'tagged', ShardCount: 1, Tags: { created: 'yes' } }));
  await waitForStatus(ep, 'tagged', 'ACTIVE');
});
after(() => server.stop());

describe('stream tags', () => {
  it('adds, overwrites, lists sorted and removes', async () => {
    await kinesis.send(new AddTagsToStreamCommand({ StreamName: 'tagged', Tags: { b: '2', a: '1', c: '' } }));
    await kinesis.send(new AddTagsToStreamCommand({ StreamName: 'tagged', Tags: { a: 'one' } }));
    const all = await kinesis.send(new ListTagsForStreamCommand({ StreamName: 'tagged' }));
    assert.deepEqual(all.Tags, [
      { Key: 'a', Value: 'one' },
      { Key: 'b', Value: '2' },
      { Key: 'c', Value: '' },
      { Key: 'created', Value: 'yes' },
    ]);
    assert.equal(all.HasMoreTags, false);
    const page = await kinesis.send(new ListTagsForStreamCommand({ StreamName: 'tagged', ExclusiveStartTagKey: 'a', Limit: 2 }));
    assert.deepEqual(page.Tags!.map((t) => t.Key), ['b', 'c']);
    assert.equal(page.HasMoreTags, true);
    await kinesis.send(new RemoveTagsFromStreamCommand({ StreamName: 'tagged', TagKeys: ['b', 'c', 'unknown'] }));
    const left = await kinesis.send(new ListTagsForStreamCommand({ StreamName: 'tagged' }));
    assert.deepEqual(left.Tags!.map((t) => t.Key), ['a', 'created']);
  });

  it('refuses invalid characters and more than 50 tags', async () => {
    await assertAwsError(
      kinesisJson(ep, 'AddTagsToStream', { StreamName: 'tagged', Tags: { 'a;': 'b' } }),
      'InvalidArgumentException',
      'Some tags contain invalid characters. Valid characters: Unicode letters, digits, white space, _ . / = + - % @.',
    );
    await assertAwsError(
      kinesisJson(ep, 'AddTagsToStream', { StreamName: 'tagged', Tags: { 'a%': 'b' } }),
      'InvalidArgumentException',
      "Failed to add tags to stream tagged under account 000000000000 because some tags contained illegal characters. The allowed characters are Unicode letters, white-spaces, '_',',','/','=','+','-','@'.",
    );
    await assertAwsError(
      kinesisJson(ep, 'RemoveTagsFromStream', { StreamName: 'tagged', TagKeys: ['x%'] }),
      'InvalidArgumentException',
      "Failed to remove tags from stream tagged under account 000000000000 because some tags contained illegal characters. The allowed characters are Unicode letters, white-spaces, '_',',','/','=','+','-','@'.",
    );
    const many = Object.fromEntries(Array.from({ length: 49 }, (_, i) => [`k${i}`, 'v']));
    await assertAwsError(
      kinesisJson(ep, 'AddTagsToStream', { StreamName: 'tagged', Tags: many }),
      'InvalidArgumentException',
      // The limit is 50; AWS's text still says 10.
      'Failed to add tags to stream tagged under account 000000000000 because a given stream cannot have more than 10 tags associated with it.',
    );
    await assertAwsError(
      kinesisJson(ep, 'AddTagsToStream', { StreamName: 'missing', Tags: { a: 'b' } }),
      'ResourceNotFoundException',
      'Stream missing under account 000000000000 not found.',
    );
  });

  it('TagResource / UntagResource / ListTagsForResource work on the stream ARN', async () => {
    await kinesis.send(new TagResourceCommand({ ResourceARN: ARN, Tags: { env: 'test' } }));
    const tags = await kinesis.send(new ListTagsForResourceCommand({ ResourceARN: ARN }));
    assert.deepEqual(tags.Tags!.find((t) => t.Key === 'env'), { Key: 'env', Value: 'test' });
    await kinesis.send(new UntagResourceCommand({ ResourceARN: ARN, TagKeys: ['env'] }));
    const after = await kinesis.send(new ListTagsForResourceCommand({ ResourceARN: ARN }));
    assert.equal(after.Tags!.find((t) => t.Key === 'env'), undefined);
    await assertAwsError(
      kinesisJson(ep, 'ListTagsForResource', { ResourceARN: 'arn:aws:kinesis:us-east-1:000000000000:stream/none' }),
      'ResourceNotFoundException',
      'Stream none under account 000000000000 not found.',
    );
  });
});

describe('retention period', () => {
  it('increases and decreases within 24–8760 hours', async () => {
    await kinesis.send(new IncreaseStreamRetentionPeriodCommand({ StreamName: 'tagged', RetentionPeriodHours: 8760 }));
    let s = (await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'tagged' }))).StreamDescriptionSummary!;
    assert.equal(s.RetentionPeriodHours, 8760);
    await kinesis.send(new DecreaseStreamRetentionPeriodCommand({ StreamName: 'tagged', RetentionPeriodHours: 48 }));
    s = (await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'tagged' }))).StreamDescriptionSummary!;
    assert.equal(s.RetentionPeriodHours, 48);
  });

  it('answers AWS messages for out-of-range and wrong-direction changes', async () => {
    await assertAwsError(
      kinesisJson(ep, 'IncreaseStreamRetentionPeriod', { StreamName: 'tagged', RetentionPeriodHours: 0 }),
      'ValidationException',
      "1 validation error detected: Value '0' at 'retentionPeriodHours' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
    await assertAwsError(
      kinesisJson(ep, 'IncreaseStreamRetentionPeriod', { StreamName: 'tagged', RetentionPeriodHours: 23 }),
      'InvalidArgumentException',
      'Minimum allowed retention period is 24 hours. Requested retention period (23 hours) is too short.',
    );
    await assertAwsError(
      kinesisJson(ep, 'IncreaseStreamRetentionPeriod', { StreamName: 'tagged', RetentionPeriodHours: 8761 }),
      'InvalidArgumentException',
      'Maximum allowed retention period is 8760 hours. Requested retention period (8761 hours) is too long.',
    );
    await assertAwsError(
      kinesisJson(ep, 'IncreaseStreamRetentionPeriod', { StreamName: 'tagged', RetentionPeriodHours: 25 }),
      'InvalidArgumentException',
      'Requested retention period (25 hours) for stream tagged can not be shorter than existing retention period (48 hours). Use DecreaseRetentionPeriod API.',
    );
    await assertAwsError(
      kinesisJson(ep, 'DecreaseStreamRetentionPeriod', { StreamName: 'tagged', RetentionPeriodHours: 72 }),
      'InvalidArgumentException',
      'Requested retention period (72 hours) for stream tagged can not be longer than existing retention period (48 hours). Use IncreaseRetentionPeriod API.',
    );
  });
});
