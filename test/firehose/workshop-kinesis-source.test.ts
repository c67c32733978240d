/**
 * The workshop's "Offload to S3" step: a Kinesis stream as the source of a delivery stream that writes to S3 with
 * the prefix `my/`, giving `my/YYYY/MM/DD/HH/my-traffic-message-data-1-YYYY-MM-DD-HH-MM-SS-<uuid>`. Records are
 * read in-process from the delivery start; KPL-aggregated records arrive de-aggregated; after a restart the
 * reader resumes from its checkpoint instead of reading the stream again.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateStreamCommand, DescribeStreamSummaryCommand, PutRecordsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { CreateDeliveryStreamCommand, DescribeDeliveryStreamCommand, PutRecordCommand, type FirehoseClient } from '@aws-sdk/client-firehose';
import { aggregate } from '../../src/firehose/delivery/kpl-aggregation.js';
import type { TestServer } from '../helpers/freshet.js';
import { eventually, firehoseClient, listObjects, ROLE_ARN, startFirehoseServer, waitActive, waitObjects } from './support.js';

const STREAM_ARN = 'arn:aws:kinesis:us-east-1:000000000000:stream/traffic-stream';

describe('workshop: Kinesis stream → Firehose → S3 under my/YYYY/MM/DD/HH/', () => {
  let dataDir: string;
  let server: TestServer;
  let kinesis: KinesisClient;
  let firehose: FirehoseClient;

  async function start(): Promise<void> {
    server = await startFirehoseServer({ dataDir });
    kinesis = server.kinesis();
    firehose = firehoseClient(server.endpoint);
  }
  async function stop(): Promise<void> {
    firehose.destroy();
    await server.stop();
  }

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'freshet-firehose-workshop-'));
    await start();
  });
  after(async () => {
    await stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function putTraffic(messages: object[]): Promise<void> {
    const res = await kinesis.send(
      new PutRecordsCommand({
        StreamName: 'traffic-stream',
        Records: messages.map((m, i) => ({ Data: Buffer.from(JSON.stringify(m) + '\n'), PartitionKey: `pk-${i}` })),
      }),
    );
    assert.equal(res.FailedRecordCount, 0);
  }

  it('delivers the stream to my/YYYY/MM/DD/HH/<delivery stream>-1-… objects', async () => {
    await kinesis.send(new CreateStreamCommand({ StreamName: 'traffic-stream', ShardCount: 2 }));
    await eventually(async () => {
      const s = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'traffic-stream' }));
      return s.StreamDescriptionSummary!.StreamStatus === 'ACTIVE' ? true : undefined;
    });
    await firehose.send(
      new CreateDeliveryStreamCommand({
        DeliveryStreamName: 'my-traffic-message-data',
        DeliveryStreamType: 'KinesisStreamAsSource',
        KinesisStreamSourceConfiguration: { KinesisStreamARN: STREAM_ARN, RoleARN: ROLE_ARN },
        ExtendedS3DestinationConfiguration: {
          RoleARN: ROLE_ARN,
          BucketARN: 'arn:aws:s3:::amis-traffic-message-data',
          Prefix: 'my/',
          BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 1 },
        },
      }),
    );
    await waitActive(firehose, 'my-traffic-message-data');
    const d = (await firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'my-traffic-message-data' }))).DeliveryStreamDescription!;
    assert.equal(d.DeliveryStreamType, 'KinesisStreamAsSource');
    assert.equal(d.Source!.KinesisStreamSourceDescription!.KinesisStreamARN, STREAM_ARN);
    assert.ok(d.Source!.KinesisStreamSourceDescription!.DeliveryStartTimestamp instanceof Date);
    await assert.rejects(
      firehose.send(new PutRecordCommand({ DeliveryStreamName: 'my-traffic-message-data', Record: { Data: Buffer.from('x') } })),
      { name: 'InvalidArgumentException', message: 'This operation is not permitted on KinesisStreamAsSource delivery stream type.' },
    );

    const messages = Array.from({ length: 30 }, (_, i) => ({ country: ['NL', 'DE', 'BE'][i % 3], speed: 80 + i }));
    await putTraffic(messages);
    const objects = await eventually(async () => {
      const all = await listObjects(server.dataDir, 'amis-traffic-message-data', 'my/');
      const lines = all.flatMap((o) => o.body.toString().split('\n').filter(Boolean));
      return lines.length >= messages.length ? all : undefined;
    });
    for (const o of objects) {
      assert.match(
        o.key,
        /^my\/\d{4}\/\d{2}\/\d{2}\/\d{2}\/my-traffic-message-data-1-\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}-[0-9a-f-]{36}$/,
      );
    }
    const lines = objects.flatMap((o) => o.body.toString().split('\n').filter(Boolean)).map((l) => JSON.parse(l));
    assert.deepEqual(lines.map((m) => m.speed).sort((a, b) => a - b), messages.map((m) => m.speed));
  });

  it('de-aggregates KPL records read from the stream', async () => {
    const users = Array.from({ length: 5 }, (_, i) => ({ data: Buffer.from(`{"kpl":${i}}\n`), partitionKey: `u${i}` }));
    await kinesis.send(new PutRecordsCommand({ StreamName: 'traffic-stream', Records: [{ Data: aggregate(users), PartitionKey: 'agg' }] }));
    const lines = await eventually(async () => {
      const all = await listObjects(server.dataDir, 'amis-traffic-message-data', 'my/');
      const kpl = all.flatMap((o) => o.body.toString().split('\n')).filter((l) => l.startsWith('{"kpl"'));
      return kpl.length >= 5 ? kpl : undefined;
    });
    assert.deepEqual(lines.sort(), users.map((u) => u.data.toString().trim()));
  });

  it('resumes from its checkpoint after a restart, without reading the stream again', async () => {
    const before = (await listObjects(server.dataDir, 'amis-traffic-message-data', 'my/')).length;
    await stop();
    await start();
    await putTraffic([{ country: 'FR', speed: 1000 }]);
    const objects = await eventually(async () => {
      const all = await listObjects(server.dataDir, 'amis-traffic-message-data', 'my/');
      return all.some((o) => o.body.toString().includes('"speed":1000')) ? all : undefined;
    });
    await waitObjects(server.dataDir, 'amis-traffic-message-data', before + 1, 'my/');
    const lines = objects.flatMap((o) => o.body.toString().split('\n').filter(Boolean));
    // 30 messages + 5 KPL user records + the new one: nothing was copied twice.
    assert.equal(lines.length, 36);
  });
});
