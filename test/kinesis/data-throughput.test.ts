/**
 * Per-shard throughput limits (server started with throughput limits on): writes beyond 1,000 records/s or
 * 1 MiB/s per shard are refused — PutRecord with ProvisionedThroughputExceededException, PutRecords per record —
 * and reads beyond 5 GetRecords calls/s per shard likewise. Bursts are sent back to back, far faster than the
 * buckets refill, so the outcome does not depend on timing.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { startTestServer, type TestServer } from '../helpers/freshet.js';
import { createActiveStream, json, ok } from './data-support.js';

let server: TestServer;
let ep: string;
const ACCOUNT = '000000000000';

before(async () => {
  server = await startTestServer({ throughputLimits: true });
  ep = server.endpoint;
});
after(() => server.stop());

const rate = (shard: string, stream: string) => `Rate exceeded for shard ${shard} in stream ${stream} under account ${ACCOUNT}.`;

it('PutRecords refuses records beyond 1,000 per second per shard, per record', async () => {
  const name = 'tp-records';
  await createActiveStream(ep, name, 1);
  const batch = { StreamName: name, Records: Array.from({ length: 500 }, (_, i) => ({ PartitionKey: `k${i}`, Data: '' })) };
  const replies = await Promise.all(Array.from({ length: 6 }, () => ok(json(ep, 'PutRecords', batch))));
  const failed = replies.reduce((n, r) => n + r.FailedRecordCount, 0);
  assert.ok(failed > 0, 'no record of 3,000 refused');
  for (const r of replies) {
    assert.equal(r.Records.length, 500);
    assert.equal(r.Records.filter((x: any) => x.ErrorCode).length, r.FailedRecordCount);
    for (const x of r.Records) {
      if (x.ErrorCode) {
        assert.deepEqual(x, { ErrorCode: 'ProvisionedThroughputExceededException', ErrorMessage: rate('shardId-000000000000', name) });
      } else {
        assert.deepEqual(Object.keys(x).sort(), ['SequenceNumber', 'ShardId']);
      }
    }
  }
});

it('PutRecord refuses writes beyond 1 MiB per second per shard', async () => {
  const name = 'tp-bytes';
  await createActiveStream(ep, name, 1);
  const data = Buffer.alloc(400 * 1024).toString('base64');
  const outcomes: string[] = [];
  for (let i = 0; i < 5; i++) {
    const r = await json(ep, 'PutRecord', { StreamName: name, PartitionKey: 'a', Data: data });
    outcomes.push(r.status === 200 ? 'ok' : r.body.__type);
    if (r.status !== 200) assert.deepEqual(r.body, { __type: 'ProvisionedThroughputExceededException', message: rate('shardId-000000000000', name) });
  }
  assert.equal(outcomes[0], 'ok');
  assert.ok(outcomes.includes('ProvisionedThroughputExceededException'), outcomes.join());
});

it('GetRecords refuses a sixth call within a second on one shard', async () => {
  const name = 'tp-reads';
  await createActiveStream(ep, name, 2);
  const it0 = (await ok(json(ep, 'GetShardIterator', { StreamName: name, ShardId: 'shardId-0', ShardIteratorType: 'LATEST' }))).ShardIterator;
  const it1 = (await ok(json(ep, 'GetShardIterator', { StreamName: name, ShardId: 'shardId-1', ShardIteratorType: 'LATEST' }))).ShardIterator;
  const replies = await Promise.all(Array.from({ length: 12 }, () => json(ep, 'GetRecords', { ShardIterator: it0 })));
  const refused = replies.filter((r) => r.status !== 200);
  assert.ok(replies.filter((r) => r.status === 200).length >= 5);
  assert.ok(refused.length >= 1, 'no call refused');
  for (const r of refused) {
    assert.equal(r.status, 400);
    assert.deepEqual(r.body, { __type: 'ProvisionedThroughputExceededException', message: rate('shardId-000000000000', name) });
  }
  // Another shard has its own allowance.
  await ok(json(ep, 'GetRecords', { ShardIterator: it1 }));
});

it('GetShardIterator refuses a sixth call within a second on one shard', async () => {
  const name = 'tp-iterators';
  await createActiveStream(ep, name, 1);
  const replies = await Promise.all(
    Array.from({ length: 12 }, () => json(ep, 'GetShardIterator', { StreamName: name, ShardId: 'shardId-0', ShardIteratorType: 'LATEST' })),
  );
  assert.ok(replies.filter((r) => r.status === 200).length >= 5);
  const refused = replies.filter((r) => r.status !== 200);
  assert.ok(refused.length >= 1, 'no call refused');
  for (const r of refused) {
    assert.deepEqual(r.body, { __type: 'ProvisionedThroughputExceededException', message: rate('shardId-000000000000', name) });
  }
});
