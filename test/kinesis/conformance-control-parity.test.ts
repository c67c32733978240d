/**
 * Control-plane answers side by side with kinesalite 3.3.3, whose messages were recorded from AWS: type errors,
 * validation, missing streams, tag and retention rules, the CREATING window, deletion and the shard limit. Cases
 * where today's AWS has moved on from the recordings are asserted in conformance-control-current-aws.test.ts.
 */
import { after, before, describe, it } from 'node:test';
import { assertSame, nested, send, startPair, waitActive, WRONG_TYPES, type Pair } from './conformance-support.js';

const STREAM = 'conformance';
const LONG = 'a'.repeat(129);
const MISSING = 'conformance-missing';

let pair: Pair;
before(async () => {
  // CREATING must outlast the few requests that observe it, even on a busy machine.
  pair = await startPair({ shardLimit: 10, stateMs: 1000 });
  await Promise.all(
    [pair.referenceEndpoint, pair.freshet.endpoint].map(async (endpoint) => {
      await send(endpoint, 'CreateStream', { StreamName: STREAM, ShardCount: 3 });
      await waitActive(endpoint, STREAM);
    }),
  );
});
after(() => pair.stop());

/** Every wrong JSON type for each member, one request each. */
const MEMBER_TYPES: Array<[string, string, string]> = [
  ['CreateStream', 'StreamName', 'String'],
  ['CreateStream', 'ShardCount', 'Integer'],
  ['DeleteStream', 'StreamName', 'String'],
  ['DescribeStream', 'StreamName', 'String'],
  ['DescribeStream', 'Limit', 'Integer'],
  ['DescribeStream', 'ExclusiveStartShardId', 'String'],
  ['DescribeStreamSummary', 'StreamName', 'String'],
  ['ListStreams', 'Limit', 'Integer'],
  ['ListStreams', 'ExclusiveStartStreamName', 'String'],
  ['ListShards', 'StreamName', 'String'],
  ['ListShards', 'MaxResults', 'Integer'],
  ['ListShards', 'ExclusiveStartShardId', 'String'],
  ['ListShards', 'NextToken', 'String'],
  ['ListShards', 'StreamCreationTimestamp', 'Timestamp'],
  ['AddTagsToStream', 'Tags', 'Map'],
  ['AddTagsToStream', 'Tags.a', 'String'],
  ['AddTagsToStream', 'StreamName', 'String'],
  ['RemoveTagsFromStream', 'TagKeys', 'List'],
  ['RemoveTagsFromStream', 'TagKeys.0', 'String'],
  ['RemoveTagsFromStream', 'StreamName', 'String'],
  ['ListTagsForStream', 'StreamName', 'String'],
  ['ListTagsForStream', 'ExclusiveStartTagKey', 'String'],
  ['ListTagsForStream', 'Limit', 'Integer'],
  ['IncreaseStreamRetentionPeriod', 'StreamName', 'String'],
  ['IncreaseStreamRetentionPeriod', 'RetentionPeriodHours', 'Integer'],
  ['DecreaseStreamRetentionPeriod', 'StreamName', 'String'],
  ['DecreaseStreamRetentionPeriod', 'RetentionPeriodHours', 'Integer'],
];

describe('SerializationException for every member of the wrong type', () => {
  for (const [operation, path, type] of MEMBER_TYPES) {
    it(`${operation} ${path} (${type})`, async () => {
      for (const value of WRONG_TYPES[type]!) await assertSame(pair, operation, nested(path, value));
    });
  }
});

/** Requests that fail before any stream is looked at, or look up a missing one. */
const INVALID: Array<[string, unknown]> = [
  ['CreateStream', {}],
  ['CreateStream', { StreamName: '', ShardCount: 0 }],
  ['CreateStream', { StreamName: 'ü', ShardCount: 1 }],
  ['CreateStream', { StreamName: null, ShardCount: null }],
  ['DeleteStream', {}],
  ['DeleteStream', { StreamName: '' }],
  ['DeleteStream', { StreamName: LONG }],
  ['DeleteStream', { StreamName: MISSING }],
  ['DescribeStream', {}],
  ['DescribeStream', { StreamName: '', Limit: 0, ExclusiveStartShardId: '' }],
  ['DescribeStream', { StreamName: LONG, Limit: 100000, ExclusiveStartShardId: LONG }],
  ['DescribeStream', { StreamName: MISSING }],
  ['DescribeStreamSummary', {}],
  ['DescribeStreamSummary', { StreamName: '' }],
  ['DescribeStreamSummary', { StreamName: LONG }],
  ['DescribeStreamSummary', { StreamName: MISSING }],
  ['ListStreams', { ExclusiveStartStreamName: '', Limit: 0 }],
  ['ListStreams', { ExclusiveStartStreamName: LONG, Limit: 1000000 }],
  ['ListStreams', '[]'],
  ['ListShards', {}],
  ['ListShards', { StreamName: '', MaxResults: 0, ExclusiveStartShardId: '', NextToken: '' }],
  ['ListShards', { StreamName: LONG, MaxResults: 100000, ExclusiveStartShardId: LONG }],
  ['ListShards', { StreamName: MISSING, NextToken: MISSING }],
  ['ListShards', { StreamName: MISSING }],
  ['AddTagsToStream', {}],
  ['AddTagsToStream', { StreamName: '', Tags: {} }],
  ['AddTagsToStream', { StreamName: LONG, Tags: { 'a;b': 'b' } }],
  ['AddTagsToStream', { StreamName: MISSING, Tags: { a: '1', b: '2', [LONG]: '3' } }],
  ['AddTagsToStream', { StreamName: MISSING, Tags: { a: '1', b: '2', c: 'v'.repeat(257) } }],
  ['AddTagsToStream', { StreamName: MISSING, Tags: { '': 'x' } }],
  ['AddTagsToStream', { StreamName: MISSING, Tags: { a: 'b' } }],
  ['RemoveTagsFromStream', {}],
  ['RemoveTagsFromStream', { StreamName: '', TagKeys: [] }],
  ['RemoveTagsFromStream', { StreamName: LONG, TagKeys: ['a;b'] }],
  ['RemoveTagsFromStream', { StreamName: MISSING, TagKeys: ['a', 'b', LONG] }],
  ['RemoveTagsFromStream', { StreamName: MISSING, TagKeys: ['', 'b'] }],
  ['RemoveTagsFromStream', { StreamName: MISSING, TagKeys: ['a'] }],
  ['ListTagsForStream', {}],
  ['ListTagsForStream', { StreamName: '', ExclusiveStartTagKey: '', Limit: 0 }],
  ['ListTagsForStream', { StreamName: MISSING }],
  ['IncreaseStreamRetentionPeriod', {}],
  ['IncreaseStreamRetentionPeriod', { StreamName: '', RetentionPeriodHours: -1 }],
  ['IncreaseStreamRetentionPeriod', { StreamName: LONG, RetentionPeriodHours: 24 }],
  ['IncreaseStreamRetentionPeriod', { StreamName: MISSING, RetentionPeriodHours: 25 }],
  ['IncreaseStreamRetentionPeriod', { StreamName: STREAM, RetentionPeriodHours: 23 }],
  ['DecreaseStreamRetentionPeriod', {}],
  ['DecreaseStreamRetentionPeriod', { StreamName: '', RetentionPeriodHours: -1 }],
  ['DecreaseStreamRetentionPeriod', { StreamName: LONG, RetentionPeriodHours: 24 }],
  ['DecreaseStreamRetentionPeriod', { StreamName: MISSING, RetentionPeriodHours: 25 }],
  ['DecreaseStreamRetentionPeriod', { StreamName: STREAM, RetentionPeriodHours: 23 }],
];

describe('ValidationException, ResourceNotFoundException and InvalidArgumentException texts', () => {
  for (const [operation, body] of INVALID) {
    it(`${operation} ${(typeof body === 'string' ? body : JSON.stringify(body)).slice(0, 90)}`, () => assertSame(pair, operation, body));
  }
});

describe('tags', () => {
  it('refuses characters outside the tag alphabet, % with its own text', async () => {
    for (const bad of ['abc;def', 'abc\tdef', 'abc\ndef', 'abc,def', 'abc%def']) {
      await assertSame(pair, 'AddTagsToStream', { StreamName: STREAM, Tags: { [bad]: '1' } });
      await assertSame(pair, 'AddTagsToStream', { StreamName: STREAM, Tags: { a: bad } });
      await assertSame(pair, 'RemoveTagsFromStream', { StreamName: STREAM, TagKeys: ['x', bad] });
    }
  });

  it('adds, overwrites, pages, refuses the 51st tag and removes', async () => {
    await assertSame(pair, 'AddTagsToStream', { StreamName: STREAM, Tags: { a: 'a', 'ü0 _.': 'a', '/=+-@': 'a', b: 'ü0 _./=+-@', c: '' } });
    await assertSame(pair, 'AddTagsToStream', { StreamName: STREAM, Tags: { a: 'b' } });
    await assertSame(pair, 'ListTagsForStream', { StreamName: STREAM });
    for (let batch = 0; batch < 5; batch++) {
      const tags = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`t${batch}${i}`, 'v']));
      await assertSame(pair, 'AddTagsToStream', { StreamName: STREAM, Tags: tags });
    }
    await assertSame(pair, 'ListTagsForStream', { StreamName: STREAM });
    await assertSame(pair, 'ListTagsForStream', { StreamName: STREAM, Limit: 2 });
    await assertSame(pair, 'ListTagsForStream', { StreamName: STREAM, ExclusiveStartTagKey: 'b', Limit: 3 });
    const keys = ['a', 'ü0 _.', '/=+-@', 'b', 'c', 'never-there', ...Array.from({ length: 4 }, (_, i) => `t0${i}`)];
    await assertSame(pair, 'RemoveTagsFromStream', { StreamName: STREAM, TagKeys: keys });
    await assertSame(pair, 'ListTagsForStream', { StreamName: STREAM, Limit: 1 });
  });
});

describe('retention', () => {
  it('increases, decreases and refuses the wrong direction', async () => {
    await assertSame(pair, 'IncreaseStreamRetentionPeriod', { StreamName: STREAM, RetentionPeriodHours: 25 });
    await assertSame(pair, 'IncreaseStreamRetentionPeriod', { StreamName: STREAM, RetentionPeriodHours: 24 });
    await assertSame(pair, 'DecreaseStreamRetentionPeriod', { StreamName: STREAM, RetentionPeriodHours: 26 });
    await assertSame(pair, 'IncreaseStreamRetentionPeriod', { StreamName: STREAM, RetentionPeriodHours: 168 });
    await assertSame(pair, 'DescribeStreamSummary', { StreamName: STREAM });
    await assertSame(pair, 'DecreaseStreamRetentionPeriod', { StreamName: STREAM, RetentionPeriodHours: 24 });
    await assertSame(pair, 'DecreaseStreamRetentionPeriod', { StreamName: STREAM, RetentionPeriodHours: 24 });
  });
});

describe('stream lifecycle', () => {
  it('describes and lists an ACTIVE stream', async () => {
    await assertSame(pair, 'DescribeStream', { StreamName: STREAM });
    await assertSame(pair, 'DescribeStreamSummary', { StreamName: STREAM });
    await assertSame(pair, 'ListShards', { StreamName: STREAM });
    await assertSame(pair, 'ListShards', { StreamName: STREAM, ExclusiveStartShardId: 'shardId-000000000001' });
    await assertSame(pair, 'ListStreams', {});
    await assertSame(pair, 'ListStreams', { ExclusiveStartStreamName: STREAM.slice(0, -1), Limit: 1 });
  });

  // Before any other stream exists: kinesalite counts no shards for a stream deleted before it was ACTIVE.
  it('counts open shards against the account limit', async () => {
    await assertSame(pair, 'CreateStream', { StreamName: 'conformance-big', ShardCount: 1000 });
    await assertSame(pair, 'CreateStream', { StreamName: 'conformance-big', ShardCount: 8 });
    await assertSame(pair, 'CreateStream', { StreamName: STREAM, ShardCount: 1 });
  });

  it('shows a new stream CREATING without shards, refuses its name again, deletes it while CREATING', async () => {
    const name = 'conformance-young';
    await assertSame(pair, 'CreateStream', { StreamName: name, ShardCount: 1 });
    await assertSame(pair, 'DescribeStream', { StreamName: name });
    await assertSame(pair, 'DescribeStreamSummary', { StreamName: name });
    await assertSame(pair, 'ListShards', { StreamName: name });
    await assertSame(pair, 'CreateStream', { StreamName: name, ShardCount: 1 });
    await assertSame(pair, 'DeleteStream', { StreamName: name });
    await assertSame(pair, 'DescribeStream', { StreamName: name });
    await assertSame(pair, 'DeleteStream', { StreamName: name });
  });
});
