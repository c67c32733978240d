/**
 * Writing and reading records through the real server: SDK v3 over HTTP/2, raw JSON and CBOR, boto3. Routing by
 * hash key, sequence numbers in AWS's layout, every iterator type, paging with NextShardIterator, and data that
 * reads back byte-identical whichever protocol wrote it.
 */
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  GetRecordsCommand,
  GetShardIteratorCommand,
  PutRecordCommand,
  PutRecordsCommand,
  type KinesisClient,
} from '@aws-sdk/client-kinesis';
import { awsCli, boto3, startTestServer, type TestServer } from '../helpers/freshet.js';
import { assertSequenceNumber, assertShardIterator, cbor, createActiveStream, json, ok, seqIxOf } from './data-support.js';

let server: TestServer;
let ep: string;
let sdk: KinesisClient;
const STREAM = 'data-put-get';
const MAX_HASH = (1n << 128n) - 1n;
const THIRD = (1n << 128n) / 3n;

before(async () => {
  server = await startTestServer();
  ep = server.endpoint;
  sdk = server.kinesis();
  await createActiveStream(ep, STREAM, 3);
});
after(() => server.stop());

async function iterator(shardId: string, type: string, extra: Record<string, unknown> = {}, stream = STREAM): Promise<string> {
  const r = await ok(json(ep, 'GetShardIterator', { StreamName: stream, ShardId: shardId, ShardIteratorType: type, ...extra }));
  return r.ShardIterator;
}

async function readAll(shardIterator: string, limit?: number): Promise<any[]> {
  const out: any[] = [];
  let it: string | undefined = shardIterator;
  for (let i = 0; i < 100 && it; i++) {
    const r = await ok(json(ep, 'GetRecords', { ShardIterator: it, ...(limit ? { Limit: limit } : {}) }));
    out.push(...r.Records);
    if (r.Records.length === 0) break;
    it = r.NextShardIterator;
  }
  return out;
}

describe('PutRecord', () => {
  it('routes by MD5 of the partition key and by ExplicitHashKey, with AWS-shaped sequence numbers', async () => {
    const before = Date.now();
    const cases: Array<[Record<string, unknown>, number]> = [
      [{ ExplicitHashKey: '0' }, 0],
      [{ ExplicitHashKey: (THIRD - 1n).toString() }, 0],
      [{ ExplicitHashKey: THIRD.toString() }, 1],
      [{ ExplicitHashKey: (THIRD * 2n - 1n).toString() }, 1],
      [{ ExplicitHashKey: (THIRD * 2n).toString() }, 2],
      [{ ExplicitHashKey: MAX_HASH.toString() }, 2],
      // md5('a') = 0cc175b9… < 2^128/3 ; md5('b') = 92eb5ffe… in the middle third
      [{}, 0],
    ];
    for (const [extra, shard] of cases) {
      const r = await ok(json(ep, 'PutRecord', { StreamName: STREAM, PartitionKey: 'a', Data: '', ...extra }));
      assert.equal(r.ShardId, `shardId-00000000000${shard}`);
      assertSequenceNumber(r.SequenceNumber, shard, before);
      assert.deepEqual(Object.keys(r).sort(), ['SequenceNumber', 'ShardId']);
    }
    const b = await ok(json(ep, 'PutRecord', { StreamName: STREAM, PartitionKey: 'b', Data: '' }));
    assert.equal(b.ShardId, 'shardId-000000000001');
  });

  it('gives increasing sequence numbers per shard, also under concurrency', async () => {
    const replies = await Promise.all(
      Array.from({ length: 50 }, (_, i) => sdk.send(new PutRecordCommand({ StreamName: STREAM, PartitionKey: 'a', Data: Buffer.from([i]) }))),
    );
    const seqs = replies.map((r) => BigInt(r.SequenceNumber!)).sort((x, y) => (x < y ? -1 : 1));
    for (let i = 1; i < seqs.length; i++) assert.equal(seqIxOf(seqs[i]!.toString()) - seqIxOf(seqs[i - 1]!.toString()), 1n);
    // What was acknowledged is what is read back, in sequence-number order.
    const records = await readAll(await iterator('shardId-000000000000', 'AT_SEQUENCE_NUMBER', { StartingSequenceNumber: seqs[0]!.toString() }));
    assert.deepEqual(
      records.slice(0, 50).map((r) => r.SequenceNumber),
      seqs.map(String),
    );
  });

  it('accepts SequenceNumberForOrdering values AWS accepts', async () => {
    const previous = (await ok(json(ep, 'PutRecord', { StreamName: STREAM, PartitionKey: 'a', Data: '' }))).SequenceNumber;
    const now = Math.floor(Date.now() / 1000 - 2).toString(16);
    const values = [
      previous,
      ...['20000000000000000000000000000000000000000000002', '20000000000000000000000000000000000000000000001',
        '20000000000000000000000000000000000000800000002', `200000000000000000000000000000${now}000000002`].map((h) => BigInt('0x' + h).toString()),
    ];
    for (const seq of values) {
      const r = await ok(json(ep, 'PutRecord', { StreamName: STREAM, PartitionKey: 'a', Data: '', SequenceNumberForOrdering: seq }));
      assert.equal(r.ShardId, 'shardId-000000000000');
      assert.ok(BigInt(r.SequenceNumber) > BigInt(previous));
    }
  });
});

describe('PutRecords', () => {
  it('answers per record in request order and stores each shard’s records in order (SDK v3, HTTP/2)', async () => {
    const name = 'data-put-records';
    await createActiveStream(ep, name, 4);
    const entries = Array.from({ length: 500 }, (_, i) => ({ PartitionKey: `pk-${i % 37}`, Data: Buffer.from(`record-${i}`) }));
    const r = await sdk.send(new PutRecordsCommand({ StreamName: name, Records: entries }));
    assert.equal(r.FailedRecordCount, 0);
    assert.equal(r.Records!.length, 500);
    const byShard = new Map<string, string[]>();
    r.Records!.forEach((rec, i) => {
      assert.ok(rec.SequenceNumber && rec.ShardId);
      const list = byShard.get(rec.ShardId!) ?? [];
      list.push(`record-${i}`);
      byShard.set(rec.ShardId!, list);
    });
    assert.ok(byShard.size > 1, 'records spread over shards');
    for (const [shardId, expected] of byShard) {
      const it = await sdk.send(new GetShardIteratorCommand({ StreamName: name, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }));
      const got = await sdk.send(new GetRecordsCommand({ ShardIterator: it.ShardIterator }));
      assert.deepEqual(got.Records!.map((x) => Buffer.from(x.Data!).toString()), expected);
      const seqs = got.Records!.map((x) => BigInt(x.SequenceNumber!));
      for (let i = 1; i < seqs.length; i++) assert.ok(seqs[i]! > seqs[i - 1]!);
      assert.ok(got.Records![0]!.ApproximateArrivalTimestamp instanceof Date);
    }
  });

  it('works for boto3 put_records the way the hotspots tutorial calls it', async () => {
    const name = 'data-boto3';
    await createActiveStream(ep, name, 1);
    const out = await boto3(
      ep,
      `
import random
records = [{'Data': json.dumps({'x': random.random() * 10, 'y': random.random() * 10, 'is_hot': 'N'}), 'PartitionKey': 'partition_key'} for _ in range(100)]
r = kinesis.put_records(StreamName=${JSON.stringify(name)}, Records=records)
it = kinesis.get_shard_iterator(StreamName=${JSON.stringify(name)}, ShardId='shardId-000000000000', ShardIteratorType='TRIM_HORIZON')['ShardIterator']
got = kinesis.get_records(ShardIterator=it)
print(json.dumps({'failed': r['FailedRecordCount'], 'n': len(r['Records']), 'read': [x['Data'].decode() for x in got['Records']], 'sent': [x['Data'] for x in records]}))
`,
    );
    const r = out.json();
    assert.equal(r.failed, 0);
    assert.equal(r.n, 100);
    assert.deepEqual(r.read, r.sent);
  });
});

describe('AWS CLI', () => {
  it('puts and gets records with the aws CLI', async () => {
    const name = 'data-cli';
    await createActiveStream(ep, name, 1);
    // fileb:// hands raw bytes over the same way in CLI v1 and v2.
    const file = join(server.dataDir, 'cli-record.bin');
    await writeFile(file, 'hello cli');
    const put = (await awsCli(ep, ['kinesis', 'put-record', '--stream-name', name, '--partition-key', 'k', '--data', `fileb://${file}`])).json();
    assert.equal(put.ShardId, 'shardId-000000000000');
    const it = (await awsCli(ep, ['kinesis', 'get-shard-iterator', '--stream-name', name, '--shard-id', 'shardId-000000000000', '--shard-iterator-type', 'TRIM_HORIZON'])).json();
    const got = (await awsCli(ep, ['kinesis', 'get-records', '--shard-iterator', it.ShardIterator])).json();
    assert.equal(got.Records.length, 1);
    assert.equal(Buffer.from(got.Records[0].Data, 'base64').toString(), 'hello cli');
    assert.equal(got.Records[0].SequenceNumber, put.SequenceNumber);
  });
});

describe('GetShardIterator and GetRecords', () => {
  const name = 'data-iterators';
  const seqs: string[] = [];
  let beforeTimestamp = 0;
  before(async () => {
    await createActiveStream(ep, name, 1);
    for (let i = 0; i < 5; i++) {
      if (i === 3) {
        await new Promise((res) => setTimeout(res, 20));
        beforeTimestamp = Date.now();
        await new Promise((res) => setTimeout(res, 20));
      }
      const r = await ok(json(ep, 'PutRecord', { StreamName: name, PartitionKey: 'k', Data: Buffer.from(`r${i}`).toString('base64') }));
      seqs.push(r.SequenceNumber);
    }
  });
  const data = (records: any[]): string[] => records.map((r) => Buffer.from(r.Data, 'base64').toString());

  it('TRIM_HORIZON, LATEST, AT/AFTER_SEQUENCE_NUMBER and AT_TIMESTAMP start where AWS starts', async () => {
    const sh = 'shardId-000000000000';
    const trim = await iterator(sh, 'TRIM_HORIZON', {}, name);
    assertShardIterator(trim, name);
    assert.deepEqual(data(await readAll(trim)), ['r0', 'r1', 'r2', 'r3', 'r4']);
    assert.deepEqual(data(await readAll(await iterator(sh, 'AT_SEQUENCE_NUMBER', { StartingSequenceNumber: seqs[2] }, name))), ['r2', 'r3', 'r4']);
    assert.deepEqual(data(await readAll(await iterator(sh, 'AFTER_SEQUENCE_NUMBER', { StartingSequenceNumber: seqs[2] }, name))), ['r3', 'r4']);
    assert.deepEqual(data(await readAll(await iterator(sh, 'AT_TIMESTAMP', { Timestamp: beforeTimestamp / 1000 }, name))), ['r3', 'r4']);
    const latest = await iterator(sh, 'LATEST', {}, name);
    assert.deepEqual(await readAll(latest), []);
    await ok(json(ep, 'PutRecord', { StreamName: name, PartitionKey: 'k', Data: Buffer.from('r5').toString('base64') }));
    assert.deepEqual(data(await readAll(latest)), ['r5']);
  });

  it('pages with Limit and NextShardIterator, reporting MillisBehindLatest', async () => {
    const first = await ok(json(ep, 'GetRecords', { ShardIterator: await iterator('shardId-000000000000', 'TRIM_HORIZON', {}, name), Limit: 2 }));
    assert.deepEqual(data(first.Records), ['r0', 'r1']);
    assert.ok(first.MillisBehindLatest >= 0);
    assertShardIterator(first.NextShardIterator, name);
    const second = await ok(json(ep, 'GetRecords', { ShardIterator: first.NextShardIterator, Limit: 2 }));
    assert.deepEqual(data(second.Records), ['r2', 'r3']);
    const rest = await ok(json(ep, 'GetRecords', { ShardIterator: second.NextShardIterator }));
    assert.deepEqual(data(rest.Records), ['r4', 'r5']);
    assert.equal(rest.MillisBehindLatest, 0);
    const empty = await ok(json(ep, 'GetRecords', { ShardIterator: rest.NextShardIterator }));
    assert.deepEqual(empty.Records, []);
    assert.ok(empty.NextShardIterator);
    for (const r of first.Records) {
      assert.deepEqual(Object.keys(r).sort(), ['ApproximateArrivalTimestamp', 'Data', 'PartitionKey', 'SequenceNumber']);
      assert.equal(typeof r.ApproximateArrivalTimestamp, 'number');
      const seqSecs = Number.parseInt(BigInt(r.SequenceNumber).toString(16).slice(30, 38), 16);
      assert.ok(r.ApproximateArrivalTimestamp - seqSecs >= 0 && r.ApproximateArrivalTimestamp - seqSecs < 3);
    }
  });

  it('accepts an iterator wrapped in double quotes', async () => {
    const it = await iterator('shardId-000000000000', 'TRIM_HORIZON', {}, name);
    const r = await ok(json(ep, 'GetRecords', { ShardIterator: `"${it}"`, Limit: 1 }));
    assert.deepEqual(data(r.Records), ['r0']);
  });
});

describe('cross-protocol data', () => {
  const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
  it('JSON-written records read back byte-identical over CBOR, and CBOR-written ones over JSON', async () => {
    const name = 'data-cross-protocol';
    await createActiveStream(ep, name, 1);
    await ok(json(ep, 'PutRecord', { StreamName: name, PartitionKey: 'j', Data: bytes.toString('base64') }));
    await ok(cbor(ep, 'PutRecord', { StreamName: name, PartitionKey: 'c', Data: bytes }));
    await ok(cbor(ep, 'PutRecords', { StreamName: name, Records: [{ PartitionKey: 'c2', Data: Buffer.from('ünïcödé', 'utf8') }] }));

    const itJ = (await ok(json(ep, 'GetShardIterator', { StreamName: name, ShardId: 'shardId-0', ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
    const viaJson = await ok(json(ep, 'GetRecords', { ShardIterator: itJ }));
    const itC = (await ok(cbor(ep, 'GetShardIterator', { StreamName: name, ShardId: 'shardId-0', ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
    const viaCbor = await ok(cbor(ep, 'GetRecords', { ShardIterator: itC }));

    assert.deepEqual(viaJson.Records.map((r: any) => r.PartitionKey), ['j', 'c', 'c2']);
    assert.deepEqual(viaCbor.Records.map((r: any) => r.PartitionKey), ['j', 'c', 'c2']);
    for (const i of [0, 1]) {
      assert.ok(Buffer.from(viaJson.Records[i].Data, 'base64').equals(bytes));
      assert.ok(Buffer.from(viaCbor.Records[i].Data).equals(bytes));
    }
    assert.equal(Buffer.from(viaJson.Records[2].Data, 'base64').toString('utf8'), 'ünïcödé');
    // The same records carry the same sequence numbers and arrival times whichever protocol reads them.
    assert.deepEqual(viaJson.Records.map((r: any) => r.SequenceNumber), viaCbor.Records.map((r: any) => r.SequenceNumber));
    const cborTime = viaCbor.Records[0].ApproximateArrivalTimestamp;
    const ms = cborTime instanceof Date ? cborTime.getTime() : Number(cborTime);
    assert.equal(ms / 1000, viaJson.Records[0].ApproximateArrivalTimestamp);
  });
});
