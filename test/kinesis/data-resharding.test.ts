/**
 * Resharding through the real server: SplitShard, MergeShards and UpdateShardCount turn the stream UPDATING, then
 * close the parents (EndingSequenceNumber) and open children that name their parents; closed shards stay readable
 * and end with ChildShards; a closed shard cannot be split or merged again; AWS's limits and messages.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from '../helpers/freshet.js';
import { assertError, createActiveStream, json, ok, waitForStatus } from './data-support.js';

let server: TestServer;
let ep: string;
const ACCOUNT = '000000000000';
const MAX = ((1n << 128n) - 1n).toString();

// The UPDATING window must outlast a few requests even on a loaded machine: the test asserts what AWS answers inside it.
before(async () => {
  server = await startTestServer({ updateStreamMs: 1000, shardLimit: 30 });
  ep = server.endpoint;
});
after(() => server.stop());

const describe_ = async (name: string): Promise<any> => (await ok(json(ep, 'DescribeStream', { StreamName: name }))).StreamDescription;
const parse = (seq: string) => {
  const hex = BigInt(seq).toString(16);
  return {
    createSecs: Number.parseInt(hex.slice(1, 10), 16),
    shardIx: Number.parseInt(hex.slice(38, 46), 16),
    seqIx: hex.slice(11, 27),
    seqSecs: Number.parseInt(hex.slice(29, 38), 16),
  };
};

async function readShard(name: string, shardId: string): Promise<{ data: string[]; last: any }> {
  let it = (await ok(json(ep, 'GetShardIterator', { StreamName: name, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
  const data: string[] = [];
  for (let i = 0; i < 20; i++) {
    const r = await ok(json(ep, 'GetRecords', { ShardIterator: it }));
    data.push(...r.Records.map((x: any) => Buffer.from(x.Data, 'base64').toString()));
    if (!r.NextShardIterator || r.Records.length === 0) return { data, last: r };
    it = r.NextShardIterator;
  }
  throw new Error('shard never ended');
}

const put = async (name: string, data: string, hashKey: string): Promise<any> =>
  ok(json(ep, 'PutRecord', { StreamName: name, PartitionKey: 'p', Data: Buffer.from(data).toString('base64'), ExplicitHashKey: hashKey }));

describe('SplitShard', () => {
  const name = 'data-split';
  before(() => createActiveStream(ep, name, 1));

  it('closes the parent and opens two children after the UPDATING period; the parent stays readable', async () => {
    await put(name, 'before', '1');
    const splitStart = Date.now();
    // No output: an empty body, as AWS answers.
    assert.equal(await ok(json(ep, 'SplitShard', { StreamName: name, ShardToSplit: 'shard-0', NewStartingHashKey: '2' })), '');
    const updating = await describe_(name);
    assert.equal(updating.StreamStatus, 'UPDATING');
    assert.equal(updating.Shards.length, 1);
    await assertError(
      json(ep, 'SplitShard', { StreamName: name, ShardToSplit: 'shard-0', NewStartingHashKey: '2' }),
      'ResourceInUseException',
      `Stream ${name} under account ${ACCOUNT} not ACTIVE, instead in state UPDATING`,
    );
    // Writes still land while the stream is UPDATING, on the shard that is still open.
    assert.equal((await put(name, 'during', '1')).ShardId, 'shardId-000000000000');
    await waitForStatus(ep, name, 'ACTIVE');

    const d = await describe_(name);
    assert.equal(d.Shards.length, 3);
    const [parent, low, high] = d.Shards;
    assert.deepEqual(low.HashKeyRange, { StartingHashKey: '0', EndingHashKey: '1' });
    assert.deepEqual(high.HashKeyRange, { StartingHashKey: '2', EndingHashKey: MAX });
    assert.equal(low.ParentShardId, 'shardId-000000000000');
    assert.equal(high.ParentShardId, 'shardId-000000000000');
    assert.equal(low.AdjacentParentShardId, undefined);
    const end = parse(parent.SequenceNumberRange.EndingSequenceNumber);
    const start0 = parse(parent.SequenceNumberRange.StartingSequenceNumber);
    assert.equal(end.seqIx, '7fffffffffffffff');
    assert.equal(end.shardIx, 0);
    assert.equal(end.createSecs, start0.createSecs);
    assert.ok(end.seqSecs * 1000 > splitStart - 1000 && end.seqSecs * 1000 < Date.now() + 1000);
    const s1 = parse(low.SequenceNumberRange.StartingSequenceNumber);
    const s2 = parse(high.SequenceNumberRange.StartingSequenceNumber);
    assert.equal(s1.shardIx, 1);
    assert.equal(s2.shardIx, 2);
    assert.equal(s1.createSecs, s1.seqSecs);
    assert.equal(s1.createSecs, s2.createSecs);
    assert.equal(s1.createSecs - end.seqSecs, 1);
    assert.equal(s1.seqIx, '0000000000000000');

    // New writes go to the children; the parent, read to its end, hands over to them.
    assert.equal((await put(name, 'after-low', '1')).ShardId, 'shardId-000000000001');
    assert.equal((await put(name, 'after-high', '5')).ShardId, 'shardId-000000000002');
    // The call that returns a closed shard's last records still hands out an iterator; the next one ends it.
    const itParent = (await ok(json(ep, 'GetShardIterator', { StreamName: name, ShardId: 'shardId-0', ShardIteratorType: 'TRIM_HORIZON' })))
      .ShardIterator;
    const lastRecords = await ok(json(ep, 'GetRecords', { ShardIterator: itParent }));
    assert.equal(lastRecords.Records.length, 2);
    assert.ok(lastRecords.NextShardIterator);
    assert.equal(lastRecords.ChildShards, undefined);
    const ended = await ok(json(ep, 'GetRecords', { ShardIterator: lastRecords.NextShardIterator }));
    assert.deepEqual(Object.keys(ended).sort(), ['ChildShards', 'MillisBehindLatest', 'Records']);
    assert.deepEqual(ended.Records, []);
    const p = await readShard(name, 'shardId-000000000000');
    assert.deepEqual(p.data, ['before', 'during']);
    assert.equal(p.last.NextShardIterator, undefined);
    assert.deepEqual(p.last.ChildShards, [
      { ShardId: 'shardId-000000000001', ParentShards: ['shardId-000000000000'], HashKeyRange: low.HashKeyRange },
      { ShardId: 'shardId-000000000002', ParentShards: ['shardId-000000000000'], HashKeyRange: high.HashKeyRange },
    ]);
    assert.deepEqual((await readShard(name, 'shardId-000000000001')).data, ['after-low']);
  });

  it('refuses to split a shard that was already split', async () => {
    await assertError(
      json(ep, 'SplitShard', { StreamName: name, ShardToSplit: 'shardId-000000000000', NewStartingHashKey: '2' }),
      'InvalidArgumentException',
      `Shard shardId-000000000000 in stream ${name} under account ${ACCOUNT} has already been merged or split, and thus is not eligible for merging or splitting.`,
    );
  });

  it('answers AWS’s errors for unknown shards, bad hash keys and the shard limit', async () => {
    const three = 'data-split-errors';
    await createActiveStream(ep, three, 3);
    await assertError(
      json(ep, 'SplitShard', { StreamName: 'nope', ShardToSplit: '2147483647', NewStartingHashKey: '0' }),
      'ResourceNotFoundException',
      `Stream nope under account ${ACCOUNT} not found.`,
    );
    await assertError(
      json(ep, 'SplitShard', { StreamName: 'nope', ShardToSplit: 'ABKLFD8', NewStartingHashKey: '0' }),
      'ResourceNotFoundException',
      `Could not find shard ABKLFD8 in stream nope under account ${ACCOUNT}.`,
    );
    await assertError(
      json(ep, 'SplitShard', { StreamName: three, ShardToSplit: 'shardId-5', NewStartingHashKey: '0' }),
      'ResourceNotFoundException',
      `Could not find shard shardId-000000000005 in stream ${three} under account ${ACCOUNT}.`,
    );
    const tooSmall = (key: string, shard: string, start: string, end: string) =>
      `NewStartingHashKey ${key} used in SplitShard() on shard ${shard} in stream ${three} under account ${ACCOUNT} ` +
      `is not both greater than one plus the shard's StartingHashKey ${start} and less than the shard's EndingHashKey ${end}.`;
    await assertError(
      json(ep, 'SplitShard', { StreamName: three, ShardToSplit: 'shard-0', NewStartingHashKey: '1' }),
      'InvalidArgumentException',
      tooSmall('1', 'shardId-000000000000', '0', '113427455640312821154458202477256070484'),
    );
    await assertError(
      json(ep, 'SplitShard', { StreamName: three, ShardToSplit: 'shard-2', NewStartingHashKey: '999999999999999999999999999999999999999' }),
      'InvalidArgumentException',
      tooSmall('999999999999999999999999999999999999999', 'shardId-000000000002', '226854911280625642308916404954512140970', MAX),
    );
    await assertError(
      json(ep, 'SplitShard', {}),
      'ValidationException',
      "3 validation errors detected: Value null at 'newStartingHashKey' failed to satisfy constraint: Member must not be null; " +
        "Value null at 'streamName' failed to satisfy constraint: Member must not be null; " +
        "Value null at 'shardToSplit' failed to satisfy constraint: Member must not be null",
    );
    const limited = await startTestServer({ shardLimit: 3 });
    try {
      await createActiveStream(limited.endpoint, 'full', 3);
      await assertError(
        json(limited.endpoint, 'SplitShard', { StreamName: 'full', ShardToSplit: 'shard-0', NewStartingHashKey: '2' }),
        'LimitExceededException',
        `This request would exceed the shard limit for the account ${ACCOUNT} in us-east-1. Current shard count for the account: 3. ` +
          'Limit: 3. Number of additional shards that would have resulted from this request: 1. Refer to the AWS Service Limits page ' +
          '(http://docs.aws.amazon.com/general/latest/gr/aws_service_limits.html) for current limits and how to request higher limits.',
      );
    } finally {
      await limited.stop();
    }
  });
});

describe('MergeShards', () => {
  const name = 'data-merge';
  before(() => createActiveStream(ep, name, 3));

  it('merges two adjacent shards into one child naming both parents', async () => {
    const d0 = await describe_(name);
    await put(name, 'in-0', '0');
    await put(name, 'in-1', d0.Shards[1].HashKeyRange.StartingHashKey);
    await assertError(
      json(ep, 'MergeShards', { StreamName: name, ShardToMerge: 'shardId-000000000000', AdjacentShardToMerge: 'shardId-000000000002' }),
      'InvalidArgumentException',
      `Shards shardId-000000000000 and shardId-000000000002 in stream ${name} under account ${ACCOUNT} are not an adjacent pair of shards eligible for merging`,
    );
    await assertError(
      json(ep, 'MergeShards', { StreamName: name, ShardToMerge: 'shardId-1', AdjacentShardToMerge: 'shardId-0' }),
      'InvalidArgumentException',
      `Shards shardId-000000000001 and shardId-000000000000 in stream ${name} under account ${ACCOUNT} are not an adjacent pair of shards eligible for merging`,
    );
    await assertError(
      json(ep, 'MergeShards', { StreamName: name, ShardToMerge: 'x-0', AdjacentShardToMerge: 'shardId-5' }),
      'ResourceNotFoundException',
      `Could not find shard shardId-000000000005 in stream ${name} under account ${ACCOUNT}.`,
    );
    assert.equal(await ok(json(ep, 'MergeShards', { StreamName: name, ShardToMerge: 'shardId-0', AdjacentShardToMerge: 'shard-1' })), '');
    assert.equal((await describe_(name)).StreamStatus, 'UPDATING');
    await waitForStatus(ep, name, 'ACTIVE');
    const d = await describe_(name);
    const child = d.Shards[3];
    assert.equal(child.ShardId, 'shardId-000000000003');
    assert.equal(child.ParentShardId, 'shardId-000000000000');
    assert.equal(child.AdjacentParentShardId, 'shardId-000000000001');
    assert.deepEqual(child.HashKeyRange, { StartingHashKey: '0', EndingHashKey: d0.Shards[1].HashKeyRange.EndingHashKey });
    assert.ok(d.Shards[0].SequenceNumberRange.EndingSequenceNumber && d.Shards[1].SequenceNumberRange.EndingSequenceNumber);
    assert.equal(d.Shards[2].SequenceNumberRange.EndingSequenceNumber, undefined);
    assert.equal((await put(name, 'merged', '0')).ShardId, 'shardId-000000000003');
    const r0 = await readShard(name, 'shardId-000000000000');
    assert.deepEqual(r0.data, ['in-0']);
    assert.deepEqual(r0.last.ChildShards, [
      { ShardId: 'shardId-000000000003', ParentShards: ['shardId-000000000000', 'shardId-000000000001'], HashKeyRange: child.HashKeyRange },
    ]);
    await assertError(
      json(ep, 'MergeShards', { StreamName: name, ShardToMerge: 'shardId-000000000000', AdjacentShardToMerge: 'shardId-000000000001' }),
      'InvalidArgumentException',
      `Shard shardId-000000000000 in stream ${name} under account ${ACCOUNT} has already been merged or split, and thus is not eligible for merging or splitting.`,
    );
  });
});

describe('UpdateShardCount', () => {
  it('scales uniformly up and down, with parents recorded and the limits AWS applies', async () => {
    const name = 'data-scale';
    await createActiveStream(ep, name, 2);
    const up = await ok(json(ep, 'UpdateShardCount', { StreamName: name, TargetShardCount: 4, ScalingType: 'UNIFORM_SCALING' }));
    assert.deepEqual(up, {
      StreamName: name,
      CurrentShardCount: 2,
      TargetShardCount: 4,
      StreamARN: `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/${name}`,
    });
    await waitForStatus(ep, name, 'ACTIVE');
    let d = await describe_(name);
    const open = d.Shards.filter((s: any) => !s.SequenceNumberRange.EndingSequenceNumber);
    assert.equal(open.length, 4);
    assert.deepEqual(
      open.map((s: any) => s.ParentShardId),
      ['shardId-000000000000', 'shardId-000000000000', 'shardId-000000000001', 'shardId-000000000001'],
    );
    assert.equal(open[0].HashKeyRange.StartingHashKey, '0');
    assert.equal(open[3].HashKeyRange.EndingHashKey, MAX);
    for (let i = 1; i < 4; i++) {
      assert.equal(BigInt(open[i].HashKeyRange.StartingHashKey), BigInt(open[i - 1].HashKeyRange.EndingHashKey) + 1n);
    }
    await assertError(
      json(ep, 'UpdateShardCount', { StreamName: name, TargetShardCount: 9, ScalingType: 'UNIFORM_SCALING' }),
      'LimitExceededException',
      'UpdateShardCount cannot scale up over double your current open shard count. Current open shard count: 4, Target shard count: 9',
    );
    await assertError(
      json(ep, 'UpdateShardCount', { StreamName: name, TargetShardCount: 1, ScalingType: 'UNIFORM_SCALING' }),
      'LimitExceededException',
      'UpdateShardCount cannot scale down below half your current open shard count. Current open shard count: 4, Target shard count: 1',
    );
    await ok(json(ep, 'UpdateShardCount', { StreamName: name, TargetShardCount: 3, ScalingType: 'UNIFORM_SCALING' }));
    await waitForStatus(ep, name, 'ACTIVE');
    d = await describe_(name);
    const three = d.Shards.filter((s: any) => !s.SequenceNumberRange.EndingSequenceNumber);
    assert.equal(three.length, 3);
    // The middle third overlaps the second and third of the four: both are recorded as its parents.
    assert.equal(three[1].ParentShardId, open[1].ShardId);
    assert.equal(three[1].AdjacentParentShardId, open[2].ShardId);
    await assertError(
      json(ep, 'UpdateShardCount', { StreamName: name, TargetShardCount: 31, ScalingType: 'UNIFORM_SCALING' }),
      'LimitExceededException',
      'Target shard count or number of open shards cannot be greater than 30. Current open shard count: 3, Target shard count: 31',
    );
    await assertError(
      json(ep, 'UpdateShardCount', { StreamName: '', ScalingType: '', TargetShardCount: 0 }),
      'ValidationException',
      "4 validation errors detected: Value '' at 'scalingType' failed to satisfy constraint: Member must satisfy enum value set: [UNIFORM_SCALING]; " +
        "Value '' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; " +
        "Value '' at 'streamName' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
        "Value '0' at 'targetShardCount' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
    await assertError(
      json(ep, 'UpdateShardCount', { StreamName: name, TargetShardCount: 3, ScalingType: 'SOMETHING' }),
      'ValidationException',
      "1 validation error detected: Value 'SOMETHING' at 'scalingType' failed to satisfy constraint: Member must satisfy enum value set: [UNIFORM_SCALING]",
    );
  });

  it('refuses on-demand streams and more than ten scalings in 24 hours', async () => {
    const onDemand = 'data-scale-on-demand';
    await ok(json(ep, 'CreateStream', { StreamName: onDemand, StreamModeDetails: { StreamMode: 'ON_DEMAND' } }));
    await waitForStatus(ep, onDemand, 'ACTIVE');
    await assertError(
      json(ep, 'UpdateShardCount', { StreamName: onDemand, TargetShardCount: 5, ScalingType: 'UNIFORM_SCALING' }),
      'ValidationException',
      /ON_DEMAND/,
    );
    const name = 'data-scale-often';
    await createActiveStream(ep, name, 1);
    for (let i = 0; i < 10; i++) {
      await ok(json(ep, 'UpdateShardCount', { StreamName: name, TargetShardCount: i % 2 === 0 ? 2 : 1, ScalingType: 'UNIFORM_SCALING' }));
      await waitForStatus(ep, name, 'ACTIVE');
    }
    await assertError(
      json(ep, 'UpdateShardCount', { StreamName: name, TargetShardCount: 2, ScalingType: 'UNIFORM_SCALING' }),
      'LimitExceededException',
      `Stream ${name} under account ${ACCOUNT} has already been scaled 10 times in the last 24 hours.`,
    );
  });
});
