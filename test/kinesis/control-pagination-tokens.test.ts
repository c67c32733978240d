/** NextToken values of ListStreams and ListShards: opaque, tied to their operation, expiring after 300 seconds. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CreateStreamCommand, KinesisClient, ListShardsCommand, ListStreamsCommand } from '@aws-sdk/client-kinesis';
import { assertAwsError, kinesisJson, startKinesisServer, waitForStatus, type KinesisTestServer } from './control-support.js';

let server: KinesisTestServer;
let kinesis: KinesisClient;
// The service's clock, moved by the tests.
let offsetMs = 0;

before(async () => {
  server = await startKinesisServer({ now: () => Date.now() + offsetMs });
  kinesis = server.kinesis();
  for (const name of ['p1', 'p2']) await kinesis.send(new CreateStreamCommand({ StreamName: name, ShardCount: 3 }));
  await waitForStatus(server.endpoint, 'p2', 'ACTIVE');
});
after(() => server.stop());

describe('NextToken', () => {
  it('is refused by the other listing', async () => {
    const streams = await kinesis.send(new ListStreamsCommand({ Limit: 1 }));
    assert.ok(streams.NextToken);
    await assertAwsError(kinesisJson(server.endpoint, 'ListShards', { NextToken: streams.NextToken }), 'InvalidArgumentException', /NextToken/);
  });

  it('expires after 300 seconds', async () => {
    const shards = await kinesis.send(new ListShardsCommand({ StreamName: 'p1', MaxResults: 1 }));
    const streams = await kinesis.send(new ListStreamsCommand({ Limit: 1 }));
    offsetMs += 299_000;
    const stillValid = await kinesis.send(new ListShardsCommand({ NextToken: shards.NextToken, MaxResults: 1 }));
    assert.deepEqual(stillValid.Shards!.map((s) => s.ShardId), ['shardId-000000000001']);
    offsetMs += 2_000;
    await assertAwsError(kinesisJson(server.endpoint, 'ListShards', { NextToken: shards.NextToken }), 'ExpiredNextTokenException', /expired/);
    await assertAwsError(kinesisJson(server.endpoint, 'ListStreams', { NextToken: streams.NextToken }), 'ExpiredNextTokenException', /expired/);
  });
});
