import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateStreamCommand,
  DescribeStreamSummaryCommand,
  ListStreamConsumersCommand,
  PutRecordsCommand,
  UpdateShardCountCommand,
  type KinesisClient,
} from '@aws-sdk/client-kinesis';
import { startTestServer, type TestServer } from '../helpers/freshet.js';
import { cli, oneLineError } from './cli-runner.js';
import { readAll } from './stream-contents.js';

async function createStream(kinesis: KinesisClient, name: string, shards: number): Promise<void> {
  await kinesis.send(new CreateStreamCommand({ StreamName: name, ShardCount: shards }));
  await waitActive(kinesis, name);
}

async function waitActive(kinesis: KinesisClient, name: string): Promise<string> {
  for (;;) {
    const s = (await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: name }))).StreamDescriptionSummary!;
    if (s.StreamStatus === 'ACTIVE') return s.StreamARN!;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('freshet put and tail against Freshet', () => {
  let server: TestServer;
  let kinesis: KinesisClient;
  let ep: string[];
  let dir: string;
  before(async () => {
    server = await startTestServer();
    kinesis = server.kinesis();
    ep = ['--endpoint-url', server.endpoint];
    dir = await mkdtemp(join(tmpdir(), 'freshet-cli-'));
  });
  after(async () => {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('puts records from arguments, stdin and a file, with keys from a field, a flag or at random', async () => {
    await createStream(kinesis, 'clicks', 2);
    const file = join(dir, 'more.txt');
    await writeFile(file, 'plain text line\n\n{"user":"cy","n":4}\n');
    const [fromArgs, fromStdin, fromFile] = await Promise.all([
      cli(['put', 'clicks', '{"user":"ana","n":1}', '{"user":"bo","n":2}', '--key-field', 'user', ...ep]),
      cli(['put', 'clicks', '--key', 'fixed', ...ep, '-o', 'json'], { stdin: '{"user":"ana","n":3}\r\n\nsecond line\n' }),
      cli(['put', 'clicks', '--file', file, ...ep]),
    ]);
    assert.equal(fromArgs.code, 0, fromArgs.stderr);
    assert.match(fromArgs.stdout, /^Put 2 records \(39 B\) to clicks across [12] shards? in [\d.]+ m?s\n$/);
    assert.equal(fromStdin.code, 0, fromStdin.stderr);
    assert.equal(fromStdin.json().records, 2);
    assert.equal(fromFile.code, 0, fromFile.stderr);

    const records = await readAll(kinesis, 'clicks');
    const byData = new Map(records.map((r) => [r.data, r.partitionKey]));
    assert.equal(records.length, 6);
    assert.equal(byData.get('{"user":"ana","n":1}'), 'ana');
    assert.equal(byData.get('{"user":"bo","n":2}'), 'bo');
    assert.equal(byData.get('{"user":"ana","n":3}'), 'fixed');
    assert.equal(byData.get('second line'), 'fixed');
    assert.match(byData.get('plain text line')!, /^[0-9a-f-]{36}$/, 'a random key');
    assert.notEqual(byData.get('plain text line'), byData.get('{"user":"cy","n":4}'));
  });

  it('tails JSON lines from the oldest record and deregisters its fan-out consumer on exit', async () => {
    await createStream(kinesis, 'orders', 2);
    const entries = Array.from({ length: 6 }, (_, i) => ({ Data: Buffer.from(JSON.stringify({ order: i })), PartitionKey: `k${i}` }));
    await kinesis.send(new PutRecordsCommand({ StreamName: 'orders', Records: entries }));
    const r = await cli(['tail', 'orders', '--from', 'trim-horizon', '--limit', '6', '-o', 'json', ...ep]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.lines();
    assert.deepEqual(lines.map((l) => l.data.order).sort(), [0, 1, 2, 3, 4, 5]);
    for (const l of lines) {
      assert.equal(l.partitionKey, `k${l.data.order}`);
      assert.match(l.sequenceNumber, /^\d+$/);
      assert.match(l.shardId, /^shardId-00000000000[01]$/);
      assert.ok(Math.abs(Date.parse(l.arrival) - Date.now()) < 10 * 60_000, l.arrival);
    }
    const arn = await waitActive(kinesis, 'orders');
    const consumers = (await kinesis.send(new ListStreamConsumersCommand({ StreamARN: arn }))).Consumers ?? [];
    assert.ok(consumers.every((c) => c.ConsumerStatus === 'DELETING'), JSON.stringify(consumers));
  });

  it('follows the children of resharded shards, by polling and through fan-out', async () => {
    await createStream(kinesis, 'resharded', 1);
    const put = (from: number) =>
      kinesis.send(
        new PutRecordsCommand({
          StreamName: 'resharded',
          Records: Array.from({ length: 4 }, (_, i) => ({ Data: Buffer.from(`r${from + i}`), PartitionKey: `key-${from + i}` })),
        }),
      );
    await put(0);
    await kinesis.send(new UpdateShardCountCommand({ StreamName: 'resharded', TargetShardCount: 2, ScalingType: 'UNIFORM_SCALING' }));
    await waitActive(kinesis, 'resharded');
    await put(4);
    const args = ['tail', 'resharded', '--from', 'trim-horizon', '--limit', '8', '-o', 'json', ...ep];
    const [polled, pushed] = await Promise.all([cli([...args, '--no-efo', '--poll-interval', '200']), cli([...args, '--efo'])]);
    for (const r of [polled, pushed]) {
      assert.equal(r.code, 0, r.stderr);
      const lines = r.lines();
      assert.deepEqual(lines.map((l) => l.data).sort(), ['r0', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7']);
      // The parent's records come first: children are read once it has ended.
      assert.deepEqual(lines.slice(0, 4).map((l) => l.shardId), Array(4).fill('shardId-000000000000'));
      assert.ok(lines.slice(4).every((l) => l.shardId !== 'shardId-000000000000'), r.stdout);
    }
  });

  it('shows JSON pretty-printed, text as is and binary in hex, each under its key, sequence and arrival', async () => {
    await createStream(kinesis, 'mixed', 1);
    await kinesis.send(
      new PutRecordsCommand({
        StreamName: 'mixed',
        Records: [
          { Data: Buffer.from('{"a":{"b":[1,2]}}'), PartitionKey: 'json-key' },
          { Data: Buffer.from('just some text'), PartitionKey: 'text-key' },
          { Data: Uint8Array.from([0, 1, 2, 0xfe, 0xff]), PartitionKey: 'bin-key' },
        ],
      }),
    );
    const r = await cli(['tail', 'mixed', '--from', 'trim-horizon', '-n', '3', '--no-efo', ...ep]);
    assert.equal(r.code, 0, r.stderr);
    const headers = r.stdout.split('\n').filter((l) => l.startsWith('── '));
    assert.equal(headers.length, 3, r.stdout);
    assert.match(headers[0]!, /^── \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z  shardId-000000000000  seq \d+  key json-key$/);
    assert.ok(r.stdout.includes('{\n  "a": {\n    "b": [\n      1,\n      2\n    ]\n  }\n}\n'), r.stdout);
    assert.ok(r.stdout.includes('key text-key\njust some text\n'), r.stdout);
    assert.ok(r.stdout.includes('binary, 5 bytes:\n00000000  0001 02fe ff\n'), r.stdout);
    const raw = await cli(['tail', 'mixed', '--from', 'trim-horizon', '-n', '2', '--raw', '--no-efo', ...ep]);
    assert.equal(raw.stdout, '{"a":{"b":[1,2]}}\njust some text\n');
  });

  it('fails with a one-line reason for an unknown stream', async () => {
    const [tail, put] = await Promise.all([cli(['tail', 'nope', ...ep]), cli(['put', 'nope', 'x', ...ep])]);
    assert.match(oneLineError(tail), /^freshet: Stream nope .*not found/);
    assert.match(oneLineError(put), /^freshet: Stream nope .*not found/);
  });
});

describe('freshet put against a throttling stream', () => {
  let server: TestServer;
  let ep: string[];
  before(async () => {
    server = await startTestServer({ throughputLimits: true });
    ep = ['--endpoint-url', server.endpoint];
    await createStream(server.kinesis(), 'narrow', 1);
  });
  after(() => server.stop());

  // 1,000 records/s per shard: 2,500 records need over a second, so the later batches are partly refused.
  const lines = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${tag}-${i}`).join('\n') + '\n';

  it('retries refused entries with backoff until every record is written', async () => {
    const r = await cli(['put', 'narrow', '-o', 'json', ...ep], { stdin: lines(2500, 'ok') });
    assert.equal(r.code, 0, r.stderr);
    const out = r.json();
    assert.equal(out.records, 2500);
    assert.ok(out.retried > 0, 'some entries were throttled and retried');
    const data = (await readAll(server.kinesis(), 'narrow')).map((x) => x.data).filter((d) => d.startsWith('ok-'));
    assert.equal(new Set(data).size, 2500);
  });

  it('exits with a one-line reason once the retries are used up', async () => {
    const r = await cli(['put', 'narrow', '--max-attempts', '1', ...ep], { stdin: lines(5000, 'no') });
    assert.equal(r.code, 1);
    assert.match(oneLineError(r), /^freshet: \d+ record\(s\) not written after 1 attempts: ProvisionedThroughputExceededException/);
  });
});

describe('freshet tail starting positions', () => {
  let server: TestServer;
  let kinesis: KinesisClient;
  let ep: string[];
  before(async () => {
    server = await startTestServer();
    kinesis = server.kinesis();
    ep = ['--endpoint-url', server.endpoint];
    await createStream(kinesis, 'positions', 1);
  });
  after(() => server.stop());

  it('starts at a sequence number, at a timestamp, or at the latest record (the default)', async () => {
    const put = async (data: string) =>
      (await kinesis.send(new PutRecordsCommand({ StreamName: 'positions', Records: [{ Data: Buffer.from(data), PartitionKey: 'p' }] }))).Records![0]!;
    await put('one');
    const second = await put('two');
    await put('three');
    const all = await readAll(kinesis, 'positions');
    const arrival = all.find((r) => r.data === 'two')!;
    assert.equal(arrival.sequenceNumber, second.SequenceNumber);

    const latestArgs = ['tail', 'positions', '--limit', '2', '-o', 'json', ...ep];
    const latestRuns = [cli([...latestArgs, '--no-efo', '--poll-interval', '200']), cli([...latestArgs, '--efo'])];
    // LATEST sees only what arrives after it started: keep writing until both have seen two records.
    let settled = false;
    const done = Promise.all(latestRuns).finally(() => (settled = true));
    for (let i = 0; !settled && i < 600; i++) {
      await put(`live-${i}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const [fromSeq, latestPolled, latestPushed] = await Promise.all([
      cli(['tail', 'positions', '--from', `sequence:${second.SequenceNumber}`, '--limit', '2', '--raw', ...ep]),
      ...(await done),
    ]);
    assert.equal(fromSeq.code, 0, fromSeq.stderr);
    assert.equal(fromSeq.stdout, 'two\nthree\n');
    for (const r of [latestPolled!, latestPushed!]) {
      assert.equal(r.code, 0, r.stderr);
      assert.ok(r.lines().every((l) => /^live-\d+$/.test(l.data)), r.stdout);
      assert.equal(r.lines().length, 2);
    }
    // at-timestamp: a moment far in the past reads from the start.
    const fromTime = await cli(['tail', 'positions', '--from', 'at-timestamp:2000-01-01T00:00:00Z', '--limit', '1', '--raw', ...ep]);
    assert.equal(fromTime.stdout, 'one\n');
  });
});
