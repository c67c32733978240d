/**
 * Helpers for the kinesisanalytics tests: a server with a fast analytics clock, an SDK client, raw JSON 1.1
 * requests (exact status and body), the ARNs and schemas the tutorials use, waiting for an application status,
 * and a consumer that reads a stream's records.
 */
import assert from 'node:assert/strict';
import { KinesisAnalyticsClient, DescribeApplicationCommand } from '@aws-sdk/client-kinesis-analytics';
import { CreateStreamCommand, DescribeStreamSummaryCommand, GetRecordsCommand, GetShardIteratorCommand, ListShardsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { rawRequest } from '../helpers/raw-http.js';
import { startTestServer, TEST_CREDENTIALS, TEST_REGION, type TestServer, type TestServerOptions } from '../helpers/freshet.js';

export const ACCOUNT = '000000000000';
export const ROLE = `arn:aws:iam::${ACCOUNT}:role/kinesis-analytics-test`;
export const streamArn = (name: string, region = TEST_REGION): string => `arn:aws:kinesis:${region}:${ACCOUNT}:stream/${name}`;
export const appArn = (name: string, region = TEST_REGION): string => `arn:aws:kinesisanalytics:${region}:${ACCOUNT}:application/${name}`;

/** Analytics on a fast clock: transitions of 20 ms, a 50 ms tick and 50 ms polls. */
export function startAnalyticsServer(opts: TestServerOptions = {}): Promise<TestServer> {
  return startTestServer({ ...opts, analytics: { transitionMs: 20, tickMs: 50, pollMs: 50, shardRefreshMs: 200, discoverWaitMs: 300, log: () => {}, ...opts.analytics } });
}

export function analyticsClient(server: TestServer): KinesisAnalyticsClient {
  return new KinesisAnalyticsClient({ endpoint: server.endpoint, region: TEST_REGION, credentials: TEST_CREDENTIALS, maxAttempts: 1 });
}

export interface Reply {
  status: number;
  body: any;
}

export async function kdaJson(endpoint: string, operation: string, body: unknown): Promise<Reply> {
  const res = await rawRequest({
    endpoint,
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `KinesisAnalytics_20150814.${operation}`,
      'x-amz-date': '20260101T000000Z',
      authorization: `AWS4-HMAC-SHA256 Credential=AKIDFRESHETTEST/20260101/${TEST_REGION}/kinesisanalytics/aws4_request, SignedHeaders=host;x-amz-date, Signature=00`,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: res.text ? JSON.parse(res.text) : '' };
}

export async function assertKdaError(reply: Promise<Reply>, type: string, message: string | RegExp): Promise<void> {
  const r = await reply;
  assert.equal(r.status, 400, JSON.stringify(r.body));
  assert.equal(r.body.__type, type, JSON.stringify(r.body));
  const text = r.body.message ?? r.body.Message;
  if (message instanceof RegExp) assert.match(text, message);
  else assert.equal(text, message);
}

/** The rejection of an SDK call: its error name and message. */
export async function sdkError(p: Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  try {
    await p;
  } catch (err) {
    const e = err as Error & { $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
  assert.fail('expected the call to fail');
}

export async function waitForApp(client: KinesisAnalyticsClient, name: string, status: string): Promise<void> {
  let last: string | undefined;
  for (let i = 0; i < 400; i++) {
    last = (await client.send(new DescribeApplicationCommand({ ApplicationName: name }))).ApplicationDetail?.ApplicationStatus;
    if (last === status) return;
    await new Promise((res) => setTimeout(res, 10));
  }
  assert.fail(`application ${name} did not reach ${status} (last: ${last})`);
}

export async function createStreams(kinesis: KinesisClient, names: string[], shards = 1): Promise<void> {
  for (const name of names) await kinesis.send(new CreateStreamCommand({ StreamName: name, ShardCount: shards }));
  for (const name of names) {
    for (let i = 0; i < 400; i++) {
      const s = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: name }));
      if (s.StreamDescriptionSummary?.StreamStatus === 'ACTIVE') break;
      await new Promise((res) => setTimeout(res, 10));
    }
  }
}

/** Reads every shard of a stream from TRIM_HORIZON until `count` records arrived (or the time runs out). */
export async function readRecords(kinesis: KinesisClient, stream: string, count: number, timeoutMs = 10_000): Promise<string[]> {
  const shards = (await kinesis.send(new ListShardsCommand({ StreamName: stream }))).Shards ?? [];
  const iterators = new Map<string, string | undefined>();
  for (const s of shards) {
    iterators.set(s.ShardId!, (await kinesis.send(new GetShardIteratorCommand({ StreamName: stream, ShardId: s.ShardId!, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator);
  }
  const out: string[] = [];
  const deadline = Date.now() + timeoutMs;
  while (out.length < count && Date.now() < deadline) {
    for (const [id, it] of iterators) {
      if (!it) continue;
      const res = await kinesis.send(new GetRecordsCommand({ ShardIterator: it }));
      for (const r of res.Records ?? []) out.push(Buffer.from(r.Data!).toString('utf8'));
      iterators.set(id, res.NextShardIterator);
    }
    if (out.length < count) await new Promise((res) => setTimeout(res, 30));
  }
  return out;
}

export function jsonSchema(columns: [name: string, sqlType: string][]): any {
  return {
    RecordFormat: { RecordFormatType: 'JSON', MappingParameters: { JSONMappingParameters: { RecordRowPath: '$' } } },
    RecordEncoding: 'UTF-8',
    RecordColumns: columns.map(([Name, SqlType]) => ({ Name, Mapping: `$.${Name}`, SqlType })),
  };
}

export function kinesisInput(stream: string, columns: [string, string][], extra: Record<string, unknown> = {}): any {
  return { NamePrefix: 'SOURCE_SQL_STREAM', KinesisStreamsInput: { ResourceARN: streamArn(stream), RoleARN: ROLE }, InputSchema: jsonSchema(columns), ...extra };
}

export function kinesisOutput(name: string, stream: string, format: 'JSON' | 'CSV' = 'JSON'): any {
  return { Name: name, KinesisStreamsOutput: { ResourceARN: streamArn(stream), RoleARN: ROLE }, DestinationSchema: { RecordFormatType: format } };
}
