/**
 * Data-plane edges: streams named by StreamARN, on-demand streams, the shard's own starting and ending sequence
 * numbers as iterator positions, the 10 MiB cap of one GetRecords answer, and reading a closed shard with LATEST.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { startTestServer, type TestServer } from '../helpers/freshet.js';
import { createActiveStream, json, ok, waitForStatus } from './data-support.js';

let server: TestServer;
let ep: string;
const ACCOUNT = '000000000000';
const arnOf = (name: string) => `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/${name}`;

before(async () => {
  server = await startTestServer();
  ep = server.endpoint;
});
after(() => server.stop());

const text = (records: any[]) => records.map((r) => Buffer.from(r.Data, 'base64').toString());

it('addresses a stream by StreamARN for puts, iterators and reads', async () => {
  const name = 'edge-arn';
  await createActiveStream(ep, name, 1);
  await ok(json(ep, 'PutRecord', { StreamARN: arnOf(name), PartitionKey: 'a', Data: Buffer.from('one').toString('base64') }));
  await ok(json(ep, 'PutRecords', { StreamARN: arnOf(name), Records: [{ PartitionKey: 'a', Data: Buffer.from('two').toString('base64') }] }));
  const it = (await ok(json(ep, 'GetShardIterator', { StreamARN: arnOf(name), ShardId: 'shardId-0', ShardIteratorType: 'TRIM_HORIZON' })))
    .ShardIterator;
  const r = await ok(json(ep, 'GetRecords', { ShardIterator: it, StreamARN: arnOf(name) }));
  assert.deepEqual(text(r.Records), ['one', 'two']);
});

it('writes to and reads from an on-demand stream', async () => {
  const name = 'edge-on-demand';
  await ok(json(ep, 'CreateStream', { StreamName: name, StreamModeDetails: { StreamMode: 'ON_DEMAND' } }));
  await waitForStatus(ep, name, 'ACTIVE');
  const put = await ok(json(ep, 'PutRecords', {
    StreamName: name,
    Records: Array.from({ length: 40 }, (_, i) => ({ PartitionKey: `k${i}`, Data: Buffer.from(`v${i}`).toString('base64') })),
  }));
  assert.equal(put.FailedRecordCount, 0);
  const shards = new Set(put.Records.map((r: any) => r.ShardId));
  assert.equal(shards.size, 4);
  let total = 0;
  for (const shardId of shards) {
    const it = (await ok(json(ep, 'GetShardIterator', { StreamName: name, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
    total += (await ok(json(ep, 'GetRecords', { ShardIterator: it }))).Records.length;
  }
  assert.equal(total, 40);
});

it('treats the shard’s StartingSequenceNumber as its start and its EndingSequenceNumber as its end', async () => {
  const name = 'edge-bounds';
  await createActiveStream(ep, name, 1);
  await ok(json(ep, 'PutRecord', { StreamName: name, PartitionKey: 'a', Data: Buffer.from('x').toString('base64') }));
  const shard = (await ok(json(ep, 'DescribeStream', { StreamName: name }))).StreamDescription.Shards[0];
  const at = await ok(json(ep, 'GetShardIterator', {
    StreamName: name, ShardId: shard.ShardId, ShardIteratorType: 'AT_SEQUENCE_NUMBER', StartingSequenceNumber: shard.SequenceNumberRange.StartingSequenceNumber,
  }));
  assert.deepEqual(text((await ok(json(ep, 'GetRecords', { ShardIterator: at.ShardIterator }))).Records), ['x']);

  await ok(json(ep, 'SplitShard', { StreamName: name, ShardToSplit: shard.ShardId, NewStartingHashKey: (1n << 127n).toString() }));
  await waitForStatus(ep, name, 'ACTIVE');
  const closed = (await ok(json(ep, 'DescribeStream', { StreamName: name }))).StreamDescription.Shards[0];
  const after = await ok(json(ep, 'GetShardIterator', {
    StreamName: name, ShardId: closed.ShardId, ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', StartingSequenceNumber: closed.SequenceNumberRange.EndingSequenceNumber,
  }));
  const end = await ok(json(ep, 'GetRecords', { ShardIterator: after.ShardIterator }));
  assert.deepEqual(end.Records, []);
  assert.equal(end.NextShardIterator, undefined);
  assert.equal(end.ChildShards.length, 2);
  // LATEST on a closed shard is its end too.
  const latest = await ok(json(ep, 'GetShardIterator', { StreamName: name, ShardId: closed.ShardId, ShardIteratorType: 'LATEST' }));
  const none = await ok(json(ep, 'GetRecords', { ShardIterator: latest.ShardIterator }));
  assert.equal(none.NextShardIterator, undefined);
  assert.deepEqual(none.ChildShards.map((c: any) => c.ShardId), ['shardId-000000000001', 'shardId-000000000002']);
});

it('caps one GetRecords answer at 10 MiB of data', async () => {
  const name = 'edge-10mib';
  await createActiveStream(ep, name, 1);
  const data = Buffer.alloc(1_000_000, 97).toString('base64');
  for (let i = 0; i < 3; i++) {
    const n = i < 2 ? 4 : 3;
    await ok(json(ep, 'PutRecords', { StreamName: name, Records: Array.from({ length: n }, () => ({ PartitionKey: 'a', Data: data })) }));
  }
  const it = (await ok(json(ep, 'GetShardIterator', { StreamName: name, ShardId: 'shardId-0', ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
  const first = await ok(json(ep, 'GetRecords', { ShardIterator: it }));
  assert.equal(first.Records.length, 10);
  assert.ok(first.MillisBehindLatest >= 0);
  const second = await ok(json(ep, 'GetRecords', { ShardIterator: first.NextShardIterator }));
  assert.equal(second.Records.length, 1);
});

it('reports EncryptionType KMS on writes and records of an encrypted stream', async () => {
  const name = 'edge-kms';
  await createActiveStream(ep, name, 1);
  await ok(json(ep, 'StartStreamEncryption', { StreamName: name, EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' }));
  await waitForStatus(ep, name, 'ACTIVE');
  const put = await ok(json(ep, 'PutRecord', { StreamName: name, PartitionKey: 'a', Data: Buffer.from('secret').toString('base64') }));
  assert.equal(put.EncryptionType, 'KMS');
  const puts = await ok(json(ep, 'PutRecords', { StreamName: name, Records: [{ PartitionKey: 'a', Data: '' }] }));
  assert.equal(puts.EncryptionType, 'KMS');
  const it = (await ok(json(ep, 'GetShardIterator', { StreamName: name, ShardId: 'shardId-0', ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
  const got = await ok(json(ep, 'GetRecords', { ShardIterator: it }));
  assert.deepEqual(got.Records.map((r: any) => r.EncryptionType), ['KMS', 'KMS']);
  assert.deepEqual(text(got.Records), ['secret', '']);
});
