/**
 * Where today's AWS answers differently from kinesalite's 2015–2020 recordings, Freshet follows today's AWS
 * (botocore's model and documentation): exact response members, the model's limits, and actions without output
 * answering with an empty body.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decode as decodeCbor, encode as encodeCbor } from 'cbor-x';
import { rawRequest } from '../helpers/raw-http.js';
import { startTestServer, type TestServer } from '../helpers/freshet.js';
import { assertAwsError, kinesisJson, waitForStatus } from './control-support.js';

const STREAM = 'current';

let server: TestServer;
let ep: string;
before(async () => {
  server = await startTestServer({ shardLimit: 10 });
  ep = server.endpoint;
  await kinesisJson(ep, 'CreateStream', { StreamName: STREAM, ShardCount: 3 });
  await waitForStatus(ep, STREAM, 'ACTIVE');
});
after(() => server.stop());

const keys = (o: object): string[] => Object.keys(o).sort();
const tags = (n: number, prefix = 'k'): Record<string, string> =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${i}`, 'v']));

describe('response members', () => {
  it('DescribeStream adds StreamModeDetails to the recorded members', async () => {
    const r = await kinesisJson(ep, 'DescribeStream', { StreamName: STREAM });
    assert.equal(r.status, 200);
    assert.deepEqual(keys(r.body), ['StreamDescription']);
    assert.deepEqual(keys(r.body.StreamDescription), [
      'EncryptionType',
      'EnhancedMonitoring',
      'HasMoreShards',
      'RetentionPeriodHours',
      'Shards',
      'StreamARN',
      'StreamCreationTimestamp',
      'StreamModeDetails',
      'StreamName',
      'StreamStatus',
    ]);
    assert.deepEqual(r.body.StreamDescription.StreamModeDetails, { StreamMode: 'PROVISIONED' });
    assert.deepEqual(keys(r.body.StreamDescription.Shards[0]), ['HashKeyRange', 'SequenceNumberRange', 'ShardId']);
  });

  it('DescribeStreamSummary adds StreamModeDetails and MaxRecordSizeInKiB', async () => {
    const r = await kinesisJson(ep, 'DescribeStreamSummary', { StreamName: STREAM });
    assert.deepEqual(keys(r.body.StreamDescriptionSummary), [
      'ConsumerCount',
      'EncryptionType',
      'EnhancedMonitoring',
      'MaxRecordSizeInKiB',
      'OpenShardCount',
      'RetentionPeriodHours',
      'StreamARN',
      'StreamCreationTimestamp',
      'StreamModeDetails',
      'StreamName',
      'StreamStatus',
    ]);
    assert.equal(r.body.StreamDescriptionSummary.MaxRecordSizeInKiB, 1024);
  });

  it('ListStreams adds StreamSummaries, and NextToken only when there is more', async () => {
    const all = await kinesisJson(ep, 'ListStreams', {});
    assert.deepEqual(keys(all.body), ['HasMoreStreams', 'StreamNames', 'StreamSummaries']);
    assert.deepEqual(keys(all.body.StreamSummaries[0]), ['StreamARN', 'StreamCreationTimestamp', 'StreamModeDetails', 'StreamName', 'StreamStatus']);
  });

  it('DescribeLimits reports the on-demand stream counts too', async () => {
    const r = await kinesisJson(ep, 'DescribeLimits', {});
    assert.deepEqual(r.body, { ShardLimit: 10, OpenShardCount: 3, OnDemandStreamCount: 0, OnDemandStreamCountLimit: 50 });
  });

  it('DescribeStream honours Limit and ListShards MaxResults', async () => {
    const d = await kinesisJson(ep, 'DescribeStream', { StreamName: STREAM, Limit: 1 });
    assert.deepEqual(d.body.StreamDescription.Shards.map((s: any) => s.ShardId), ['shardId-000000000000']);
    assert.equal(d.body.StreamDescription.HasMoreShards, true);
    const l = await kinesisJson(ep, 'ListShards', { StreamName: STREAM, MaxResults: 1 });
    assert.deepEqual(keys(l.body), ['NextToken', 'Shards']);
  });
});

describe("the model's limits", () => {
  it('takes more than 10 tags per request, up to 200 by the model and 50 per stream', async () => {
    const eleven = await kinesisJson(ep, 'AddTagsToStream', { StreamName: STREAM, Tags: tags(11) });
    assert.equal(eleven.status, 200);
    await assertAwsError(
      kinesisJson(ep, 'AddTagsToStream', { StreamName: STREAM, Tags: tags(201) }),
      'ValidationException',
      /^1 validation error detected: Value '\{k0=v, .*\}' at 'tags' failed to satisfy constraint: Member must have length less than or equal to 200$/,
    );
    const removed = await kinesisJson(ep, 'RemoveTagsFromStream', { StreamName: STREAM, TagKeys: Object.keys(tags(11)) });
    assert.equal(removed.status, 200);
    await assertAwsError(
      kinesisJson(ep, 'RemoveTagsFromStream', { StreamName: STREAM, TagKeys: Object.keys(tags(51)) }),
      'ValidationException',
      /^1 validation error detected: Value '\[k0, .*\]' at 'tagKeys' failed to satisfy constraint: Member must have length less than or equal to 50$/,
    );
  });

  it('lists up to 50 tags per page', async () => {
    const ok = await kinesisJson(ep, 'ListTagsForStream', { StreamName: STREAM, Limit: 50 });
    assert.equal(ok.status, 200);
    await assertAwsError(
      kinesisJson(ep, 'ListTagsForStream', { StreamName: STREAM, Limit: 51 }),
      'ValidationException',
      "1 validation error detected: Value '51' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 50",
    );
  });

  it('sets no upper bound on ShardCount: a huge count meets the shard limit instead', async () => {
    await assertAwsError(
      kinesisJson(ep, 'CreateStream', { StreamName: 'huge', ShardCount: 100001 }),
      'LimitExceededException',
      'This request would exceed the shard limit for the account 000000000000 in us-east-1. Current shard count for the ' +
        'account: 3. Limit: 10. Number of additional shards that would have resulted from this request: 100001. Refer to ' +
        'the AWS Service Limits page (http://docs.aws.amazon.com/general/latest/gr/aws_service_limits.html) for current ' +
        'limits and how to request higher limits.',
    );
  });

  it('keeps retention up to 8760 hours', async () => {
    const r = await kinesisJson(ep, 'IncreaseStreamRetentionPeriod', { StreamName: STREAM, RetentionPeriodHours: 169 });
    assert.equal(r.status, 200);
  });
});

/** Actions whose AWS output shape is empty, with a request that succeeds on the test stream. */
const VOID_ACTIONS: Array<[string, Record<string, unknown>]> = [
  ['AddTagsToStream', { StreamName: STREAM, Tags: { empty: 'body' } }],
  ['RemoveTagsFromStream', { StreamName: STREAM, TagKeys: ['empty'] }],
  ['IncreaseStreamRetentionPeriod', { StreamName: STREAM, RetentionPeriodHours: 200 }],
  ['DecreaseStreamRetentionPeriod', { StreamName: STREAM, RetentionPeriodHours: 199 }],
  ['CreateStream', { StreamName: 'void', ShardCount: 1 }],
  ['DeleteStream', { StreamName: 'void' }],
];

function signed(operation: string, contentType: string): Record<string, string> {
  return {
    'content-type': contentType,
    'x-amz-target': `Kinesis_20131202.${operation}`,
    'x-amz-date': '20260101T000000Z',
    authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/kinesis/aws4_request, SignedHeaders=host;x-amz-date, Signature=00',
  };
}

describe('actions without output', () => {
  // AWS (and kinesalite's recordings) answer 200 with the content type and Content-Length: 0.
  it('answer with an empty body in JSON and CBOR', async () => {
    const encodings = [
      ['application/x-amz-json-1.1', (v: unknown) => JSON.stringify(v)],
      ['application/x-amz-cbor-1.1', (v: unknown) => Buffer.from(encodeCbor(v))],
    ] as const;
    for (const [contentType, encode] of encodings) {
      for (const [operation, input] of VOID_ACTIONS) {
        const res = await rawRequest({ endpoint: ep, headers: signed(operation, contentType), body: encode(input) });
        const shown = res.body.length && contentType.includes('cbor') ? JSON.stringify(decodeCbor(res.body)) : res.text;
        assert.equal(res.status, 200, `${operation}: ${shown}`);
        assert.equal(res.headers['content-type'], contentType);
        assert.equal(res.headers['content-length'], '0', `${operation} ${contentType} answered ${shown}`);
        if (operation === 'CreateStream') await waitForStatus(ep, 'void', 'ACTIVE');
        if (operation === 'DeleteStream') await waitForStatus(ep, 'void', 'GONE');
      }
    }
  });
});
