import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  evenHashKeyRanges,
  MAX_HASH_KEY,
  parseShardIndex,
  partitionKeyToHashKey,
  shardIdName,
} from '../../src/kinesis/model/hash-keys.js';
import { consumerArn, parseConsumerArn, parseStreamArn, streamArn } from '../../src/kinesis/model/arns.js';
import {
  parseSequenceNumber,
  positionOfSequenceNumber,
  sequenceNumberForPosition,
  startingSequenceNumber,
  stringifySequenceNumber,
} from '../../src/kinesis/model/sequence-numbers.js';

test('hash key ranges split 2^128 evenly and the last shard absorbs the remainder', () => {
  const three = evenHashKeyRanges(3);
  assert.deepEqual(three[0], { StartingHashKey: '0', EndingHashKey: '113427455640312821154458202477256070484' });
  assert.equal(three[1]!.StartingHashKey, '113427455640312821154458202477256070485');
  assert.equal(three[2]!.EndingHashKey, MAX_HASH_KEY.toString());
  assert.equal(three[2]!.EndingHashKey, '340282366920938463463374607431768211455');
});

test('partition keys hash with MD5 and shard ids are zero-padded to 12 digits', () => {
  assert.equal(partitionKeyToHashKey('a'), BigInt('0x0cc175b9c0f1b6a831c399e269772661'));
  assert.equal(shardIdName(7), 'shardId-000000000007');
  assert.equal(parseShardIndex('shardId-000000000007'), 7);
  assert.equal(parseShardIndex('7'), 7);
  assert.equal(parseShardIndex('shardId-x'), undefined);
});

test('stream and consumer ARNs round-trip', () => {
  const arn = streamArn('eu-west-1', '123456789012', 'my.stream');
  assert.equal(arn, 'arn:aws:kinesis:eu-west-1:123456789012:stream/my.stream');
  assert.deepEqual(parseStreamArn(arn), { region: 'eu-west-1', accountId: '123456789012', streamName: 'my.stream' });
  assert.equal(parseStreamArn('arn:aws:kinesis:eu-west-1:1234:stream/x'), undefined);
  const c = consumerArn(arn, 'app', 1_700_000_000_500);
  assert.equal(c, `${arn}/consumer/app:1700000000`);
  assert.equal(parseConsumerArn(c)?.consumerName, 'app');
});

test('version-2 sequence numbers have the layout AWS clients expect', () => {
  const created = Date.UTC(2026, 0, 1);
  const seq = sequenceNumberForPosition({ createdMs: created, index: 2 }, 41, created + 5000);
  const hex = BigInt(seq).toString(16);
  assert.match(hex, /^20[0-9a-f]{8}2[0-9a-f]{16}000[0-9a-f]{8}000000022$/);
  const parts = parseSequenceNumber(seq);
  assert.equal(parts.version, 2);
  assert.equal(parts.shardIx, 2);
  assert.equal(parts.shardCreateTime, created);
  assert.equal(parts.seqTime, created + 5000);
  assert.equal(positionOfSequenceNumber(seq), 41);
  assert.ok(BigInt(startingSequenceNumber(created, 2)) < BigInt(sequenceNumberForPosition({ createdMs: created, index: 2 }, 0, created)));
});

test('older sequence number versions parse and bad ones throw', () => {
  const v1 = BigInt('0x20000000000000000000000000000000000000000000001').toString();
  assert.equal(parseSequenceNumber(v1).version, 1);
  const v0 = stringifySequenceNumber({ shardCreateTime: 0, shardIx: 0 });
  assert.equal(parseSequenceNumber(v0).version, 2);
  assert.throws(() => parseSequenceNumber('1'.repeat(80)));
  assert.throws(() => parseSequenceNumber('abc'));
});
