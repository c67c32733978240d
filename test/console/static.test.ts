/** The console's files over plain HTTP: the page, its assets, the redirect and what is refused. */
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, test } from 'node:test';
import { startTestServer, type TestServer } from '../helpers/freshet.js';

let server: TestServer;
before(async () => (server = await startTestServer()));
after(() => server.stop());

/** A raw GET, so that paths like /console/../x reach the server unnormalised. */
function get(path: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('/console redirects to /console/, which serves the page and its hashed assets', async () => {
  const redirect = await get('/console');
  assert.equal(redirect.status, 302);
  assert.equal(redirect.headers.location, '/console/');

  const page = await get('/console/');
  assert.equal(page.status, 200);
  assert.match(String(page.headers['content-type']), /^text\/html/);
  assert.equal(page.headers['cache-control'], 'no-cache');
  const script = /src="(\/console\/assets\/[^"]+\.js)"/.exec(page.body)?.[1];
  assert.ok(script, page.body);
  const asset = await get(script);
  assert.equal(asset.status, 200);
  assert.match(String(asset.headers['content-type']), /^text\/javascript/);
  assert.match(String(asset.headers['cache-control']), /immutable/);
});

test('client-side routes get the page; missing files and paths outside the build do not', async () => {
  assert.equal((await get('/console/streams/orders')).status, 200);
  assert.equal((await get('/console/assets/missing.js')).status, 404);
  assert.equal((await get('/console/../package.json')).status, 404);
  assert.equal((await get('/console/%2e%2e/%2e%2e/package.json')).status, 404);
});

test('the AWS API still answers at POST / beside the console', async () => {
  const res = await fetch(server.endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'Kinesis_20131202.ListStreams' },
    body: '{}',
  });
  // No signature at all: AWS's own refusal, from the AWS pipeline rather than a console route.
  assert.equal(res.status, 400);
  assert.equal(((await res.json()) as any).__type, 'MissingAuthenticationTokenException');
});
