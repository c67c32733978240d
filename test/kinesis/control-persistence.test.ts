/**
 * State that outlives the process: streams and their pending transitions are reloaded from storage (a stream left
 * CREATING turns ACTIVE, one left DELETING disappears with its logs), and retention really removes records.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CreateStreamCommand, DeleteStreamCommand, ListShardsCommand } from '@aws-sdk/client-kinesis';
import { closeShard } from '../../src/kinesis/model/shards.js';
import { startKinesisServer, waitForStatus } from './control-support.js';

const SCOPE = { accountId: '000000000000', region: 'us-east-1' };
const HOUR = 3_600_000;

describe('restart', () => {
  it('finishes a CREATING stream and keeps its metadata', async () => {
    const first = await startKinesisServer({ createStreamMs: 200 });
    await first.kinesis().send(new CreateStreamCommand({ StreamName: 'survivor', ShardCount: 2 }));
    await first.stop(true);

    const second = await startKinesisServer({ dataDir: first.dataDir });
    try {
      await waitForStatus(second.endpoint, 'survivor', 'ACTIVE');
      const shards = await second.kinesis().send(new ListShardsCommand({ StreamName: 'survivor' }));
      assert.equal(shards.Shards!.length, 2);
    } finally {
      await second.stop();
    }
  });

  it('completes a deletion after restart and removes the shard logs', async () => {
    const first = await startKinesisServer({ deleteStreamMs: 200 });
    await first.kinesis().send(new CreateStreamCommand({ StreamName: 'gone', ShardCount: 1 }));
    await waitForStatus(first.endpoint, 'gone', 'ACTIVE');
    const log = first.service.runtime.registry.find('000000000000', 'us-east-1', 'gone')!.shards[0]!.logKey;
    await first.storage.append(log, [{ partitionKey: 'p', data: Buffer.from('x'), arrivalMs: Date.now() }]);
    assert.equal(await first.storage.nextPosition(log), 1);
    await first.kinesis().send(new DeleteStreamCommand({ StreamName: 'gone' }));
    await first.stop(true);

    const second = await startKinesisServer({ dataDir: first.dataDir });
    try {
      await waitForStatus(second.endpoint, 'gone', 'GONE');
      assert.equal(await second.storage.nextPosition(log), 0, 'the log is gone from storage');
    } finally {
      await second.stop();
    }
  });
});

describe('retention trimming', () => {
  it('removes expired records from disk and drops closed shards whose records all expired', async () => {
    const server = await startKinesisServer({ retentionCheckMs: 20 });
    try {
      const registry = server.service.runtime.registry;
      await server.kinesis().send(new CreateStreamCommand({ StreamName: 'old', ShardCount: 2 }));
      await waitForStatus(server.endpoint, 'old', 'ACTIVE');
      const [open, closing] = registry.find('000000000000', 'us-east-1', 'old')!.shards;
      const now = Date.now();
      await server.storage.append(open!.logKey, [
        { partitionKey: 'p', data: Buffer.from('expired'), arrivalMs: now - 30 * HOUR },
        { partitionKey: 'p', data: Buffer.from('kept'), arrivalMs: now },
      ]);
      await registry.mutate(SCOPE, { StreamName: 'old' }, (s) => closeShard(s.shards[1]!, now - 25 * HOUR));

      for (let i = 0; i < 500 && (await server.storage.firstPosition(open!.logKey)) === 0; i++) {
        await new Promise((r) => setTimeout(r, 10));
      }
      assert.equal(await server.storage.firstPosition(open!.logKey), 1);
      const left = await server.storage.read(open!.logKey, 0, { limit: 10 });
      assert.deepEqual(left.map((r) => Buffer.from(r.data).toString()), ['kept']);

      for (let i = 0; i < 500 && registry.find('000000000000', 'us-east-1', 'old')!.shards.length === 2; i++) {
        await new Promise((r) => setTimeout(r, 10));
      }
      const shards = await server.kinesis().send(new ListShardsCommand({ StreamName: 'old' }));
      assert.deepEqual(shards.Shards!.map((s) => s.ShardId), [open!.shardId]);
      assert.notEqual(closing!.shardId, open!.shardId);
    } finally {
      await server.stop();
    }
  });
});
