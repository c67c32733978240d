/**
 * Differential harness for the control-plane conformance tests: kinesalite 3.3.3 in-process (its answers were
 * recorded from AWS) beside Freshet, the same raw JSON 1.1 request to both, answers normalised where they may
 * legitimately differ (creation times, sequence numbers, members AWS added since the recordings).
 */
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { rawRequest } from '../helpers/raw-http.js';
import { startTestServer, type TestServer } from '../helpers/freshet.js';

const kinesalite = createRequire(import.meta.url)('kinesalite') as (opts: Record<string, unknown>) => Server;

export interface Reply {
  status: number;
  contentType: string | undefined;
  text: string;
}

export interface Pair {
  freshet: TestServer;
  reference: Server;
  referenceEndpoint: string;
  stop(): Promise<void>;
}

/** Both servers with the same shard limit and state delays (kinesalite's defaults, but shorter). */
export async function startPair(opts: { shardLimit: number; stateMs: number }): Promise<Pair> {
  const freshet = await startTestServer({
    shardLimit: opts.shardLimit,
    createStreamMs: opts.stateMs,
    deleteStreamMs: opts.stateMs,
    updateStreamMs: opts.stateMs,
  });
  const reference = kinesalite({
    shardLimit: opts.shardLimit,
    createStreamMs: opts.stateMs,
    deleteStreamMs: opts.stateMs,
    updateStreamMs: opts.stateMs,
  });
  await new Promise<void>((resolve) => reference.listen(0, '127.0.0.1', resolve));
  return {
    freshet,
    reference,
    referenceEndpoint: `http://127.0.0.1:${(reference.address() as AddressInfo).port}`,
    async stop() {
      await freshet.stop();
      await new Promise<void>((resolve) => reference.close(() => resolve()));
    },
  };
}

export async function send(endpoint: string, operation: string, body: unknown): Promise<Reply> {
  const res = await rawRequest({
    endpoint,
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `Kinesis_20131202.${operation}`,
      'x-amz-date': '20260101T000000Z',
      authorization:
        'AWS4-HMAC-SHA256 Credential=AKIDFRESHETTEST/20260101/us-east-1/kinesis/aws4_request, SignedHeaders=host;x-amz-date, Signature=00',
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, contentType: res.headers['content-type'] as string | undefined, text: res.text };
}

/**
 * Members today's AWS sends that the recordings predate (team notes §1.7): StreamModeDetails in descriptions and
 * summaries, MaxRecordSizeInKiB in summaries, StreamSummaries in ListStreams. Freshet keeps them; the comparison
 * leaves them out of Freshet's side only, so anything else still has to match.
 */
const NEWER_MEMBERS = new Set(['StreamModeDetails', 'MaxRecordSizeInKiB', 'StreamSummaries']);

/** Values that legitimately differ between two servers, replaced by their shape. */
function normalise(value: unknown, key: string | undefined, dropNewer: boolean): unknown {
  if (Array.isArray(value)) return value.map((v) => normalise(v, undefined, dropNewer));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      if (dropNewer && NEWER_MEMBERS.has(k)) continue;
      out[k] = normalise((value as Record<string, unknown>)[k], k, dropNewer);
    }
    return out;
  }
  if (key === 'StreamCreationTimestamp') {
    assert.equal(typeof value, 'number');
    assert.ok(Math.abs((value as number) - Date.now() / 1000) < 60, `creation time ${value} is not recent`);
    return '<recent epoch seconds>';
  }
  if (key !== undefined && /SequenceNumber$/.test(key)) {
    assert.match(value as string, /^\d{56}$/);
    return '<56-digit sequence number>';
  }
  return value;
}

/** What a reply says once normalised; a body without members counts as empty (see the empty-body test). */
function comparable(reply: Reply, dropNewer: boolean): unknown {
  const body = reply.text === '' || reply.text === '{}' ? '' : normalise(JSON.parse(reply.text), undefined, dropNewer);
  return { status: reply.status, contentType: reply.contentType, body };
}

/** Sends `body` to both servers and asserts the same status, content type and (normalised) body. */
export async function assertSame(pair: Pair, operation: string, body: unknown): Promise<Reply> {
  const [expected, actual] = await Promise.all([
    send(pair.referenceEndpoint, operation, body),
    send(pair.freshet.endpoint, operation, body),
  ]);
  assert.deepEqual(comparable(actual, true), comparable(expected, false), `${operation} ${JSON.stringify(body).slice(0, 300)}`);
  return actual;
}

/** Polls DescribeStream on `endpoint` until the stream is ACTIVE. */
export async function waitActive(endpoint: string, name: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    const r = await send(endpoint, 'DescribeStream', { StreamName: name });
    if (JSON.parse(r.text).StreamDescription?.StreamStatus === 'ACTIVE') return;
    await new Promise((res) => setTimeout(res, 10));
  }
  throw new Error(`${name} never became ACTIVE at ${endpoint}`);
}

/** Java-class type errors AWS answers per declared member type (kinesalite's recorded table). */
export const WRONG_TYPES: Record<string, unknown[]> = {
  String: [true, 23, -2147483648, 2147483648, 34.56, [], {}],
  Integer: ['23', true, [], {}],
  List: ['23', true, 23, -2147483648, 2147483648, 34.56, {}],
  Map: ['23', true, 23, -2147483648, 2147483648, 34.56, []],
  Timestamp: ['23', true, [], {}],
};

/** `{a: {b: [value]}}` from the path `a.b.0` (a `0` step is a list). */
export function nested(path: string, value: unknown): Record<string, unknown> {
  const steps = path.split('.');
  const root: Record<string, unknown> = {};
  let node: any = root;
  for (let i = 0; i < steps.length - 1; i++) {
    const key = Array.isArray(node) ? 0 : steps[i]!;
    node = node[key] = steps[i + 1] === '0' ? [] : {};
  }
  node[Array.isArray(node) ? 0 : steps[steps.length - 1]!] = value;
  return root;
}
