/** The data plane's errors as AWS sends them (texts recorded from AWS by kinesalite), over raw JSON requests. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from '../helpers/freshet.js';
import { assertError, createActiveStream, json, ok } from './data-support.js';

let server: TestServer;
let ep: string;
const STREAM = 'data-errors';
const ACCOUNT = '000000000000';
const hexSeq = (hex: string): string => BigInt('0x' + hex).toString();

before(async () => {
  server = await startTestServer();
  ep = server.endpoint;
  await createActiveStream(ep, STREAM, 3);
});
after(() => server.stop());

describe('PutRecord errors', () => {
  it('validates members in AWS order', async () => {
    await assertError(
      json(ep, 'PutRecord', {}),
      'ValidationException',
      "3 validation errors detected: Value null at 'partitionKey' failed to satisfy constraint: Member must not be null; " +
        "Value null at 'data' failed to satisfy constraint: Member must not be null; " +
        "Value null at 'streamName' failed to satisfy constraint: Member must not be null",
    );
    await assertError(
      json(ep, 'PutRecord', { StreamName: '', PartitionKey: '', Data: '', ExplicitHashKey: '', SequenceNumberForOrdering: '' }),
      'ValidationException',
      "5 validation errors detected: Value '' at 'sequenceNumberForOrdering' failed to satisfy constraint: " +
        'Member must satisfy regular expression pattern: 0|([1-9]\\d{0,128}); ' +
        "Value '' at 'partitionKey' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
        "Value '' at 'explicitHashKey' failed to satisfy constraint: Member must satisfy regular expression pattern: 0|([1-9]\\d{0,38}); " +
        "Value '' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; " +
        "Value '' at 'streamName' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  });

  it('validates PutRecords entries in AWS order, reporting at most ten failures', async () => {
    await assertError(
      json(ep, 'PutRecords', { StreamName: '', Records: [{ PartitionKey: '', Data: '', ExplicitHashKey: '' }] }),
      'ValidationException',
      "4 validation errors detected: Value '' at 'records.1.member.partitionKey' failed to satisfy constraint: " +
        'Member must have length greater than or equal to 1; ' +
        "Value '' at 'records.1.member.explicitHashKey' failed to satisfy constraint: Member must satisfy regular expression pattern: 0|([1-9]\\d{0,38}); " +
        "Value '' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; " +
        "Value '' at 'streamName' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
    const entries = Array.from({ length: 501 }, () => ({ PartitionKey: '', Data: '' }));
    const shown = Array.from({ length: 501 }, () => 'com.amazonaws.kinesis.v20131202.PutRecordsRequestEntry@c965e310').join(', ');
    await assertError(
      json(ep, 'PutRecords', { StreamName: '', Records: entries }),
      'ValidationException',
      `10 validation errors detected: Value '[${shown}]' at 'records' failed to satisfy constraint: Member must have length less than or equal to 500; ` +
        Array.from({ length: 9 }, (_, i) => `Value '' at 'records.${i + 1}.member.partitionKey' failed to satisfy constraint: Member must have length greater than or equal to 1`).join('; '),
    );
    const key = (1n << 128n).toString();
    await assertError(
      json(ep, 'PutRecords', { StreamName: STREAM, Records: [{ PartitionKey: 'a', Data: '', ExplicitHashKey: key }, { PartitionKey: 'a', Data: '' }] }),
      'InvalidArgumentException',
      `Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was ${key}`,
    );
  });

  it('answers ResourceNotFoundException for a missing stream', async () => {
    await assertError(
      json(ep, 'PutRecord', { StreamName: 'nope', PartitionKey: 'a', Data: '' }),
      'ResourceNotFoundException',
      `Stream nope under account ${ACCOUNT} not found.`,
    );
    await assertError(
      json(ep, 'PutRecords', { StreamName: 'nope', Records: [{ PartitionKey: 'a', Data: '' }] }),
      'ResourceNotFoundException',
      `Stream nope under account ${ACCOUNT} not found.`,
    );
  });

  it('refuses an ExplicitHashKey out of range', async () => {
    const key = (1n << 128n).toString();
    await assertError(
      json(ep, 'PutRecord', { StreamName: STREAM, PartitionKey: 'a', Data: '', ExplicitHashKey: key }),
      'InvalidArgumentException',
      `Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was ${key}`,
    );
  });

  it('refuses SequenceNumberForOrdering values AWS refuses', async () => {
    const future = Math.floor(Date.now() / 1000 + 5).toString(16);
    for (const hex of [
      '20000000000000000000000000000000000000000000000',
      '20000000000000000000000000000000000000000000003',
      '20000000000000000000000000000000000000000000004',
      '30000000000000000000000000000000000000000000001',
      '1ffffffffff7fffffffffffffff000000000007fffffff2',
      '2ffffffffff7fffffffffffffff000000000007fffffff2',
      '20000000000800000000000000000000000000000000002',
      `200000000000000000000000000000${future}000000002`,
      '13bb2cc3d80000000000000000000000',
    ]) {
      const seq = hexSeq(hex);
      await assertError(
        json(ep, 'PutRecord', { StreamName: STREAM, PartitionKey: 'a', Data: '', SequenceNumberForOrdering: seq }),
        'InvalidArgumentException',
        `ExclusiveMinimumSequenceNumber ${seq} used in PutRecord on stream ${STREAM} under account ${ACCOUNT} is invalid.`,
      );
    }
  });

  it('limits a record to the stream’s maximum record size and a PutRecords call to 5 MiB', async () => {
    const big = Buffer.alloc(1024 * 1024 + 1).toString('base64');
    await assertError(
      json(ep, 'PutRecord', { StreamName: STREAM, PartitionKey: 'a', Data: big }),
      'ValidationException',
      "1 validation error detected: Value 'java.nio.HeapByteBuffer[pos=0 lim=1048577 cap=1048577]' at 'data' " +
        'failed to satisfy constraint: Member must have length less than or equal to 1048576',
    );
    const oneMiB = Buffer.alloc(1024 * 1024 - 10).toString('base64');
    await assertError(
      json(ep, 'PutRecords', { StreamName: STREAM, Records: Array.from({ length: 6 }, () => ({ PartitionKey: 'a', Data: oneMiB })) }),
      'InvalidArgumentException',
      'Records size exceeds 5 MB limit',
    );
    await assertError(
      json(ep, 'PutRecords', { StreamName: STREAM, Records: [] }),
      'ValidationException',
      "1 validation error detected: Value '[]' at 'records' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  });

  it('accepts records up to MaxRecordSizeInKiB on a large-record stream', async () => {
    const name = 'data-errors-large';
    await createActiveStream(ep, name, 1, { MaxRecordSizeInKiB: 2048 });
    const data = Buffer.alloc(1024 * 1024 + 1, 7);
    const r = await ok(json(ep, 'PutRecord', { StreamName: name, PartitionKey: 'a', Data: data.toString('base64') }));
    assert.equal(r.ShardId, 'shardId-000000000000');
    const it = (await ok(json(ep, 'GetShardIterator', { StreamName: name, ShardId: 'shardId-0', ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
    const got = await ok(json(ep, 'GetRecords', { ShardIterator: it }));
    assert.ok(Buffer.from(got.Records[0].Data, 'base64').equals(data));
    const tooBig = Buffer.alloc(2048 * 1024 + 1).toString('base64');
    await assertError(
      json(ep, 'PutRecord', { StreamName: name, PartitionKey: 'a', Data: tooBig }),
      'ValidationException',
      /Member must have length less than or equal to 2097152$/,
    );
  });
});

describe('GetShardIterator errors', () => {
  const gsi = (body: Record<string, unknown>) => json(ep, 'GetShardIterator', body);
  it('names the shard the way AWS parses shard ids', async () => {
    await assertError(
      gsi({ StreamName: 'nope', ShardId: '2147483647', ShardIteratorType: 'LATEST' }),
      'ResourceNotFoundException',
      `Shard shardId-002147483647 in stream nope under account ${ACCOUNT} does not exist`,
    );
    await assertError(
      gsi({ StreamName: 'nope', ShardId: 'a-00002147483647', ShardIteratorType: 'LATEST' }),
      'ResourceNotFoundException',
      `Shard shardId-002147483647 in stream nope under account ${ACCOUNT} does not exist`,
    );
    for (const id of ['2147483648', 'shardId-002147483648', 'ABKLFD8', '2.14E4']) {
      await assertError(
        gsi({ StreamName: 'nope', ShardId: id, ShardIteratorType: 'LATEST' }),
        'ResourceNotFoundException',
        `Could not find shard ${id} in stream nope under account ${ACCOUNT}.`,
      );
    }
    await assertError(
      gsi({ StreamName: STREAM, ShardId: 'shardId-5', ShardIteratorType: 'AT_SEQUENCE_NUMBER', StartingSequenceNumber: '5' }),
      'ResourceNotFoundException',
      `Shard shardId-000000000005 in stream ${STREAM} under account ${ACCOUNT} does not exist`,
    );
  });

  it('checks the iterator type against StartingSequenceNumber and Timestamp', async () => {
    const must = (type: string, also: boolean): string =>
      'Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or ' +
      '(2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. ' +
      `Request specified ${type} and ${also ? 'also a' : 'no'} StartingSequenceNumber.`;
    for (const type of ['AT_SEQUENCE_NUMBER', 'AFTER_SEQUENCE_NUMBER']) {
      await assertError(gsi({ StreamName: STREAM, ShardId: 'shardId-0', ShardIteratorType: type }), 'InvalidArgumentException', must(type, false));
    }
    for (const type of ['LATEST', 'TRIM_HORIZON']) {
      await assertError(
        gsi({ StreamName: STREAM, ShardId: 'shardId-0', ShardIteratorType: type, StartingSequenceNumber: '5' }),
        'InvalidArgumentException',
        must(type, true),
      );
    }
    await assertError(
      gsi({ StreamName: STREAM, ShardId: 'shardId-0', ShardIteratorType: 'AT_TIMESTAMP' }),
      'InvalidArgumentException',
      'Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP. Current request has no timestamp parameter.',
    );
    await assertError(
      gsi({ StreamName: STREAM, ShardId: 'shardId-0', ShardIteratorType: 'AT_TIMESTAMP', Timestamp: Date.now() / 1000 + 3600 }),
      'InvalidArgumentException',
      /^The timestampInMillis parameter cannot be greater than the currentTimestampInMillis\. timestampInMillis: \d+, currentTimestampInMillis: \d+$/,
    );
  });

  it('refuses sequence numbers of another shard, another stream or no valid layout', async () => {
    const at = (shard: string, seq: string) => gsi({ StreamName: STREAM, ShardId: shard, ShardIteratorType: 'AT_SEQUENCE_NUMBER', StartingSequenceNumber: seq });
    await assertError(at('shardId-0', '5'), 'InvalidArgumentException',
      'Invalid StartingSequenceNumber. It encodes shardId-000000000005, while it was used in a call to a shard with shardId-000000000000');
    await assertError(at('shardId-0', hexSeq('20000000000000000000000000000000000000800000002')), 'InvalidArgumentException',
      'Invalid StartingSequenceNumber. It encodes shardId--02147483648, while it was used in a call to a shard with shardId-000000000000');
    // Old-layout numbers of the right shard index make AWS fail internally.
    for (const [shard, seq] of [['shardId-0', '0'], ['shardId-2', '425352958651173072921826052383309826']]) {
      const r = await at(shard!, seq!);
      assert.equal(r.status, 500);
      assert.deepEqual(r.body, { __type: 'InternalFailure' });
    }
    for (const hex of ['13bb2cc3d80000000000000000000000', '20000000000800000000000000000000000000000000002']) {
      await assertError(at('shardId-0', hexSeq(hex)), 'InvalidArgumentException',
        `StartingSequenceNumber ${hexSeq(hex)} used in GetShardIterator on shard shardId-000000000000 in stream ${STREAM} under account ${ACCOUNT} is invalid.`);
    }
    // A real sequence number of shard 1 used on shard 0, and one of another incarnation of this shard.
    const put = await ok(json(ep, 'PutRecord', { StreamName: STREAM, PartitionKey: 'b', Data: '' }));
    assert.equal(put.ShardId, 'shardId-000000000001');
    await assertError(at('shardId-0', put.SequenceNumber), 'InvalidArgumentException',
      'Invalid StartingSequenceNumber. It encodes shardId-000000000001, while it was used in a call to a shard with shardId-000000000000');
    const otherStream = hexSeq(`2${'0'.repeat(9)}0${'0'.repeat(16)}00${'0'.repeat(9)}000000002`.replace(/^20{9}/, '2065000000'));
    await assertError(at('shardId-0', otherStream), 'InvalidArgumentException',
      `StartingSequenceNumber ${otherStream} used in GetShardIterator on shard shardId-000000000000 in stream ${STREAM} under account ${ACCOUNT} is invalid because it did not come from this stream.`);
  });
});

describe('GetRecords errors', () => {
  it('validates Limit and ShardIterator', async () => {
    await assertError(json(ep, 'GetRecords', {}), 'ValidationException',
      "1 validation error detected: Value null at 'shardIterator' failed to satisfy constraint: Member must not be null");
    await assertError(json(ep, 'GetRecords', { ShardIterator: '', Limit: 0 }), 'ValidationException',
      "2 validation errors detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1; " +
        "Value '' at 'shardIterator' failed to satisfy constraint: Member must have length greater than or equal to 1");
    const long = 'a'.repeat(513);
    await assertError(json(ep, 'GetRecords', { ShardIterator: long, Limit: 100000 }), 'ValidationException',
      "2 validation errors detected: Value '100000' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10000; " +
        `Value '${long}' at 'shardIterator' failed to satisfy constraint: Member must have length less than or equal to 512`);
  });

  it('answers "Invalid ShardIterator." for anything not issued by the server, including tampered iterators', async () => {
    await assertError(json(ep, 'GetRecords', { ShardIterator: 'not-an-iterator' }), 'InvalidArgumentException', 'Invalid ShardIterator.');
    const it = (await ok(json(ep, 'GetShardIterator', { StreamName: STREAM, ShardId: 'shardId-0', ShardIteratorType: 'LATEST' }))).ShardIterator;
    const bytes = Buffer.from(it, 'base64');
    bytes[bytes.length - 20]! ^= 0x55;
    await assertError(json(ep, 'GetRecords', { ShardIterator: bytes.toString('base64') }), 'InvalidArgumentException', 'Invalid ShardIterator.');
  });

  it('answers ResourceNotFoundException once the stream is gone', async () => {
    const name = 'data-errors-gone';
    await createActiveStream(ep, name, 2);
    const it = (await ok(json(ep, 'GetShardIterator', { StreamName: name, ShardId: 'shardId-1', ShardIteratorType: 'LATEST' }))).ShardIterator;
    await ok(json(ep, 'DeleteStream', { StreamName: name }));
    for (let i = 0; i < 200; i++) {
      const r = await json(ep, 'DescribeStreamSummary', { StreamName: name });
      if (r.body.__type === 'ResourceNotFoundException') break;
      await new Promise((res) => setTimeout(res, 10));
    }
    await assertError(json(ep, 'GetRecords', { ShardIterator: it }), 'ResourceNotFoundException',
      `Shard shardId-000000000001 in stream ${name} under account ${ACCOUNT} does not exist`);
  });
});

describe('iterator expiry', () => {
  let short: TestServer;
  before(async () => {
    short = await startTestServer({ iteratorTtlMs: 50 });
  });
  after(() => short.stop());

  it('answers ExpiredIteratorException once the iterator lifetime has passed', async () => {
    await createActiveStream(short.endpoint, 'expiry', 1);
    const it = (await ok(json(short.endpoint, 'GetShardIterator', { StreamName: 'expiry', ShardId: 'shardId-0', ShardIteratorType: 'LATEST' })))
      .ShardIterator;
    await ok(json(short.endpoint, 'GetRecords', { ShardIterator: it }));
    await new Promise((res) => setTimeout(res, 120));
    await assertError(
      json(short.endpoint, 'GetRecords', { ShardIterator: it }),
      'ExpiredIteratorException',
      /^Iterator expired\. The iterator was created at time \w{3} \w{3} \d{2} \d{2}:\d{2}:\d{2} UTC \d{4} while right now it is \w{3} \w{3} \d{2} \d{2}:\d{2}:\d{2} UTC \d{4} which is further in the future than the tolerated delay of 50 milliseconds\.$/,
    );
  });
});
