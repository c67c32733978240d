/**
 * Enhanced fan-out through the real server: consumer registration (CREATING → ACTIVE, ARNs, limits), listing,
 * describing, deregistering, and SubscribeToShard event streams read with SDK v3 over HTTP/2 and with boto3.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { EventStreamCodec, type Message } from '@smithy/core/event-streams';
import { decode as decodeCbor, encode as encodeCbor } from 'cbor-x';
import { SubscribeToShardCommand, type KinesisClient, type SubscribeToShardEvent } from '@aws-sdk/client-kinesis';
import { boto3, startTestServer, type TestServer } from '../helpers/freshet.js';
import { assertError, createActiveStream, json, ok } from './data-support.js';

let server: TestServer;
let ep: string;
let sdk: KinesisClient;
const ACCOUNT = '000000000000';
const STREAM = 'data-consumers';
const STREAM_ARN = `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/${STREAM}`;

before(async () => {
  // Subscriptions last as long as iterators (AWS: 5 minutes for both); short here so a subscription's end is testable.
  server = await startTestServer({ iteratorTtlMs: 3000 });
  ep = server.endpoint;
  sdk = server.kinesis();
  await createActiveStream(ep, STREAM, 2);
});
after(() => server.stop());

async function registerActive(name: string): Promise<string> {
  const r = await ok(json(ep, 'RegisterStreamConsumer', { StreamARN: STREAM_ARN, ConsumerName: name }));
  for (let i = 0; i < 200; i++) {
    const d = await ok(json(ep, 'DescribeStreamConsumer', { ConsumerARN: r.Consumer.ConsumerARN }));
    if (d.ConsumerDescription.ConsumerStatus === 'ACTIVE') return r.Consumer.ConsumerARN;
    await new Promise((res) => setTimeout(res, 10));
  }
  throw new Error('consumer never became ACTIVE');
}

const putData = (data: string, hashKey = '0') =>
  ok(json(ep, 'PutRecord', { StreamName: STREAM, PartitionKey: 'p', Data: Buffer.from(data).toString('base64'), ExplicitHashKey: hashKey }));

describe('consumer registry', () => {
  it('registers CREATING, turns ACTIVE, lists, describes and deregisters', async () => {
    const before = Math.floor(Date.now() / 1000);
    const r = await ok(json(ep, 'RegisterStreamConsumer', { StreamARN: STREAM_ARN, ConsumerName: 'app-1' }));
    assert.equal(r.Consumer.ConsumerName, 'app-1');
    assert.equal(r.Consumer.ConsumerStatus, 'CREATING');
    assert.match(r.Consumer.ConsumerARN, new RegExp(`^${STREAM_ARN}/consumer/app-1:(\\d+)$`));
    const secs = Number(/:(\d+)$/.exec(r.Consumer.ConsumerARN)![1]);
    assert.ok(secs >= before && secs <= Date.now() / 1000 + 1);
    assert.equal(typeof r.Consumer.ConsumerCreationTimestamp, 'number');

    await assertError(
      json(ep, 'RegisterStreamConsumer', { StreamARN: STREAM_ARN, ConsumerName: 'app-1' }),
      'ResourceInUseException',
      `Consumer app-1 under stream ${STREAM} under account ${ACCOUNT} already exists.`,
    );
    const arn = r.Consumer.ConsumerARN;
    for (let i = 0; i < 200; i++) {
      const d = await ok(json(ep, 'DescribeStreamConsumer', { StreamARN: STREAM_ARN, ConsumerName: 'app-1' }));
      if (d.ConsumerDescription.ConsumerStatus === 'ACTIVE') {
        assert.equal(d.ConsumerDescription.ConsumerARN, arn);
        assert.equal(d.ConsumerDescription.StreamARN, STREAM_ARN);
        break;
      }
      await new Promise((res) => setTimeout(res, 10));
    }
    await ok(json(ep, 'RegisterStreamConsumer', { StreamARN: STREAM_ARN, ConsumerName: 'app-2' }));
    const page1 = await ok(json(ep, 'ListStreamConsumers', { StreamARN: STREAM_ARN, MaxResults: 1 }));
    assert.deepEqual(page1.Consumers.map((c: any) => c.ConsumerName), ['app-1']);
    assert.ok(page1.NextToken);
    const page2 = await ok(json(ep, 'ListStreamConsumers', { StreamARN: STREAM_ARN, NextToken: page1.NextToken }));
    assert.deepEqual(page2.Consumers.map((c: any) => c.ConsumerName), ['app-2']);
    assert.equal(page2.NextToken, undefined);

    await ok(json(ep, 'DeregisterStreamConsumer', { ConsumerARN: arn }));
    const d = await ok(json(ep, 'DescribeStreamConsumer', { ConsumerARN: arn }));
    assert.equal(d.ConsumerDescription.ConsumerStatus, 'DELETING');
    await ok(json(ep, 'DeregisterStreamConsumer', { StreamARN: STREAM_ARN, ConsumerName: 'app-2' }));
    for (let i = 0; i < 200; i++) {
      const l = await ok(json(ep, 'ListStreamConsumers', { StreamARN: STREAM_ARN }));
      if (l.Consumers.length === 0) break;
      await new Promise((res) => setTimeout(res, 10));
    }
    await assertError(json(ep, 'DescribeStreamConsumer', { ConsumerARN: arn }), 'ResourceNotFoundException', `Consumer ${arn} not found.`);
  });

  it('enforces 5 consumers CREATING at once and validates names', async () => {
    const name = 'data-consumers-limits';
    await createActiveStream(ep, name, 1);
    const arn = `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/${name}`;
    // Consumers stay CREATING as long as streams do: long enough here to have five at once.
    const limited = await startTestServer({ createStreamMs: 1500 });
    try {
      await createActiveStream(limited.endpoint, name, 1);
      for (let i = 0; i < 5; i++) await ok(json(limited.endpoint, 'RegisterStreamConsumer', { StreamARN: arn, ConsumerName: `c${i}` }));
      await assertError(
        json(limited.endpoint, 'RegisterStreamConsumer', { StreamARN: arn, ConsumerName: 'c5' }),
        'LimitExceededException',
        `Stream ${name} under account ${ACCOUNT} already has 5 consumers being created.`,
      );
    } finally {
      await limited.stop();
    }
    await assertError(
      json(ep, 'RegisterStreamConsumer', { StreamARN: arn, ConsumerName: 'bad name' }),
      'ValidationException',
      "1 validation error detected: Value 'bad name' at 'consumerName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
    );
    await assertError(
      json(ep, 'RegisterStreamConsumer', { StreamARN: `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/nope`, ConsumerName: 'x' }),
      'ResourceNotFoundException',
      `Stream nope under account ${ACCOUNT} not found.`,
    );
  });
});

describe('SubscribeToShard', () => {
  it('streams records as they are written to SDK v3 over HTTP/2, and ends after the subscription lifetime', async () => {
    const arn = await registerActive('sdk-reader');
    await putData('old-1');
    const res = await sdk.send(
      new SubscribeToShardCommand({ ConsumerARN: arn, ShardId: 'shardId-000000000000', StartingPosition: { Type: 'TRIM_HORIZON' } }),
    );
    const received: string[] = [];
    const events: SubscribeToShardEvent[] = [];
    let wrote = false;
    let secondTry: unknown;
    for await (const ev of res.EventStream!) {
      if (!ev.SubscribeToShardEvent) continue;
      events.push(ev.SubscribeToShardEvent);
      received.push(...ev.SubscribeToShardEvent.Records!.map((r) => Buffer.from(r.Data!).toString()));
      if (!wrote) {
        wrote = true;
        // A second subscription for the same consumer and shard is refused while this one is open.
        secondTry = await sdk
          .send(new SubscribeToShardCommand({ ConsumerARN: arn, ShardId: 'shardId-000000000000', StartingPosition: { Type: 'LATEST' } }))
          .then(() => 'accepted', (err: Error) => err.name);
        await putData('new-1');
        await putData('new-2');
      }
    }
    // The loop ended by itself: the subscription's lifetime is over.
    assert.deepEqual(received, ['old-1', 'new-1', 'new-2']);
    assert.equal(secondTry, 'ResourceInUseException');
    const withRecords = events.filter((e) => e.Records!.length > 0);
    const last = withRecords[withRecords.length - 1]!;
    assert.equal(last.ContinuationSequenceNumber, last.Records![last.Records!.length - 1]!.SequenceNumber);
    assert.ok(events.every((e) => typeof e.MillisBehindLatest === 'number'));
    // The shard's subscription slot is free again.
    const again = await sdk.send(
      new SubscribeToShardCommand({
        ConsumerARN: arn,
        ShardId: 'shardId-000000000000',
        StartingPosition: { Type: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: last.ContinuationSequenceNumber },
      }),
    );
    const more: string[] = [];
    await putData('new-3');
    for await (const ev of again.EventStream!) {
      more.push(...(ev.SubscribeToShardEvent?.Records ?? []).map((r) => Buffer.from(r.Data!).toString()));
      if (more.length >= 1) break;
    }
    assert.deepEqual(more, ['new-3']);
  });

  it('works with boto3 (initial-response first, then events over HTTP/1.1)', async () => {
    const arn = await registerActive('boto3-reader');
    await putData('for-boto3', ((1n << 127n) + 5n).toString());
    const out = await boto3(
      ep,
      `
r = kinesis.subscribe_to_shard(ConsumerARN=${JSON.stringify(arn)}, ShardId='shardId-000000000001', StartingPosition={'Type': 'TRIM_HORIZON'})
got = []
for ev in r['EventStream']:
    if 'SubscribeToShardEvent' in ev:
        got += [x['Data'].decode() for x in ev['SubscribeToShardEvent']['Records']]
        if got:
            break
print(json.dumps(got))
`,
    );
    assert.deepEqual(out.json(), ['for-boto3']);
  });

  it('ends with a ResourceNotFoundException event when the consumer is deregistered mid-subscription', async () => {
    const arn = await registerActive('leaving-reader');
    const res = await sdk.send(
      new SubscribeToShardCommand({ ConsumerARN: arn, ShardId: 'shardId-000000000000', StartingPosition: { Type: 'LATEST' } }),
    );
    let events = 0;
    const outcome = await (async () => {
      try {
        for await (const ev of res.EventStream!) {
          if (ev.SubscribeToShardEvent && ++events === 1) await ok(json(ep, 'DeregisterStreamConsumer', { ConsumerARN: arn }));
        }
        return 'ended';
      } catch (err) {
        return (err as Error).name;
      }
    })();
    assert.equal(events, 1);
    assert.equal(outcome, 'ResourceNotFoundException');
  });

  it('speaks CBOR (Java SDK style): AT_TIMESTAMP as epoch milliseconds, events with CBOR payloads', async () => {
    const arn = await registerActive('cbor-reader');
    await new Promise((res) => setTimeout(res, 5));
    const since = Date.now();
    await new Promise((res) => setTimeout(res, 5));
    await putData('cbor-1');
    const messages = await subscribeRaw(
      encodeCbor({ ConsumerARN: arn, ShardId: 'shardId-000000000000', StartingPosition: { Type: 'AT_TIMESTAMP', Timestamp: since } }),
      (ms) => ms.some((m) => m.headers[':event-type']?.value === 'SubscribeToShardEvent'),
    );
    assert.equal(messages[0]!.headers[':event-type']!.value, 'initial-response');
    const event = messages.find((m) => m.headers[':event-type']?.value === 'SubscribeToShardEvent')!;
    assert.equal(event.headers[':content-type']!.value, 'application/cbor');
    const payload = decodeCbor(Buffer.from(event.body));
    assert.deepEqual(payload.Records.map((r: any) => Buffer.from(r.Data).toString()), ['cbor-1']);
    const arrival = payload.Records[0].ApproximateArrivalTimestamp;
    const arrivalMs = arrival instanceof Date ? arrival.getTime() : Number(arrival);
    assert.ok(arrivalMs >= since && arrivalMs <= Date.now());
  });

  it('answers AWS errors before the stream starts', async () => {
    const arn = await registerActive('err-reader');
    await assertError(
      json(ep, 'SubscribeToShard', { ConsumerARN: arn, ShardId: 'shardId-000000000009', StartingPosition: { Type: 'LATEST' } }),
      'ResourceNotFoundException',
      `Shard shardId-000000000009 in stream ${STREAM} under account ${ACCOUNT} does not exist`,
    );
    await assertError(
      json(ep, 'SubscribeToShard', { ConsumerARN: `${STREAM_ARN}/consumer/ghost:1`, ShardId: 'shardId-0', StartingPosition: { Type: 'LATEST' } }),
      'ResourceNotFoundException',
      `Consumer ${STREAM_ARN}/consumer/ghost:1 not found.`,
    );
    await assertError(
      json(ep, 'SubscribeToShard', { ConsumerARN: arn, ShardId: 'shardId-0', StartingPosition: { Type: 'AT_SEQUENCE_NUMBER' } }),
      'InvalidArgumentException',
      /^Must either specify \(1\) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber/,
    );
  });
});

const codec = new EventStreamCodec(
  (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8'),
  (text: string) => new Uint8Array(Buffer.from(text, 'utf8')),
);

/** A CBOR SubscribeToShard over HTTP/1.1, decoding frames until `enough` says so. */
function subscribeRaw(body: Uint8Array, enough: (messages: Message[]) => boolean): Promise<Message[]> {
  const url = new URL(ep);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: 'POST',
        path: '/',
        headers: {
          'content-type': 'application/x-amz-cbor-1.1',
          'x-amz-target': 'Kinesis_20131202.SubscribeToShard',
          'x-amz-date': '20260101T000000Z',
          authorization:
            'AWS4-HMAC-SHA256 Credential=AKIDFRESHETTEST/20260101/us-east-1/kinesis/aws4_request, SignedHeaders=host;x-amz-date, Signature=00',
        },
      },
      (res) => {
        if (res.statusCode !== 200) return reject(new Error(`status ${res.statusCode}`));
        let buffered = Buffer.alloc(0);
        const messages: Message[] = [];
        res.on('data', (chunk: Buffer) => {
          buffered = Buffer.concat([buffered, chunk]);
          while (buffered.length >= 4 && buffered.length >= buffered.readUInt32BE(0)) {
            const size = buffered.readUInt32BE(0);
            messages.push(codec.decode(new Uint8Array(buffered.subarray(0, size))));
            buffered = buffered.subarray(size);
          }
          if (enough(messages)) {
            req.destroy();
            resolve(messages);
          }
        });
        res.on('end', () => resolve(messages));
      },
    );
    req.on('error', (err) => (req.destroyed ? undefined : reject(err)));
    req.end(Buffer.from(body));
  });
}
