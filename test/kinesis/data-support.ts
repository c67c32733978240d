/**
 * Helpers for the data-plane tests: a server with a ready stream, raw JSON 1.1 / CBOR Kinesis requests (exact
 * status and body), and the checks kinesalite's suite applies to sequence numbers and shard iterators.
 */
import assert from 'node:assert/strict';
import { decode as decodeCbor, encode as encodeCbor } from 'cbor-x';
import { rawRequest } from '../helpers/raw-http.js';

export interface KinesisReply {
  status: number;
  body: any;
}

function headers(operation: string, contentType: string): Record<string, string> {
  return {
    'content-type': contentType,
    'x-amz-target': `Kinesis_20131202.${operation}`,
    'x-amz-date': '20260101T000000Z',
    authorization:
      'AWS4-HMAC-SHA256 Credential=AKIDFRESHETTEST/20260101/us-east-1/kinesis/aws4_request, SignedHeaders=host;x-amz-date, Signature=00',
  };
}

export async function json(endpoint: string, operation: string, body: unknown): Promise<KinesisReply> {
  const res = await rawRequest({
    endpoint,
    headers: headers(operation, 'application/x-amz-json-1.1'),
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: res.text ? JSON.parse(res.text) : '' };
}

export async function cbor(endpoint: string, operation: string, body: unknown): Promise<KinesisReply> {
  const res = await rawRequest({
    endpoint,
    headers: headers(operation, 'application/x-amz-cbor-1.1'),
    body: Buffer.from(encodeCbor(body)),
  });
  return { status: res.status, body: res.body.length ? decodeCbor(res.body) : '' };
}

/** Asserts a 200 and returns the body. */
export async function ok(reply: Promise<KinesisReply>): Promise<any> {
  const r = await reply;
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body;
}

/** Asserts a 400 with exactly this `__type` and message. */
export async function assertError(reply: Promise<KinesisReply>, type: string, message: string | RegExp, status = 400): Promise<void> {
  const r = await reply;
  assert.equal(r.status, status, JSON.stringify(r.body));
  assert.equal(r.body.__type, type, JSON.stringify(r.body));
  const text = r.body.message ?? r.body.Message;
  if (message instanceof RegExp) assert.match(text, message);
  else assert.equal(text, message);
}

/** Creates a stream and waits until it is ACTIVE. */
export async function createActiveStream(endpoint: string, name: string, shardCount: number, extra: Record<string, unknown> = {}): Promise<void> {
  await ok(json(endpoint, 'CreateStream', { StreamName: name, ShardCount: shardCount, ...extra }));
  await waitForStatus(endpoint, name, 'ACTIVE');
}

export async function waitForStatus(endpoint: string, name: string, status: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    const r = await json(endpoint, 'DescribeStreamSummary', { StreamName: name });
    if (r.body.StreamDescriptionSummary?.StreamStatus === status) return;
    await new Promise((res) => setTimeout(res, 10));
  }
  throw new Error(`stream ${name} never reached ${status}`);
}

/** kinesalite's check of a version-2 sequence number: layout, shard index and a recent record time. */
export function assertSequenceNumber(seq: string, shardIx: number, notBeforeMs: number): void {
  const hex = BigInt(seq).toString(16);
  assert.match(hex, new RegExp(`^20[0-9a-f]{8}${shardIx}[0-9a-f]{16}000[0-9a-f]{8}0000000${shardIx}2$`));
  const created = Number.parseInt(hex.slice(2, 10), 16);
  assert.ok(created >= Date.parse('2015-01-01') / 1000 && created <= Date.now() / 1000 + 1);
  const secs = Number.parseInt(hex.slice(30, 38), 16);
  assert.ok(secs >= Math.floor(notBeforeMs / 1000) - 4 && secs <= Date.now() / 1000 + 2, `record time ${secs}`);
}

/** kinesalite's check of a shard iterator: canonical base64, version prefix, length from the stream name. */
export function assertShardIterator(iterator: string, streamName: string): void {
  const bytes = Buffer.from(iterator, 'base64');
  assert.equal(bytes.toString('base64'), iterator);
  assert.equal(bytes.length, 152 + Math.floor((streamName.length + 2) / 16) * 16);
  assert.equal(bytes.subarray(0, 8).toString('hex'), '0000000000000001');
}

export function seqIxOf(seq: string): bigint {
  return BigInt('0x' + BigInt(seq).toString(16).slice(11, 27));
}
