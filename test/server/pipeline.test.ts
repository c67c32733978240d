/** The AWS request pipeline as AWS (recorded by kinesalite) answers it, over HTTP/1.1 and HTTP/2. */
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { decode as decodeCbor, encode as encodeCbor } from 'cbor-x';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { rawRequest, type RawResponse } from '../helpers/raw-http.js';
import { createTestService, signedHeaders, TEST_PREFIX } from './test-services.js';

const UUID = /^[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$/;
const JSON_TYPE = 'application/x-amz-json-1.1';
const CBOR_TYPE = 'application/x-amz-cbor-1.1';

let server: RunningServer;
let endpoint: string;

before(async () => {
  server = await startServer({
    host: '127.0.0.1',
    port: 0,
    dataDir: '/nonexistent',
    services: [createTestService()],
    defaultRegion: 'us-east-1',
    defaultAccountId: '000000000000',
    maxBodyBytes: 64 * 1024,
    logError: () => undefined,
  });
  endpoint = `http://127.0.0.1:${server.port}`;
});
after(() => server.close());

function assertAwsHeaders(res: RawResponse): void {
  assert.match(String(res.headers['x-amzn-requestid']), UUID);
  const id2 = Buffer.from(String(res.headers['x-amz-id-2']), 'base64');
  assert.ok(id2.length >= 72 && id2.length <= 80, 'x-amz-id-2 is 72 random bytes');
  assert.equal(res.headers['content-length'], String(res.body.length));
}

for (const h2 of [false, true]) {
  const proto = h2 ? 'HTTP/2' : 'HTTP/1.1';
  const req = (opts: Parameters<typeof rawRequest>[0] extends infer T ? Omit<T, 'endpoint'> : never) =>
    rawRequest({ endpoint, http2: h2, ...opts });

  describe(`pipeline over ${proto}`, () => {
    it('answers GET with AccessDeniedException in XML', async () => {
      const res = await req({ method: 'GET' });
      assert.equal(res.status, 403);
      assert.equal(res.headers['content-type'], undefined);
      assert.equal(res.text, '<AccessDeniedException>\n  <Message>Unable to determine service/operation name to be authorized</Message>\n</AccessDeniedException>\n');
      assertAwsHeaders(res);
    });

    it('answers a preflight with CORS headers and no x-amz-id-2', async () => {
      const res = await req({
        method: 'OPTIONS',
        headers: { origin: 'http://page.example', 'access-control-request-headers': 'a, b, c', 'access-control-request-method': 'd' },
      });
      assert.equal(res.status, 200);
      assert.equal(res.headers['access-control-allow-origin'], '*');
      assert.equal(res.headers['access-control-allow-headers'], 'a, b, c');
      assert.equal(res.headers['access-control-allow-methods'], 'd');
      assert.equal(res.headers['access-control-max-age'], '172800');
      assert.equal(res.headers['content-length'], '0');
      assert.equal(res.headers['x-amz-id-2'], undefined);
      assert.match(String(res.headers['x-amzn-requestid']), UUID);
      assert.equal(res.text, '');
    });

    it('adds CORS headers to ordinary responses when there is an Origin', async () => {
      const res = await req({ headers: { ...signedHeaders('Echo'), origin: 'http://page.example' }, body: '{}' });
      assert.equal(res.status, 200);
      assert.equal(res.headers['access-control-allow-origin'], '*');
      assert.match(String(res.headers['access-control-expose-headers']), /x-amzn-RequestId/);
    });

    it('answers an empty body with JSON only for JSON 1.1, CBOR otherwise', async () => {
      let res = await req({ headers: { 'content-type': JSON_TYPE, 'x-amz-target': `${TEST_PREFIX}.Echo` } });
      assert.equal(res.status, 400);
      assert.deepEqual(res.json(), { __type: 'SerializationException' });
      assert.equal(res.headers['content-type'], JSON_TYPE);
      res = await req({ headers: { 'content-type': JSON_TYPE } });
      assert.deepEqual(res.json(), { __type: 'UnknownOperationException' });
      res = await req({});
      assert.equal(res.status, 400);
      assert.equal(res.headers['content-type'], CBOR_TYPE);
      assert.deepEqual(decodeCbor(res.body), { __type: 'UnknownOperationException' });
      assertAwsHeaders(res);
    });

    it('answers unknown content types in XML', async () => {
      let res = await req({ headers: { 'content-type': 'application/x-amz-json-1.0' }, body: '{}' });
      assert.equal(res.status, 403);
      assert.match(res.text, /^<AccessDeniedException>/);
      res = await req({ headers: { 'content-type': 'text/plain', 'x-amz-target': `${TEST_PREFIX}.Echo` }, body: '{}' });
      assert.equal(res.status, 404);
      assert.equal(res.text, '<UnknownOperationException/>\n');
    });

    it('turns malformed JSON and CBOR into SerializationException', async () => {
      let res = await req({ headers: signedHeaders('Echo'), body: 'hello' });
      assert.equal(res.status, 400);
      assert.deepEqual(res.json(), { __type: 'SerializationException' });
      res = await req({ headers: signedHeaders('Echo'), body: '"a string"' });
      assert.deepEqual(res.json(), { __type: 'SerializationException' });
      res = await req({ headers: signedHeaders('Echo', CBOR_TYPE), body: Buffer.from([0xbf, 0x61]) });
      assert.equal(res.status, 400);
      assert.equal(res.headers['content-type'], CBOR_TYPE);
      assert.deepEqual(decodeCbor(res.body), { __type: 'SerializationException' });
    });

    it('answers legacy application/json with the Coral envelope and never runs the operation', async () => {
      let res = await req({ headers: { ...signedHeaders('Echo'), 'content-type': 'application/json' }, body: '{}' });
      assert.equal(res.status, 404);
      assert.equal(res.headers['content-type'], 'application/json');
      assert.deepEqual(res.json(), { Output: { __type: 'com.amazon.coral.service#UnknownOperationException' }, Version: '1.0' });
      res = await req({ headers: { ...signedHeaders('Echo'), 'content-type': 'application/json' }, body: 'nope' });
      assert.equal(res.status, 400);
      assert.deepEqual(res.json(), { Output: { __type: 'com.amazon.coral.service#SerializationException' }, Version: '1.0' });
    });

    it('rejects unknown targets and operations with UnknownOperationException', async () => {
      for (const target of ['Nope_1.Echo', `${TEST_PREFIX}.Nope`, TEST_PREFIX, `${TEST_PREFIX}.`]) {
        const res = await req({ headers: { ...signedHeaders('Echo'), 'x-amz-target': target }, body: '{}' });
        assert.equal(res.status, 400, target);
        assert.deepEqual(res.json(), { __type: 'UnknownOperationException' }, target);
      }
    });

    it('requires some signature, with AWS messages', async () => {
      const base = { 'content-type': JSON_TYPE, 'x-amz-target': `${TEST_PREFIX}.Echo` };
      let res = await req({ headers: base, body: '{}' });
      assert.equal(res.status, 400);
      assert.deepEqual(res.json(), { __type: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' });

      res = await req({ headers: { ...base, authorization: 'X' }, body: '{}' });
      assert.deepEqual(res.json(), {
        __type: 'IncompleteSignatureException',
        message:
          "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. " +
          "Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence of either " +
          "a 'X-Amz-Date' or a 'Date' header. Authorization=X",
      });

      res = await req({ headers: { ...base, authorization: 'AWS4- Signature=b, Credential=a', date: 'a' }, body: '{}' });
      assert.deepEqual(res.json(), {
        __type: 'IncompleteSignatureException',
        message: "Authorization header requires 'SignedHeaders' parameter. Authorization=AWS4- Signature=b, Credential=a",
      });

      res = await req({ path: '/?X-Amz-Algorithm', headers: { ...base, authorization: 'X' }, body: '{}' });
      assert.deepEqual(res.json(), {
        __type: 'InvalidSignatureException',
        message: "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.",
      });

      res = await req({ path: '/?X-Amz-Algorithm=a&X-Amz-Credential=b&X-Amz-Signature=c&X-Amz-Date=d', headers: base, body: '{}' });
      assert.deepEqual(res.json(), {
        __type: 'IncompleteSignatureException',
        message: "AWS query-string parameters must include 'X-Amz-SignedHeaders'. Re-examine the query-string parameters.",
      });

      res = await req({ path: '/?X-Amz-Credential=a&X-Amz-Signature=b&X-Amz-SignedHeaders=c&X-Amz-Date=d', headers: base, body: '{}' });
      assert.equal(res.json().__type, 'MissingAuthenticationTokenException');
    });

    it('reports missing auth in CBOR to CBOR clients', async () => {
      const res = await req({ headers: { 'content-type': CBOR_TYPE, 'x-amz-target': `${TEST_PREFIX}.Echo` }, body: encodeCbor({}) });
      assert.equal(res.status, 400);
      assert.equal(res.headers['content-type'], CBOR_TYPE);
      assert.deepEqual(decodeCbor(res.body), { __type: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' });
    });

    it('runs the operation with account, region from the credential scope, and protocol', async () => {
      const res = await req({ headers: signedHeaders('Echo'), body: '{"A":[1,"x",null]}' });
      assert.equal(res.status, 200);
      assert.equal(res.headers['content-type'], JSON_TYPE);
      const out = res.json();
      assert.deepEqual(out.Input, { A: [1, 'x', null] });
      assert.equal(out.Context.accountId, '000000000000');
      assert.equal(out.Context.region, 'eu-west-3');
      assert.equal(out.Context.protocol, 'json');
      assert.equal(out.Context.httpVersion, h2 ? '2' : '1.1');
      assert.equal(out.Context.requestId, res.headers['x-amzn-requestid']);
      assertAwsHeaders(res);
      const again = await req({ headers: signedHeaders('Echo'), body: '{}' });
      assert.notEqual(again.headers['x-amzn-requestid'], res.headers['x-amzn-requestid']);
      assert.notEqual(again.headers['x-amz-id-2'], res.headers['x-amz-id-2']);
    });

    it('sends AwsErrors with their type, message and status, in either protocol', async () => {
      let res = await req({ headers: signedHeaders('Fail'), body: JSON.stringify({ Type: 'ResourceNotFoundException', Message: 'Stream x under account 000000000000 not found.' }) });
      assert.equal(res.status, 400);
      assert.deepEqual(res.json(), { __type: 'ResourceNotFoundException', message: 'Stream x under account 000000000000 not found.' });
      res = await req({ headers: signedHeaders('Fail', CBOR_TYPE), body: encodeCbor({ Type: 'LimitExceededException', Message: 'too many', Status: 400 }) });
      assert.equal(res.headers['content-type'], CBOR_TYPE);
      assert.deepEqual(decodeCbor(res.body), { __type: 'LimitExceededException', message: 'too many' });
    });

    it('turns unexpected failures into a bare 500 InternalFailure', async () => {
      const res = await req({ headers: signedHeaders('Crash'), body: '{}' });
      assert.equal(res.status, 500);
      assert.deepEqual(res.json(), { __type: 'InternalFailure' });
      assert.doesNotMatch(res.text, /secret internal detail/);
    });

    it('refuses bodies over the size limit with 413', async () => {
      const res = await req({ headers: signedHeaders('Echo'), body: JSON.stringify({ A: 'x'.repeat(70 * 1024) }) }).catch((err) => err);
      // HTTP/1.1 closes the connection after the 413; the status must have arrived first.
      assert.equal((res as RawResponse).status, 413);
      // Without a declared length (chunked upload) the limit is enforced while reading.
      if (!h2) {
        const chunked = await new Promise<number>((resolve, reject) => {
          const r = http.request({ host: '127.0.0.1', port: server.port, method: 'POST', headers: signedHeaders('Echo'), agent: false }, (out) => {
            out.resume();
            resolve(out.statusCode ?? 0);
          });
          r.on('error', reject);
          for (let i = 0; i < 8; i++) r.write('x'.repeat(10 * 1024));
          r.end();
        });
        assert.equal(chunked, 413);
      }
    });
  });
}

describe('plain HTTP routes', () => {
  it('serves registered GET routes on both protocols and leaves everything else to the AWS pipeline', async () => {
    server.addRoute({
      path: '/metrics',
      handle(_req, res) {
        res.setHeader('content-type', 'text/plain');
        res.end('requests 1\n');
      },
    });
    server.addRoute({ path: '/console/', prefix: true, handle: (req, res) => void res.end(`page ${req.url}`) });
    for (const http2 of [false, true]) {
      const metrics = await rawRequest({ endpoint, http2, method: 'GET', path: '/metrics?x=1' });
      assert.equal(metrics.status, 200);
      assert.equal(metrics.text, 'requests 1\n');
      assert.equal((await rawRequest({ endpoint, http2, method: 'GET', path: '/console/streams' })).text, 'page /console/streams');
      const root = await rawRequest({ endpoint, http2, method: 'GET', path: '/' });
      assert.equal(root.status, 403, 'GET / is still AWS');
      const post = await rawRequest({ endpoint, http2, path: '/metrics', headers: signedHeaders('Echo'), body: '{}' });
      assert.equal(post.status, 200, 'a POST to a GET route path is still an AWS call (AWS ignores the path)');
      assert.ok(post.json().Context);
    }
  });
});
