/** ListShards: naming the stream, NextToken paging, conflicting parameters and every ShardFilter type. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CreateStreamCommand, KinesisClient, ListShardsCommand } from '@aws-sdk/client-kinesis';
import { assertAwsError, kinesisJson, startKinesisServer, waitForStatus, type KinesisTestServer } from './control-support.js';
import { addShard, closeShard } from '../../src/kinesis/model/shards.js';

let server: KinesisTestServer;
let kinesis: KinesisClient;
let ep: string;
let createdAt: Date;

before(async () => {
  server = await startKinesisServer();
  ep = server.endpoint;
  kinesis = server.kinesis();
  await kinesis.send(new CreateStreamCommand({ StreamName: 'ls', ShardCount: 5 }));
  await waitForStatus(ep, 'ls', 'ACTIVE');
  const r = await kinesisJson(ep, 'DescribeStreamSummary', { StreamName: 'ls' });
  createdAt = new Date(r.body.StreamDescriptionSummary.StreamCreationTimestamp * 1000);
});
after(() => server.stop());

const ids = (shards: Array<{ ShardId?: string }> | undefined) => (shards ?? []).map((s) => s.ShardId);

describe('ListShards', () => {
  it('lists every shard by name or by ARN', async () => {
    const byName = await kinesis.send(new ListShardsCommand({ StreamName: 'ls' }));
    assert.equal(byName.Shards!.length, 5);
    assert.equal(byName.NextToken, undefined);
    const byArn = await kinesis.send(new ListShardsCommand({ StreamARN: 'arn:aws:kinesis:us-east-1:000000000000:stream/ls' }));
    assert.deepEqual(ids(byArn.Shards), ids(byName.Shards));
  });

  it('pages with MaxResults and NextToken, and ExclusiveStartShardId', async () => {
    const p1 = await kinesis.send(new ListShardsCommand({ StreamName: 'ls', MaxResults: 2 }));
    assert.deepEqual(ids(p1.Shards), ['shardId-000000000000', 'shardId-000000000001']);
    assert.ok(p1.NextToken);
    const p2 = await kinesis.send(new ListShardsCommand({ NextToken: p1.NextToken, MaxResults: 2 }));
    assert.deepEqual(ids(p2.Shards), ['shardId-000000000002', 'shardId-000000000003']);
    const p3 = await kinesis.send(new ListShardsCommand({ NextToken: p2.NextToken }));
    assert.deepEqual(ids(p3.Shards), ['shardId-000000000004']);
    assert.equal(p3.NextToken, undefined);
    const after3 = await kinesis.send(new ListShardsCommand({ StreamName: 'ls', ExclusiveStartShardId: 'shardId-000000000003' }));
    assert.deepEqual(ids(after3.Shards), ['shardId-000000000004']);
  });

  it('matches StreamCreationTimestamp against the stream incarnation', async () => {
    const ok = await kinesis.send(new ListShardsCommand({ StreamName: 'ls', StreamCreationTimestamp: createdAt }));
    assert.equal(ok.Shards!.length, 5);
    await assertAwsError(
      kinesisJson(ep, 'ListShards', { StreamName: 'ls', StreamCreationTimestamp: createdAt.getTime() / 1000 - 3600 }),
      'ResourceNotFoundException',
      'Stream ls under account 000000000000 not found.',
    );
  });

  it('refuses conflicting or missing parameters', async () => {
    await assertAwsError(kinesisJson(ep, 'ListShards', {}), 'InvalidArgumentException', 'Either NextToken or StreamName should be provided.');
    await assertAwsError(
      kinesisJson(ep, 'ListShards', { StreamName: 'ls', NextToken: 'abc' }),
      'InvalidArgumentException',
      'NextToken and StreamName cannot be provided together.',
    );
    await assertAwsError(kinesisJson(ep, 'ListShards', { NextToken: 'abc' }), 'InvalidArgumentException', /NextToken/);
    await assertAwsError(
      kinesisJson(ep, 'ListShards', { StreamName: 'ls', ExclusiveStartShardId: 'shardId-000000000001', ShardFilter: { Type: 'AT_LATEST' } }),
      'InvalidArgumentException',
      /ExclusiveStartShardId/,
    );
    await assertAwsError(
      kinesisJson(ep, 'ListShards', { StreamName: 'ls', ShardFilter: { Type: 'AFTER_SHARD_ID' } }),
      'InvalidArgumentException',
      /ShardId/,
    );
    await assertAwsError(
      kinesisJson(ep, 'ListShards', { StreamName: 'ls', ShardFilter: { Type: 'AT_TIMESTAMP' } }),
      'InvalidArgumentException',
      /Timestamp/,
    );
    await assertAwsError(kinesisJson(ep, 'ListShards', { StreamName: 'nope' }), 'ResourceNotFoundException', 'Stream nope under account 000000000000 not found.');
  });
});

describe('ShardFilter', () => {
  before(async () => {
    // Reshape the stream the way a merge would (the data plane's MergeShards does the same through the registry):
    // shards 0 and 1 closed an hour ago, their child open since then.
    const registry = server.service.runtime.registry;
    const hourAgo = Date.now() - 3_600_000;
    await registry.mutate({ accountId: '000000000000', region: 'us-east-1' }, { StreamName: 'ls' }, (s) => {
      // The stream is two hours old for this test.
      s.createdMs -= 2 * 3_600_000;
      for (const shard of s.shards) shard.createdMs -= 2 * 3_600_000;
      const [a, b] = s.shards;
      closeShard(a!, hourAgo);
      closeShard(b!, hourAgo);
      addShard(s, { StartingHashKey: a!.startingHashKey, EndingHashKey: b!.endingHashKey }, hourAgo, {
        parentShardId: a!.shardId,
        adjacentParentShardId: b!.shardId,
      });
    });
  });

  const filter = async (f: Record<string, unknown>) => ids((await kinesis.send(new ListShardsCommand({ StreamName: 'ls', ShardFilter: f as any }))).Shards);

  it('AT_LATEST: open shards only', async () => {
    assert.deepEqual(await filter({ Type: 'AT_LATEST' }), ['shardId-000000000002', 'shardId-000000000003', 'shardId-000000000004', 'shardId-000000000005']);
  });
  it('FROM_TRIM_HORIZON: every retained shard', async () => {
    assert.equal((await filter({ Type: 'FROM_TRIM_HORIZON' })).length, 6);
  });
  it('AT_TRIM_HORIZON: the shards open at the trim horizon', async () => {
    assert.deepEqual(await filter({ Type: 'AT_TRIM_HORIZON' }), [
      'shardId-000000000000',
      'shardId-000000000001',
      'shardId-000000000002',
      'shardId-000000000003',
      'shardId-000000000004',
    ]);
  });
  it('AFTER_SHARD_ID', async () => {
    assert.deepEqual(await filter({ Type: 'AFTER_SHARD_ID', ShardId: 'shardId-000000000003' }), ['shardId-000000000004', 'shardId-000000000005']);
  });
  it('AT_TIMESTAMP: shards open at that time', async () => {
    const now = await filter({ Type: 'AT_TIMESTAMP', Timestamp: new Date() });
    assert.deepEqual(now, ['shardId-000000000002', 'shardId-000000000003', 'shardId-000000000004', 'shardId-000000000005']);
  });
  it('FROM_TIMESTAMP: shards closed after it, and open ones', async () => {
    const recent = await filter({ Type: 'FROM_TIMESTAMP', Timestamp: new Date(Date.now() - 60_000) });
    assert.deepEqual(recent, ['shardId-000000000002', 'shardId-000000000003', 'shardId-000000000004', 'shardId-000000000005']);
    const older = await filter({ Type: 'FROM_TIMESTAMP', Timestamp: new Date(Date.now() - 1.5 * 3_600_000) });
    assert.equal(older.length, 6);
    const atOld = await filter({ Type: 'AT_TIMESTAMP', Timestamp: new Date(Date.now() - 1.5 * 3_600_000) });
    assert.deepEqual(atOld, ['shardId-000000000000', 'shardId-000000000001', 'shardId-000000000002', 'shardId-000000000003', 'shardId-000000000004']);
  });
  it('keeps lineage on the child', async () => {
    const r = await kinesis.send(new ListShardsCommand({ StreamName: 'ls', ShardFilter: { Type: 'AFTER_SHARD_ID', ShardId: 'shardId-000000000004' } }));
    assert.equal(r.Shards![0]!.ParentShardId, 'shardId-000000000000');
    assert.equal(r.Shards![0]!.AdjacentParentShardId, 'shardId-000000000001');
    assert.match(r.Shards![0]!.SequenceNumberRange!.StartingSequenceNumber!, /^\d+$/);
  });
});
