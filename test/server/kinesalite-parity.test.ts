/**
 * Differential test of the request pipeline against kinesalite, whose connection-level answers were recorded from
 * AWS: for every request that never reaches an operation, both servers must answer with the same status, content
 * type, body and AWS headers.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import type { Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { decode as decodeCbor, encode as encodeCbor } from 'cbor-x';
import { startTestServer, type TestServer } from '../helpers/freshet.js';
import { rawRequest, type RawRequest, type RawResponse } from '../helpers/raw-http.js';

const kinesalite = createRequire(import.meta.url)('kinesalite') as (opts?: object) => Server;

let freshet: TestServer;
let reference: Server;
let referenceEndpoint: string;

before(async () => {
  freshet = await startTestServer();
  reference = kinesalite({});
  await new Promise<void>((resolve) => reference.listen(0, '127.0.0.1', resolve));
  const address = reference.address();
  referenceEndpoint = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
after(async () => {
  await freshet.stop();
  await new Promise<void>((resolve) => reference.close(() => resolve()));
});

const JSON_TYPE = 'application/x-amz-json-1.1';
const CBOR_TYPE = 'application/x-amz-cbor-1.1';
const TARGET = 'Kinesis_20131202.ListStreams';
const SIGNED = {
  'x-amz-date': '20260101T000000Z',
  authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/kinesis/aws4_request, SignedHeaders=host;x-amz-date, Signature=00',
};

type Case = Omit<RawRequest, 'endpoint'> & { name: string };

const cases: Case[] = [
  { name: 'GET', method: 'GET' },
  { name: 'PUT with a body', method: 'PUT', body: '{}' },
  { name: 'POST without anything' },
  { name: 'POST with a body and no content type', body: '{}' },
  { name: 'JSON 1.0 content type', headers: { 'content-type': 'application/x-amz-json-1.0' }, body: '{}' },
  { name: 'unknown content type with a target', headers: { 'content-type': 'text/plain', 'x-amz-target': TARGET }, body: '{}' },
  { name: 'no body, JSON, valid target', headers: { 'content-type': JSON_TYPE, 'x-amz-target': TARGET } },
  { name: 'no body, JSON, no target', headers: { 'content-type': JSON_TYPE } },
  { name: 'no body, CBOR, valid target', headers: { 'content-type': CBOR_TYPE, 'x-amz-target': TARGET } },
  { name: 'no body, legacy JSON', headers: { 'content-type': 'application/json', 'x-amz-target': TARGET } },
  { name: 'non-JSON body', headers: { 'content-type': JSON_TYPE, 'x-amz-target': TARGET }, body: 'hello' },
  { name: 'JSON string body', headers: { 'content-type': JSON_TYPE, 'x-amz-target': TARGET }, body: '"x"' },
  { name: 'legacy JSON body', headers: { 'content-type': 'application/json', 'x-amz-target': TARGET }, body: '{}' },
  { name: 'legacy JSON, bad body', headers: { 'content-type': 'application/json', 'x-amz-target': TARGET }, body: 'hello' },
  { name: 'unknown operation', headers: { 'content-type': JSON_TYPE, 'x-amz-target': 'Kinesis_20131202.Nope', ...SIGNED }, body: '{}' },
  { name: 'unknown service', headers: { 'content-type': JSON_TYPE, 'x-amz-target': 'Nope_1.ListStreams', ...SIGNED }, body: '{}' },
  { name: 'unknown operation in CBOR', headers: { 'content-type': CBOR_TYPE, 'x-amz-target': 'Kinesis_20131202.Nope' }, body: encodeCbor({}) },
  { name: 'no auth', headers: { 'content-type': JSON_TYPE, 'x-amz-target': TARGET }, body: '{}' },
  { name: 'no auth in CBOR', headers: { 'content-type': CBOR_TYPE, 'x-amz-target': TARGET }, body: encodeCbor({}) },
  { name: 'Authorization: X', headers: { 'content-type': JSON_TYPE, 'x-amz-target': TARGET, authorization: 'X' }, body: '{}' },
  {
    name: 'partial header',
    headers: { 'content-type': JSON_TYPE, 'x-amz-target': TARGET, authorization: 'AWS4- Signature=b,Credential=a', date: 'a' },
    body: '{}',
  },
  { name: 'header and query auth', path: '/?X-Amz-Algorithm', headers: { 'content-type': JSON_TYPE, 'x-amz-target': TARGET, authorization: 'X' }, body: '{}' },
  { name: 'empty query auth', path: '/?X-Amz-Algorithm', headers: { 'content-type': JSON_TYPE, 'x-amz-target': TARGET }, body: '{}' },
  {
    name: 'query auth without SignedHeaders',
    path: '/?X-Amz-Algorithm=a&X-Amz-Credential=b&X-Amz-Signature=c&X-Amz-Date=d',
    headers: { 'content-type': JSON_TYPE, 'x-amz-target': TARGET },
    body: '{}',
  },
  { name: 'preflight', method: 'OPTIONS', headers: { origin: 'http://x', 'access-control-request-headers': 'a, b', 'access-control-request-method': 'POST' } },
  { name: 'OPTIONS without Origin', method: 'OPTIONS' },
  { name: 'error with Origin', headers: { origin: 'http://x', 'content-type': JSON_TYPE, 'x-amz-target': TARGET }, body: '{}' },
];

function comparable(res: RawResponse) {
  const type = res.headers['content-type'];
  let body: unknown = res.text;
  if (type === CBOR_TYPE && res.body.length > 0) body = decodeCbor(res.body);
  else if (typeof type === 'string' && type.includes('json') && res.body.length > 0) body = res.json();
  const cors = Object.fromEntries(Object.entries(res.headers).filter(([k]) => k.startsWith('access-control-')));
  return {
    status: res.status,
    contentType: type,
    body,
    hasRequestId: typeof res.headers['x-amzn-requestid'] === 'string',
    hasId2: typeof res.headers['x-amz-id-2'] === 'string',
    cors,
  };
}

describe('connection-level answers match kinesalite (recorded from AWS)', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const { name: _name, ...request } = c;
      const [ours, theirs] = await Promise.all([
        rawRequest({ endpoint: freshet.endpoint, ...request }),
        rawRequest({ endpoint: referenceEndpoint, ...request }),
      ]);
      assert.deepEqual(comparable(ours), comparable(theirs));
    });
  }
});
