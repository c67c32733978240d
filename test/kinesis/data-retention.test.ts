/**
 * Time-dependent reads with the service's clock moved forward (real embedded storage, no sleeping): records past
 * the stream's retention period are skipped even before trimming removes them from disk, and iterators expire
 * after five minutes with AWS's message.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import type { RequestContext } from '../../src/server/service.js';
import { createKinesisService, type KinesisService } from '../../src/kinesis/service.js';
import { createEmbeddedStorage } from '../../src/storage/embedded/index.js';
import type { StorageEngine } from '../../src/storage/engine.js';

const HOUR = 3_600_000;
let dir: string;
let storage: StorageEngine;
let service: KinesisService;
let clock = Date.now();

const ctx: RequestContext = {
  accountId: '000000000000',
  region: 'us-east-1',
  requestId: 'test',
  protocol: 'json',
  httpVersion: '1.1',
  signal: new AbortController().signal,
};
const call = (op: string, input: Record<string, unknown>): Promise<any> => service.handle(op, input, ctx);

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'freshet-retention-'));
  storage = createEmbeddedStorage({ dataDir: dir });
  await storage.open();
  // Transitions are due immediately; the clock only moves when the test moves it.
  service = createKinesisService({ storage, createStreamMs: 0, now: () => clock, retentionCheckMs: 3_600_000 });
  await service.start();
  await call('CreateStream', { StreamName: 'r', ShardCount: 1 });
  for (let i = 0; i < 100 && (await call('DescribeStreamSummary', { StreamName: 'r' })).StreamDescriptionSummary.StreamStatus !== 'ACTIVE'; i++) {
    await new Promise((res) => setTimeout(res, 5));
  }
});
after(async () => {
  await service.stop();
  await storage.close();
  await rm(dir, { recursive: true, force: true });
});

const data = (records: any[]): string[] => records.map((r) => Buffer.from(r.Data).toString());

it('skips records older than the retention period and reads on past them', async () => {
  await call('PutRecord', { StreamName: 'r', PartitionKey: 'k', Data: Buffer.from('old').toString('base64') });
  clock += 23 * HOUR;
  await call('PutRecord', { StreamName: 'r', PartitionKey: 'k', Data: Buffer.from('newer').toString('base64') });
  const it1 = (await call('GetShardIterator', { StreamName: 'r', ShardId: 'shardId-0', ShardIteratorType: 'TRIM_HORIZON' })).ShardIterator;
  assert.deepEqual(data((await call('GetRecords', { ShardIterator: it1 })).Records), ['old', 'newer']);

  clock += 2 * HOUR; // 'old' is now 25 hours old, 'newer' 2 hours.
  const it2 = (await call('GetShardIterator', { StreamName: 'r', ShardId: 'shardId-0', ShardIteratorType: 'TRIM_HORIZON' })).ShardIterator;
  const r = await call('GetRecords', { ShardIterator: it2 });
  assert.deepEqual(data(r.Records), ['newer']);
  assert.deepEqual((await call('GetRecords', { ShardIterator: r.NextShardIterator })).Records, []);
});

it('expires iterators after five minutes', async () => {
  const it = (await call('GetShardIterator', { StreamName: 'r', ShardId: 'shardId-0', ShardIteratorType: 'LATEST' })).ShardIterator;
  clock += 299_000;
  await call('GetRecords', { ShardIterator: it });
  clock += 2_000;
  await assert.rejects(call('GetRecords', { ShardIterator: it }), (err: Error & { type?: string }) => {
    assert.equal(err.type, 'ExpiredIteratorException');
    assert.match(err.message, /which is further in the future than the tolerated delay of 300000 milliseconds\.$/);
    return true;
  });
});
