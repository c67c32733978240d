/** Every Firehose action through @aws-sdk/client-firehose, with the errors AWS answers. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateDeliveryStreamCommand,
  DeleteDeliveryStreamCommand,
  DescribeDeliveryStreamCommand,
  ListDeliveryStreamsCommand,
  ListTagsForDeliveryStreamCommand,
  PutRecordBatchCommand,
  PutRecordCommand,
  StartDeliveryStreamEncryptionCommand,
  StopDeliveryStreamEncryptionCommand,
  TagDeliveryStreamCommand,
  UntagDeliveryStreamCommand,
  UpdateDestinationCommand,
  type FirehoseClient,
} from '@aws-sdk/client-firehose';
import type { TestServer } from '../helpers/freshet.js';
import { eventually, firehoseClient, s3Destination, startFirehoseServer, waitActive } from './support.js';

async function rejects(p: Promise<unknown>, type: string, message?: string | RegExp): Promise<void> {
  await assert.rejects(p, (err: any) => {
    assert.equal(err.name, type, `expected ${type}, got ${err.name}: ${err.message}`);
    if (typeof message === 'string') assert.equal(err.message, message);
    else if (message) assert.match(err.message, message);
    return true;
  });
}

describe('Firehose API through the JS SDK', () => {
  let server: TestServer;
  let client: FirehoseClient;

  before(async () => {
    server = await startFirehoseServer({ firehose: { transitionMs: 300 } });
    client = firehoseClient(server.endpoint);
  });
  after(async () => {
    client.destroy();
    await server.stop();
  });

  it('creates a stream CREATING, then ACTIVE, and describes it as AWS does', async () => {
    const created = await client.send(
      new CreateDeliveryStreamCommand({ DeliveryStreamName: 'life', ExtendedS3DestinationConfiguration: s3Destination('bucket-one', { Prefix: 'p/' }) as any }),
    );
    assert.equal(created.DeliveryStreamARN, 'arn:aws:firehose:us-east-1:000000000000:deliverystream/life');
    const first = await client.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'life' }));
    assert.equal(first.DeliveryStreamDescription!.DeliveryStreamStatus, 'CREATING');
    await rejects(
      client.send(new DeleteDeliveryStreamCommand({ DeliveryStreamName: 'life' })),
      'ResourceInUseException',
      'Firehose life under account 000000000000 cannot be deleted in CREATING state',
    );
    await waitActive(client, 'life');
    const d = (await client.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'life' }))).DeliveryStreamDescription!;
    assert.equal(d.DeliveryStreamType, 'DirectPut');
    assert.equal(d.VersionId, '1');
    assert.ok(d.CreateTimestamp instanceof Date);
    assert.equal(d.HasMoreDestinations, false);
    assert.deepEqual(d.DeliveryStreamEncryptionConfiguration, { Status: 'DISABLED' });
    const dest = d.Destinations![0]!;
    assert.equal(dest.DestinationId, 'destinationId-000000000001');
    assert.deepEqual(dest.ExtendedS3DestinationDescription, {
      RoleARN: 'arn:aws:iam::000000000000:role/firehose_delivery_role',
      BucketARN: 'arn:aws:s3:::bucket-one',
      Prefix: 'p/',
      BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 0 },
      CompressionFormat: 'UNCOMPRESSED',
      EncryptionConfiguration: { NoEncryptionConfig: 'NoEncryption' },
      CloudWatchLoggingOptions: { Enabled: false },
      S3BackupMode: 'Disabled',
    });
    assert.equal(dest.S3DestinationDescription!.BucketARN, 'arn:aws:s3:::bucket-one');
  });

  it('refuses a second stream of the same name and names missing ones', async () => {
    await rejects(
      client.send(new CreateDeliveryStreamCommand({ DeliveryStreamName: 'life', S3DestinationConfiguration: s3Destination('bucket-one') as any })),
      'ResourceInUseException',
      'Firehose life under accountId 000000000000 already exists',
    );
    await rejects(
      client.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'nope' })),
      'ResourceNotFoundException',
      'Firehose nope under account 000000000000 not found.',
    );
    await rejects(client.send(new PutRecordCommand({ DeliveryStreamName: 'nope', Record: { Data: Buffer.from('x') } })), 'ResourceNotFoundException');
  });

  it('validates members the way the Coral front end does', async () => {
    await rejects(
      client.send(new CreateDeliveryStreamCommand({ DeliveryStreamName: 'bad name', S3DestinationConfiguration: s3Destination('bucket-one') as any })),
      'ValidationException',
      "1 validation error detected: Value 'bad name' at 'deliveryStreamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
    );
    await rejects(
      client.send(
        new CreateDeliveryStreamCommand({
          DeliveryStreamName: 'x',
          ExtendedS3DestinationConfiguration: s3Destination('bucket-one', { BufferingHints: { SizeInMBs: 129, IntervalInSeconds: 901 } }) as any,
        }),
      ),
      'ValidationException',
      /^2 validation errors detected: .*extendedS3DestinationConfiguration\.bufferingHints\.sizeInMBs.*less than or equal to 128.*intervalInSeconds.*less than or equal to 900/,
    );
    await rejects(
      client.send(new PutRecordBatchCommand({ DeliveryStreamName: 'life', Records: Array.from({ length: 501 }, () => ({ Data: Buffer.from('x') })) })),
      'ValidationException',
      /Member must have length less than or equal to 500/,
    );
    await rejects(client.send(new CreateDeliveryStreamCommand({ DeliveryStreamName: 'nodest' })), 'InvalidArgumentException');
    await rejects(
      client.send(
        new CreateDeliveryStreamCommand({
          DeliveryStreamName: 'x',
          ExtendedS3DestinationConfiguration: s3Destination('bucket-one', { Prefix: 'a/!{timestamp:yyyy}/' }) as any,
        }),
      ),
      'InvalidArgumentException',
      'ErrorOutputPrefix cannot be null or empty when Prefix contains expressions.',
    );
    await rejects(
      client.send(
        new CreateDeliveryStreamCommand({
          DeliveryStreamName: 'x',
          ExtendedS3DestinationConfiguration: s3Destination('bucket-one', { Prefix: 'a/!{firehose:error-output-type}/', ErrorOutputPrefix: 'e/' }) as any,
        }),
      ),
      'InvalidArgumentException',
      'The expression !{firehose:error-output-type} is not allowed in Prefix.',
    );
  });

  it('puts records one by one and in batches', async () => {
    const one = await client.send(new PutRecordCommand({ DeliveryStreamName: 'life', Record: { Data: Buffer.from('hello') } }));
    assert.ok(one.RecordId && one.RecordId.length > 20);
    assert.equal(one.Encrypted, false);
    const batch = await client.send(
      new PutRecordBatchCommand({ DeliveryStreamName: 'life', Records: [{ Data: Buffer.from('a') }, { Data: Buffer.from('b') }] }),
    );
    assert.equal(batch.FailedPutCount, 0);
    assert.equal(batch.RequestResponses!.length, 2);
    assert.ok(batch.RequestResponses!.every((r) => r.RecordId && !r.ErrorCode));
  });

  it('checks CurrentDeliveryStreamVersionId and bumps the version on UpdateDestination', async () => {
    await rejects(
      client.send(
        new UpdateDestinationCommand({
          DeliveryStreamName: 'life',
          CurrentDeliveryStreamVersionId: '7',
          DestinationId: 'destinationId-000000000001',
          ExtendedS3DestinationUpdate: { Prefix: 'q/' },
        }),
      ),
      'ConcurrentModificationException',
      'Cannot update firehose: life since the current version id: 1 and specified version id: 7 do not match',
    );
    await client.send(
      new UpdateDestinationCommand({
        DeliveryStreamName: 'life',
        CurrentDeliveryStreamVersionId: '1',
        DestinationId: 'destinationId-000000000001',
        ExtendedS3DestinationUpdate: { Prefix: 'q/', CompressionFormat: 'GZIP' },
      }),
    );
    const d = (await client.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'life' }))).DeliveryStreamDescription!;
    assert.equal(d.VersionId, '2');
    assert.ok(d.LastUpdateTimestamp instanceof Date);
    const s3 = d.Destinations![0]!.ExtendedS3DestinationDescription!;
    assert.equal(s3.Prefix, 'q/');
    assert.equal(s3.CompressionFormat, 'GZIP');
    // Members the update left out are kept.
    assert.equal(s3.BucketARN, 'arn:aws:s3:::bucket-one');
    assert.deepEqual(s3.BufferingHints, { SizeInMBs: 1, IntervalInSeconds: 0 });
  });

  it('starts and stops server-side encryption through ENABLING and DISABLING', async () => {
    await client.send(new StartDeliveryStreamEncryptionCommand({ DeliveryStreamName: 'life', DeliveryStreamEncryptionConfigurationInput: { KeyType: 'AWS_OWNED_CMK' } }));
    const enabling = (await client.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'life' }))).DeliveryStreamDescription!;
    assert.deepEqual(enabling.DeliveryStreamEncryptionConfiguration, { KeyType: 'AWS_OWNED_CMK', Status: 'ENABLING' });
    await eventually(async () => {
      const d = (await client.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'life' }))).DeliveryStreamDescription!;
      return d.DeliveryStreamEncryptionConfiguration!.Status === 'ENABLED' ? true : undefined;
    });
    const put = await client.send(new PutRecordCommand({ DeliveryStreamName: 'life', Record: { Data: Buffer.from('secret') } }));
    assert.equal(put.Encrypted, true);
    await rejects(
      client.send(new StartDeliveryStreamEncryptionCommand({ DeliveryStreamName: 'life', DeliveryStreamEncryptionConfigurationInput: { KeyType: 'CUSTOMER_MANAGED_CMK' } })),
      'InvalidArgumentException',
    );
    await client.send(new StopDeliveryStreamEncryptionCommand({ DeliveryStreamName: 'life' }));
    await eventually(async () => {
      const d = (await client.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'life' }))).DeliveryStreamDescription!;
      return d.DeliveryStreamEncryptionConfiguration!.Status === 'DISABLED' ? true : undefined;
    });
  });

  it('tags, lists tags in pages and untags', async () => {
    await client.send(new TagDeliveryStreamCommand({ DeliveryStreamName: 'life', Tags: [{ Key: 'b', Value: '2' }, { Key: 'a', Value: '1' }, { Key: 'c' }] }));
    const page = await client.send(new ListTagsForDeliveryStreamCommand({ DeliveryStreamName: 'life', Limit: 2 }));
    assert.deepEqual(page.Tags, [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }]);
    assert.equal(page.HasMoreTags, true);
    const rest = await client.send(new ListTagsForDeliveryStreamCommand({ DeliveryStreamName: 'life', ExclusiveStartTagKey: 'b' }));
    assert.deepEqual(rest.Tags, [{ Key: 'c' }]);
    assert.equal(rest.HasMoreTags, false);
    await client.send(new UntagDeliveryStreamCommand({ DeliveryStreamName: 'life', TagKeys: ['a', 'c'] }));
    const left = await client.send(new ListTagsForDeliveryStreamCommand({ DeliveryStreamName: 'life' }));
    assert.deepEqual(left.Tags, [{ Key: 'b', Value: '2' }]);
    await rejects(client.send(new TagDeliveryStreamCommand({ DeliveryStreamName: 'life', Tags: [{ Key: 'aws:x', Value: '1' }] })), 'ValidationException');
  });

  it('lists streams alphabetically in pages, by type', async () => {
    for (const name of ['zeta', 'alpha']) {
      await client.send(
        new CreateDeliveryStreamCommand({
          DeliveryStreamName: name,
          DirectPutSourceConfiguration: name === 'alpha' ? { ThroughputHintInMBs: 10 } : undefined,
          S3DestinationConfiguration: s3Destination('bucket-two') as any,
        }),
      );
    }
    const first = await client.send(new ListDeliveryStreamsCommand({ Limit: 2 }));
    assert.deepEqual(first.DeliveryStreamNames, ['alpha', 'life']);
    assert.equal(first.HasMoreDeliveryStreams, true);
    const next = await client.send(new ListDeliveryStreamsCommand({ ExclusiveStartDeliveryStreamName: 'life' }));
    assert.deepEqual(next.DeliveryStreamNames, ['zeta']);
    assert.equal(next.HasMoreDeliveryStreams, false);
    const alpha = (await client.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'alpha' }))).DeliveryStreamDescription!;
    assert.deepEqual(alpha.Source, { DirectPutSourceDescription: { ThroughputHintInMBs: 10 } });
    const kinesis = await client.send(new ListDeliveryStreamsCommand({ DeliveryStreamType: 'KinesisStreamAsSource' }));
    assert.deepEqual(kinesis.DeliveryStreamNames, []);
  });

  it('deletes through DELETING', async () => {
    await waitActive(client, 'zeta');
    await client.send(new DeleteDeliveryStreamCommand({ DeliveryStreamName: 'zeta' }));
    const d = (await client.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'zeta' }))).DeliveryStreamDescription!;
    assert.equal(d.DeliveryStreamStatus, 'DELETING');
    await eventually(async () => {
      try {
        await client.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'zeta' }));
        return undefined;
      } catch (err: any) {
        return err.name === 'ResourceNotFoundException' ? true : undefined;
      }
    });
  });
});
