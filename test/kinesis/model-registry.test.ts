/** The stream registry on real embedded storage: serialised changes, refusals that write nothing, shard limits. */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AwsError } from '../../src/server/service.js';
import { newStream } from '../../src/kinesis/model/shards.js';
import { StreamRegistry } from '../../src/kinesis/model/stream-registry.js';
import { partitionKeyToHashKey } from '../../src/kinesis/model/hash-keys.js';
import { createEmbeddedStorage } from '../../src/storage/embedded/index.js';
import type { StorageEngine } from '../../src/storage/engine.js';

const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';
const SCOPE = { accountId: ACCOUNT, region: REGION };
const TIMINGS = { createStreamMs: 10, deleteStreamMs: 10, updateStreamMs: 10, consumerMs: 10, shardLimit: 5 };

let dir: string;
let storage: StorageEngine;
let registry: StreamRegistry;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'freshet-registry-'));
  storage = createEmbeddedStorage({ dataDir: dir });
  await storage.open();
  registry = new StreamRegistry(storage, TIMINGS);
  await registry.load();
});
after(async () => {
  await registry.stop();
  await storage.close();
  await rm(dir, { recursive: true, force: true });
});

const stream = (name: string, shardCount: number) =>
  newStream({ accountId: ACCOUNT, region: REGION, name, shardCount, mode: 'PROVISIONED', now: Date.now(), activeAt: Date.now() + 10 });

async function waitActive(name: string): Promise<void> {
  for (let i = 0; i < 500 && registry.find(ACCOUNT, REGION, name)?.status !== 'ACTIVE'; i++) await new Promise((r) => setTimeout(r, 5));
}

describe('StreamRegistry', () => {
  it('looks streams up by name or ARN with AWS errors', async () => {
    await registry.create(stream('one', 2));
    assert.equal(registry.get(SCOPE, { StreamName: 'one' }).name, 'one');
    const other = { accountId: '000000000000', region: 'us-east-1' };
    assert.equal(registry.get(other, { StreamARN: `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/one` }).name, 'one');
    assert.throws(() => registry.getActive(SCOPE, { StreamName: 'one' }), {
      name: 'ResourceInUseException',
      message: `Stream one under account ${ACCOUNT} not ACTIVE, instead in state CREATING`,
    });
    assert.throws(() => registry.getWritable(SCOPE, { StreamName: 'one' }), { name: 'ResourceNotFoundException' });
    assert.throws(() => registry.get(SCOPE, { StreamName: 'two' }), { message: `Stream two under account ${ACCOUNT} not found.` });
    await waitActive('one');
    assert.equal(registry.getActive(SCOPE, { StreamName: 'one' }).status, 'ACTIVE');
  });

  it('routes hash keys to the open shard that holds them', () => {
    const s = registry.get(SCOPE, { StreamName: 'one' });
    assert.equal(registry.shardForHashKey(s, 0n)?.shardId, 'shardId-000000000000');
    assert.equal(registry.shardForHashKey(s, (1n << 128n) - 1n)?.shardId, 'shardId-000000000001');
    assert.ok(registry.shardForHashKey(s, partitionKeyToHashKey('anything')));
  });

  it('serialises concurrent changes to one stream', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        registry.mutate(SCOPE, { StreamName: 'one' }, async (s) => {
          const n = Number(s.tags.count ?? '0');
          await new Promise((r) => setTimeout(r, 1));
          s.tags.count = String(n + 1);
          s.tags[`k${i}`] = 'v';
        }),
      ),
    );
    assert.equal(registry.get(SCOPE, { StreamName: 'one' }).tags.count, '20');
    assert.equal((await storage.getMeta<any>(`kinesis/streams/${ACCOUNT}/${REGION}/one`))!.value.tags.count, '20');
  });

  it('writes nothing when the change throws', async () => {
    await assert.rejects(
      registry.mutate(SCOPE, { StreamName: 'one' }, (s) => {
        s.retentionHours = 99;
        throw new AwsError('InvalidArgumentException', 'no');
      }),
      { message: 'no' },
    );
    assert.equal(registry.get(SCOPE, { StreamName: 'one' }).retentionHours, 24);
  });

  it('refuses concurrent creations past the account shard limit', async () => {
    const results = await Promise.allSettled(
      ['a', 'b', 'c'].map((n) => registry.create(stream(n, 2), () => registry.checkShardLimit(ACCOUNT, REGION, 2))),
    );
    // 2 shards already open, limit 5: exactly one more 2-shard stream fits.
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    assert.match(refused.reason.message, /Current shard count for the account: 4\. Limit: 5\./);
    assert.equal(registry.openShardCount(ACCOUNT, REGION), 4);
  });

  it('applies deferred updates by kind when UPDATING ends, also after a reload', async () => {
    registry.registerUpdateKind('retention', (s, params) => {
      s.retentionHours = params as number;
    });
    await registry.mutate(SCOPE, { StreamName: 'one' }, (s) => registry.beginUpdating(s, { kind: 'retention', params: 48 }));
    assert.equal(registry.get(SCOPE, { StreamName: 'one' }).status, 'UPDATING');
    await registry.stop();

    registry = new StreamRegistry(storage, TIMINGS);
    registry.registerUpdateKind('retention', (s, params) => {
      s.retentionHours = params as number;
    });
    await registry.load();
    await waitActive('one');
    const s = registry.get(SCOPE, { StreamName: 'one' });
    assert.equal(s.retentionHours, 48);
    assert.equal(s.pendingUpdates, undefined);
  });
});
