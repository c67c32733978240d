/**
 * Error parity with kinesalite 3.3.3, whose answers were recorded from AWS: the same malformed or impossible
 * data-plane requests go to kinesalite (in-process, in memory) and to Freshet, and must get byte-for-byte the same
 * status and body.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { after, before, it } from 'node:test';
import { startTestServer, type TestServer } from '../helpers/freshet.js';
import { createActiveStream, json } from './data-support.js';

const require = createRequire(import.meta.url);
const STREAM = 'parity';

let freshet: TestServer;
let kinesalite: http.Server;
let kinesaliteEndpoint: string;

before(async () => {
  freshet = await startTestServer({ shardLimit: 50 });
  const create = require('kinesalite') as (opts: Record<string, unknown>) => http.Server;
  kinesalite = create({ createStreamMs: 10, updateStreamMs: 10, deleteStreamMs: 10, shardLimit: 50 });
  await new Promise<void>((resolve) => kinesalite.listen(0, '127.0.0.1', resolve));
  kinesaliteEndpoint = `http://127.0.0.1:${(kinesalite.address() as AddressInfo).port}`;
  await Promise.all([createActiveStream(freshet.endpoint, STREAM, 3), createActiveStream(kinesaliteEndpoint, STREAM, 3)]);
});
after(async () => {
  await freshet.stop();
  await new Promise<void>((resolve) => kinesalite.close(() => resolve()));
});

const hex = (h: string): string => BigInt('0x' + h).toString();
const TOO_BIG = (1n << 128n).toString();

const CASES: Array<[string, unknown]> = [
  ['PutRecord', {}],
  ['PutRecord', { StreamName: '', PartitionKey: '', Data: '', ExplicitHashKey: '', SequenceNumberForOrdering: '' }],
  ['PutRecord', { StreamName: 'x'.repeat(129), PartitionKey: 'y'.repeat(257), Data: 'AAAA', ExplicitHashKey: '' }],
  ['PutRecord', { StreamName: 'nope', PartitionKey: 'a', Data: '' }],
  ['PutRecord', { StreamName: STREAM, PartitionKey: 'a', Data: '', ExplicitHashKey: TOO_BIG }],
  ['PutRecord', { StreamName: STREAM, PartitionKey: 'a', Data: true }],
  ['PutRecord', { StreamName: STREAM, PartitionKey: 'a', Data: '23456' }],
  ['PutRecord', { StreamName: STREAM, PartitionKey: 'a', Data: '=+/=' }],
  ['PutRecord', { StreamName: STREAM, PartitionKey: 'a', Data: '+/+=' }],
  ['PutRecord', { StreamName: STREAM, PartitionKey: 'a', Data: '', SequenceNumberForOrdering: hex('20000000000000000000000000000000000000000000003') }],
  ['PutRecord', { StreamName: STREAM, PartitionKey: 'a', Data: '', SequenceNumberForOrdering: hex('2ffffffffff7fffffffffffffff000000000007fffffff2') }],
  ['PutRecord', { StreamName: STREAM, PartitionKey: 'a', Data: '', SequenceNumberForOrdering: hex('13bb2cc3d80000000000000000000000') }],
  ['PutRecords', {}],
  ['PutRecords', { StreamName: '', Records: [] }],
  ['PutRecords', { StreamName: '', Records: [{ PartitionKey: '', Data: '', ExplicitHashKey: '' }] }],
  ['PutRecords', { StreamName: STREAM, Records: [{ PartitionKey: 'a' }] }],
  ['PutRecords', { StreamName: STREAM, Records: 'x' }],
  ['PutRecords', { StreamName: STREAM, Records: [true] }],
  ['PutRecords', { StreamName: STREAM, Records: [{ Data: 5, PartitionKey: 'a' }] }],
  ['PutRecords', { StreamName: 'nope', Records: [{ PartitionKey: 'a', Data: '' }] }],
  ['PutRecords', { StreamName: STREAM, Records: [{ PartitionKey: 'a', Data: '', ExplicitHashKey: TOO_BIG }, { PartitionKey: 'a', Data: '' }] }],
  ['PutRecords', { StreamName: 'x'.repeat(129), Records: [{ PartitionKey: 'y'.repeat(257), Data: '', ExplicitHashKey: '' }] }],
  ['PutRecords', { StreamName: '', Records: Array.from({ length: 501 }, () => ({ PartitionKey: '', Data: '' })) }],
  ['GetShardIterator', {}],
  ['GetShardIterator', { StreamName: '', ShardIteratorType: '', ShardId: '', StartingSequenceNumber: '' }],
  ['GetShardIterator', { StreamName: 'x'.repeat(129), ShardId: 'x'.repeat(129), ShardIteratorType: 'LATEST' }],
  ['GetShardIterator', { StreamName: 'nope', ShardId: '2147483647', ShardIteratorType: 'LATEST' }],
  ['GetShardIterator', { StreamName: 'nope', ShardId: 'a-00002147483647', ShardIteratorType: 'LATEST' }],
  ['GetShardIterator', { StreamName: 'nope', ShardId: 'ABKLFD8', ShardIteratorType: 'LATEST' }],
  ['GetShardIterator', { StreamName: 'nope', ShardId: 'shardId-002147483648', ShardIteratorType: 'LATEST' }],
  ['GetShardIterator', { StreamName: STREAM, ShardId: 'shardId-5', ShardIteratorType: 'AT_SEQUENCE_NUMBER', StartingSequenceNumber: '5' }],
  ['GetShardIterator', { StreamName: STREAM, ShardId: 'shardId-0', ShardIteratorType: 'AT_SEQUENCE_NUMBER' }],
  ['GetShardIterator', { StreamName: STREAM, ShardId: 'shardId-0', ShardIteratorType: 'AFTER_SEQUENCE_NUMBER' }],
  ['GetShardIterator', { StreamName: STREAM, ShardId: 'shardId-0', ShardIteratorType: 'LATEST', StartingSequenceNumber: '5' }],
  ['GetShardIterator', { StreamName: STREAM, ShardId: 'shardId-0', ShardIteratorType: 'TRIM_HORIZON', StartingSequenceNumber: '5' }],
  ['GetShardIterator', { StreamName: STREAM, ShardId: 'shardId-0', ShardIteratorType: 'AT_SEQUENCE_NUMBER', StartingSequenceNumber: '5' }],
  ['GetShardIterator', { StreamName: STREAM, ShardId: 'shardId-0', ShardIteratorType: 'AT_SEQUENCE_NUMBER', StartingSequenceNumber: '0' }],
  ['GetShardIterator', { StreamName: STREAM, ShardId: 'shardId-2', ShardIteratorType: 'AT_SEQUENCE_NUMBER', StartingSequenceNumber: '425352958651173072921826052383309826' }],
  ['GetShardIterator', { StreamName: STREAM, ShardId: 'shardId-0', ShardIteratorType: 'AT_SEQUENCE_NUMBER', StartingSequenceNumber: hex('f3bb2cc3d7ff7fffffffffffffff0000') }],
  ['GetShardIterator', { StreamName: STREAM, ShardId: 'shardId-0', ShardIteratorType: 'AT_SEQUENCE_NUMBER', StartingSequenceNumber: hex('13bb2cc3d80000000000000000000000') }],
  ['GetShardIterator', { StreamName: STREAM, ShardId: 'shardId-0', ShardIteratorType: 'AT_SEQUENCE_NUMBER', StartingSequenceNumber: hex('20000000000800000000000000000000000000000000002') }],
  ['GetShardIterator', { StreamName: STREAM, ShardId: 'shardId-0', ShardIteratorType: 'AT_SEQUENCE_NUMBER', StartingSequenceNumber: hex('20000000000000000000000000000000000000800000002') }],
  ['GetShardIterator', { StreamName: STREAM, ShardId: 'shardId-0', ShardIteratorType: 'AT_SEQUENCE_NUMBER', StartingSequenceNumber: hex('20650000000000000000000000000000000000000000002') }],
  ['GetShardIterator', { StreamName: STREAM, ShardId: 'shardId-0', ShardIteratorType: 'AT_TIMESTAMP' }],
  ['GetShardIterator', { StreamName: STREAM, ShardId: 'shardId-0', ShardIteratorType: 'AT_TIMESTAMP', Timestamp: 'x' }],
  ['GetShardIterator', { StreamName: STREAM, ShardId: 'shardId-0', ShardIteratorType: 'BAD' }],
  ['GetRecords', {}],
  ['GetRecords', { ShardIterator: '', Limit: 0 }],
  ['GetRecords', { ShardIterator: 'a'.repeat(513), Limit: 100000 }],
  ['GetRecords', { ShardIterator: 'abc' }],
  ['GetRecords', { ShardIterator: 'x', Limit: '5' }],
  ['GetRecords', { ShardIterator: 'AAAAAAAAAAE' + 'A'.repeat(200) }],
  ['SplitShard', {}],
  ['SplitShard', { StreamName: '', ShardToSplit: '', NewStartingHashKey: '' }],
  ['SplitShard', { StreamName: 'x'.repeat(129), ShardToSplit: 'x'.repeat(129), NewStartingHashKey: '0' }],
  ['SplitShard', { StreamName: 'nope', ShardToSplit: '2147483647', NewStartingHashKey: '0' }],
  ['SplitShard', { StreamName: 'nope', ShardToSplit: 'ABKLFD8', NewStartingHashKey: '0' }],
  ['SplitShard', { StreamName: STREAM, ShardToSplit: 'shardId-5', NewStartingHashKey: '0' }],
  ['SplitShard', { StreamName: STREAM, ShardToSplit: 'shard-0', NewStartingHashKey: '1' }],
  ['SplitShard', { StreamName: STREAM, ShardToSplit: 'shard-0', NewStartingHashKey: '113427455640312821154458202477256070484' }],
  ['SplitShard', { StreamName: STREAM, ShardToSplit: 'shard-2', NewStartingHashKey: '999999999999999999999999999999999999999' }],
  ['MergeShards', {}],
  ['MergeShards', { StreamName: '', ShardToMerge: '', AdjacentShardToMerge: '' }],
  ['MergeShards', { StreamName: 'x'.repeat(129), ShardToMerge: 'x'.repeat(129), AdjacentShardToMerge: 'x'.repeat(129) }],
  ['MergeShards', { StreamName: 'nope', ShardToMerge: 'x-0', AdjacentShardToMerge: '2147483648' }],
  ['MergeShards', { StreamName: 'nope', ShardToMerge: 'x-0', AdjacentShardToMerge: '2147483647' }],
  ['MergeShards', { StreamName: STREAM, ShardToMerge: 'x-0', AdjacentShardToMerge: 'shardId-5' }],
  ['MergeShards', { StreamName: STREAM, ShardToMerge: 'x-0', AdjacentShardToMerge: 'x-2' }],
  ['MergeShards', { StreamName: STREAM, ShardToMerge: 'x-1', AdjacentShardToMerge: 'x-0' }],
];

it(`answers ${CASES.length} malformed or impossible requests exactly as kinesalite does`, async () => {
  for (const [op, body] of CASES) {
    const [expected, actual] = await Promise.all([json(kinesaliteEndpoint, op, body), json(freshet.endpoint, op, body)]);
    assert.ok(expected.status >= 400, `${op} ${JSON.stringify(body)} is not an error case`);
    assert.deepEqual(actual, expected, `${op} ${JSON.stringify(body).slice(0, 200)}`);
  }
});
