/** Stream lifecycle through @aws-sdk/client-kinesis: create, describe, list, delete, limits and state errors. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateStreamCommand,
  DeleteStreamCommand,
  DescribeLimitsCommand,
  DescribeStreamCommand,
  DescribeStreamSummaryCommand,
  EnableEnhancedMonitoringCommand,
  KinesisClient,
  ListStreamsCommand,
} from '@aws-sdk/client-kinesis';
import { startTestServer, type TestServer } from '../helpers/freshet.js';
import { waitForStatus } from './control-support.js';

let server: TestServer;
let kinesis: KinesisClient;
before(async () => {
  // CREATING/DELETING last long enough to be observed by the call right after; ACTIVE is awaited by polling.
  server = await startTestServer({ createStreamMs: 300, deleteStreamMs: 300, shardLimit: 20 });
  kinesis = server.kinesis();
});
after(() => server.stop());

async function rejects(p: Promise<unknown>, name: string, message: string | RegExp): Promise<void> {
  await assert.rejects(p, (err: any) => {
    assert.equal(err.name, name);
    if (message instanceof RegExp) assert.match(err.message, message);
    else assert.equal(err.message, message);
    assert.equal(err.$metadata.httpStatusCode, 400);
    return true;
  });
}

describe('CreateStream and DescribeStream', () => {
  it('creates a 3-shard stream: CREATING without shards, then ACTIVE with even hash ranges', async () => {
    const before = Date.now();
    await kinesis.send(new CreateStreamCommand({ StreamName: 's3', ShardCount: 3 }));
    const creating = (await kinesis.send(new DescribeStreamCommand({ StreamName: 's3' }))).StreamDescription!;
    assert.equal(creating.StreamStatus, 'CREATING');
    assert.deepEqual(creating.Shards, []);
    assert.equal(creating.HasMoreShards, false);
    assert.equal(creating.StreamARN, 'arn:aws:kinesis:us-east-1:000000000000:stream/s3');

    await waitForStatus(server.endpoint, 's3', 'ACTIVE');
    const d = (await kinesis.send(new DescribeStreamCommand({ StreamName: 's3' }))).StreamDescription!;
    assert.equal(d.StreamStatus, 'ACTIVE');
    assert.deepEqual(d.StreamModeDetails, { StreamMode: 'PROVISIONED' });
    assert.equal(d.RetentionPeriodHours, 24);
    assert.equal(d.EncryptionType, 'NONE');
    assert.deepEqual(d.EnhancedMonitoring, [{ ShardLevelMetrics: [] }]);
    assert.deepEqual(
      d.Shards!.map((s) => [s.ShardId, s.HashKeyRange!.StartingHashKey, s.HashKeyRange!.EndingHashKey]),
      [
        ['shardId-000000000000', '0', '113427455640312821154458202477256070484'],
        ['shardId-000000000001', '113427455640312821154458202477256070485', '226854911280625642308916404954512140969'],
        ['shardId-000000000002', '226854911280625642308916404954512140970', '340282366920938463463374607431768211455'],
      ],
    );
    const starts = d.Shards!.map((s) => BigInt(s.SequenceNumberRange!.StartingSequenceNumber!));
    for (const s of d.Shards!) assert.match(s.SequenceNumberRange!.StartingSequenceNumber!, /^\d{56}$/);
    assert.equal((starts[1]! - starts[0]!).toString(), '22300745198530623141535718272648361505980432');
    // The shard creation time embedded in sequence numbers is back-dated a couple of seconds.
    const createdSecs = Number.parseInt(starts[0]!.toString(16).slice(1, 10), 16);
    assert.ok(createdSecs < before / 1000 && createdSecs > before / 1000 - 7);
    assert.ok(Math.abs(d.StreamCreationTimestamp!.getTime() - before) < 60_000);
  });

  it('pages shards with Limit and ExclusiveStartShardId', async () => {
    const p1 = (await kinesis.send(new DescribeStreamCommand({ StreamName: 's3', Limit: 2 }))).StreamDescription!;
    assert.deepEqual(p1.Shards!.map((s) => s.ShardId), ['shardId-000000000000', 'shardId-000000000001']);
    assert.equal(p1.HasMoreShards, true);
    const p2 = (
      await kinesis.send(new DescribeStreamCommand({ StreamName: 's3', Limit: 2, ExclusiveStartShardId: 'shardId-000000000001' }))
    ).StreamDescription!;
    assert.deepEqual(p2.Shards!.map((s) => s.ShardId), ['shardId-000000000002']);
    assert.equal(p2.HasMoreShards, false);
  });

  it('describes by StreamARN and summarises', async () => {
    const arn = 'arn:aws:kinesis:us-east-1:000000000000:stream/s3';
    const s = (await kinesis.send(new DescribeStreamSummaryCommand({ StreamARN: arn }))).StreamDescriptionSummary!;
    assert.equal(s.StreamName, 's3');
    assert.equal(s.OpenShardCount, 3);
    assert.equal(s.ConsumerCount, 0);
    assert.equal(s.MaxRecordSizeInKiB, 1024);
    assert.deepEqual(s.StreamModeDetails, { StreamMode: 'PROVISIONED' });
  });

  it('refuses a duplicate name and a stream over the shard limit', async () => {
    await rejects(
      kinesis.send(new CreateStreamCommand({ StreamName: 's3', ShardCount: 1 })),
      'ResourceInUseException',
      'Stream s3 under account 000000000000 already exists.',
    );
    await rejects(
      kinesis.send(new CreateStreamCommand({ StreamName: 'big', ShardCount: 100 })),
      'LimitExceededException',
      /^This request would exceed the shard limit for the account 000000000000 in us-east-1\. Current shard count for the account: \d+\. Limit: 20\. Number of additional shards that would have resulted from this request: 100\. Refer to the AWS Service Limits page \(http:\/\/docs\.aws\.amazon\.com\/general\/latest\/gr\/aws_service_limits\.html\) for current limits and how to request higher limits\.$/,
    );
  });

  it('creates an on-demand stream with 4 shards and warm throughput', async () => {
    await kinesis.send(
      new CreateStreamCommand({ StreamName: 'od', StreamModeDetails: { StreamMode: 'ON_DEMAND' }, WarmThroughputMiBps: 10, MaxRecordSizeInKiB: 2048, Tags: { team: 'a' } }),
    );
    await waitForStatus(server.endpoint, 'od', 'ACTIVE');
    const s = (await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'od' }))).StreamDescriptionSummary!;
    assert.equal(s.OpenShardCount, 4);
    assert.deepEqual(s.StreamModeDetails, { StreamMode: 'ON_DEMAND' });
    assert.deepEqual(s.WarmThroughput, { TargetMiBps: 10, CurrentMiBps: 10 });
    assert.equal(s.MaxRecordSizeInKiB, 2048);
    const limits = await kinesis.send(new DescribeLimitsCommand({}));
    assert.equal(limits.ShardLimit, 20);
    assert.equal(limits.OnDemandStreamCount, 1);
    assert.equal(limits.OpenShardCount, 7);
  });

  it('answers ResourceInUseException for control operations on a CREATING stream', async () => {
    await kinesis.send(new CreateStreamCommand({ StreamName: 'young', ShardCount: 1 }));
    await rejects(
      kinesis.send(new EnableEnhancedMonitoringCommand({ StreamName: 'young', ShardLevelMetrics: ['ALL'] })),
      'ResourceInUseException',
      'Stream young under account 000000000000 not ACTIVE, instead in state CREATING',
    );
    await rejects(
      kinesis.send(new DeleteStreamCommand({ StreamName: 'nope' })),
      'ResourceNotFoundException',
      'Stream nope under account 000000000000 not found.',
    );
  });
});

describe('ListStreams', () => {
  it('lists names and summaries in order, with HasMoreStreams and NextToken', async () => {
    for (const n of ['l-a', 'l-b', 'l-c']) await kinesis.send(new CreateStreamCommand({ StreamName: n, ShardCount: 1 }));
    const all = await kinesis.send(new ListStreamsCommand({}));
    assert.deepEqual(all.StreamNames, [...all.StreamNames!].sort());
    assert.ok(all.StreamNames!.includes('l-b'));
    assert.equal(all.HasMoreStreams, false);
    assert.equal(all.NextToken, undefined);
    const summary = all.StreamSummaries!.find((s) => s.StreamName === 'l-a')!;
    assert.equal(summary.StreamARN, 'arn:aws:kinesis:us-east-1:000000000000:stream/l-a');
    assert.deepEqual(summary.StreamModeDetails, { StreamMode: 'PROVISIONED' });
    assert.ok(summary.StreamCreationTimestamp instanceof Date);

    const p1 = await kinesis.send(new ListStreamsCommand({ Limit: 1, ExclusiveStartStreamName: 'l-a' }));
    assert.deepEqual(p1.StreamNames, ['l-b']);
    assert.equal(p1.HasMoreStreams, true);
    const p2 = await kinesis.send(new ListStreamsCommand({ Limit: 1, NextToken: p1.NextToken }));
    assert.deepEqual(p2.StreamNames, ['l-c']);
  });

  it('keeps regions apart', async () => {
    const other = server.kinesis({ region: 'eu-west-1' });
    const r = await other.send(new ListStreamsCommand({}));
    assert.deepEqual(r.StreamNames, []);
  });
});

describe('DeleteStream', () => {
  it('goes DELETING, then the stream is gone and its name free again', async () => {
    await kinesis.send(new CreateStreamCommand({ StreamName: 'doomed', ShardCount: 2 }));
    await waitForStatus(server.endpoint, 'doomed', 'ACTIVE');
    await kinesis.send(new DeleteStreamCommand({ StreamName: 'doomed' }));
    const d = (await kinesis.send(new DescribeStreamCommand({ StreamName: 'doomed' }))).StreamDescription!;
    assert.equal(d.StreamStatus, 'DELETING');
    await rejects(
      kinesis.send(new CreateStreamCommand({ StreamName: 'doomed', ShardCount: 1 })),
      'ResourceInUseException',
      'Stream doomed under account 000000000000 already exists.',
    );
    await waitForStatus(server.endpoint, 'doomed', 'GONE');
    await rejects(
      kinesis.send(new DescribeStreamCommand({ StreamName: 'doomed' })),
      'ResourceNotFoundException',
      'Stream doomed under account 000000000000 not found.',
    );
    await kinesis.send(new CreateStreamCommand({ StreamName: 'doomed', ShardCount: 1 }));
  });
});

describe('DeleteStream while CREATING', () => {
  it('is allowed, and the stream never shows shards', async () => {
    await kinesis.send(new CreateStreamCommand({ StreamName: 'brief', ShardCount: 2 }));
    await kinesis.send(new DeleteStreamCommand({ StreamName: 'brief' }));
    const d = (await kinesis.send(new DescribeStreamCommand({ StreamName: 'brief' }))).StreamDescription!;
    assert.equal(d.StreamStatus, 'DELETING');
    assert.deepEqual(d.Shards, []);
    await waitForStatus(server.endpoint, 'brief', 'GONE');
  });
});
