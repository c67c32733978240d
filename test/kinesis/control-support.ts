/**
 * Helpers for the control-plane tests: raw Kinesis JSON 1.1 / CBOR requests (exact status and body), and waiting
 * for a stream to leave a transitional state.
 */
import assert from 'node:assert/strict';
import { decode as decodeCbor, encode as encodeCbor } from 'cbor-x';
import { rawRequest } from '../helpers/raw-http.js';

export interface KinesisReply {
  status: number;
  body: any;
}

function headers(operation: string, contentType: string, region: string): Record<string, string> {
  return {
    'content-type': contentType,
    'x-amz-target': `Kinesis_20131202.${operation}`,
    'x-amz-date': '20260101T000000Z',
    authorization: `AWS4-HMAC-SHA256 Credential=AKIDFRESHETTEST/20260101/${region}/kinesis/aws4_request, SignedHeaders=host;x-amz-date, Signature=00`,
  };
}

/** One JSON 1.1 request; the body is sent verbatim when it is a string. */
export async function kinesisJson(endpoint: string, operation: string, body: unknown, region = 'us-east-1'): Promise<KinesisReply> {
  const res = await rawRequest({
    endpoint,
    headers: headers(operation, 'application/x-amz-json-1.1', region),
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: res.text ? JSON.parse(res.text) : '' };
}

/** One CBOR 1.1 request. */
export async function kinesisCbor(endpoint: string, operation: string, body: unknown): Promise<KinesisReply> {
  const res = await rawRequest({
    endpoint,
    headers: headers(operation, 'application/x-amz-cbor-1.1', 'us-east-1'),
    body: Buffer.from(encodeCbor(body)),
  });
  return { status: res.status, body: res.body.length ? decodeCbor(res.body) : '' };
}

/** Asserts a 400 with exactly this `__type` and message. */
export async function assertAwsError(reply: Promise<KinesisReply>, type: string, message: string | RegExp): Promise<void> {
  const r = await reply;
  assert.equal(r.status, 400, JSON.stringify(r.body));
  assert.equal(r.body.__type, type, JSON.stringify(r.body));
  const text = r.body.message ?? r.body.Message;
  if (message instanceof RegExp) assert.match(text, message);
  else assert.equal(text, message);
}

/** Polls DescribeStreamSummary until the stream has `status` (or is gone, for 'GONE'). */
export async function waitForStatus(endpoint: string, name: string, status: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const r = await kinesisJson(endpoint, 'DescribeStreamSummary', { StreamName: name });
    if (status === 'GONE' ? r.body.__type === 'ResourceNotFoundException' : r.body.StreamDescriptionSummary?.StreamStatus === status) {
      return;
    }
    await new Promise((res) => setTimeout(res, 10));
  }
  throw new Error(`stream ${name} never reached ${status}`);
}
