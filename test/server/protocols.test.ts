/** One port for HTTP/1.1 and cleartext HTTP/2, and a TLS port that negotiates either by ALPN. */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { readFile, mkdtemp, rm, stat } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import http2 from 'node:http2';
import { after, before, describe, it } from 'node:test';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { rawRequest } from '../helpers/raw-http.js';
import { createTestService, signedHeaders, until } from './test-services.js';

let server: RunningServer;
let dataDir: string;

before(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'freshet-protocols-'));
  server = await startServer({
    host: '127.0.0.1',
    port: 0,
    tlsPort: 0,
    dataDir,
    services: [createTestService()],
    defaultRegion: 'us-east-1',
    defaultAccountId: '000000000000',
  });
});
after(async () => {
  await server.close();
  await rm(dataDir, { recursive: true, force: true });
});

const echo = { headers: signedHeaders('Echo'), body: '{"Hello":"world"}' };

describe('plain port', () => {
  it('serves HTTP/1.1 and HTTP/2 with prior knowledge side by side', async () => {
    const endpoint = `http://127.0.0.1:${server.port}`;
    const [h1, h2] = await Promise.all([rawRequest({ endpoint, ...echo }), rawRequest({ endpoint, http2: true, ...echo })]);
    assert.equal(h1.httpVersion, '1.1');
    assert.equal(h1.json().Context.httpVersion, '1.1');
    assert.equal(h2.httpVersion, '2.0');
    assert.equal(h2.json().Context.httpVersion, '2');
    assert.deepEqual(h1.json().Input, { Hello: 'world' });
    assert.deepEqual(h2.json().Input, { Hello: 'world' });
  });

  it('keeps an HTTP/1.1 connection alive across requests', async () => {
    const socket = connect(server.port, '127.0.0.1');
    await once(socket, 'connect');
    const request = `POST / HTTP/1.1\r\nHost: x\r\n${Object.entries(echo.headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}content-length: ${echo.body.length}\r\n\r\n${echo.body}`;
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => (received += d));
    socket.write(request + request); // pipelined
    while ((received.match(/HTTP\/1\.1 200/g) ?? []).length < 2) await once(socket, 'data');
    socket.destroy();
  });

  it('recognises the HTTP/2 preface even when it arrives a few bytes at a time', async () => {
    const socket = connect(server.port, '127.0.0.1');
    socket.setNoDelay(true);
    await once(socket, 'connect');
    const preface = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');
    const emptySettings = Buffer.from([0, 0, 0, 4, 0, 0, 0, 0, 0]);
    const firstBytes = new Promise<Buffer>((resolve) => socket.once('data', resolve));
    for (let i = 0; i < preface.length; i += 5) {
      socket.write(preface.subarray(i, i + 5));
      await new Promise((r) => setTimeout(r, 2));
    }
    socket.write(emptySettings);
    const answer = await firstBytes;
    socket.destroy();
    assert.notEqual(answer.subarray(0, 5).toString('latin1'), 'HTTP/', 'answered as HTTP/2, not HTTP/1.1');
    assert.equal(answer[3], 0x04, 'the first frame is the server SETTINGS');
  });

  it('accepts a 10 MiB record (13.4 MiB as base64 JSON) over both protocols', async () => {
    const data = Buffer.alloc(10 * 1024 * 1024, 0xab);
    const body = JSON.stringify({ Data: data.toString('base64'), At: 1 });
    for (const http2 of [false, true]) {
      const res = await rawRequest({ endpoint: `http://127.0.0.1:${server.port}`, http2, headers: signedHeaders('PutBlob'), body });
      assert.equal(res.status, 200, `${http2 ? 'h2' : 'h1'}: ${res.text.slice(0, 200)}`);
    }
  });

  it('answers HTTP/1.1 requests that start with "P" (like PUT) as HTTP/1.1', async () => {
    const res = await rawRequest({ endpoint: `http://127.0.0.1:${server.port}`, method: 'PUT', body: '{}' });
    assert.equal(res.status, 403);
    assert.match(res.text, /AccessDeniedException/);
  });
});

describe('clients that leave early', () => {
  it('keeps serving after clients disconnect while their operation runs', async () => {
    const service = createTestService();
    const own = await startServer({ host: '127.0.0.1', port: 0, dataDir, services: [service], defaultRegion: 'us-east-1', defaultAccountId: '000000000000' });
    try {
      const endpoint = `http://127.0.0.1:${own.port}`;
      // HTTP/2: reset the session mid-operation.
      const session = http2.connect(endpoint);
      session.on('error', () => undefined);
      const stream = session.request({ ':method': 'POST', ':path': '/', ...signedHeaders('Slow') });
      stream.on('error', () => undefined);
      stream.end(JSON.stringify({ Ms: 50 }));
      await until(() => service.calls.get('Slow') === 1);
      const h2Ctx = service.lastCtx!;
      session.destroy();
      // HTTP/1.1: close the socket mid-operation.
      const socket = connect(own.port, '127.0.0.1');
      await once(socket, 'connect');
      const body = JSON.stringify({ Ms: 50 });
      socket.write(`POST / HTTP/1.1\r\nHost: x\r\n${Object.entries(signedHeaders('Slow')).map(([k, v]) => `${k}: ${v}\r\n`).join('')}content-length: ${body.length}\r\n\r\n${body}`);
      await until(() => service.calls.get('Slow') === 2);
      const h1Ctx = service.lastCtx!;
      socket.destroy();
      await until(() => h2Ctx.signal.aborted && h1Ctx.signal.aborted);
      await new Promise((r) => setTimeout(r, 80)); // let both operations finish and try to answer
      const res = await rawRequest({ endpoint, http2: true, ...echo });
      assert.equal(res.status, 200);
    } finally {
      await own.close();
    }
  });
});

describe('TLS port', () => {
  it('negotiates h2 and http/1.1 by ALPN and answers both', async () => {
    const endpoint = `https://127.0.0.1:${server.tlsPort}`;
    const h1 = await rawRequest({ endpoint, ...echo });
    assert.equal(h1.httpVersion, '1.1');
    assert.equal(h1.json().Context.httpVersion, '1.1');
    const h2 = await rawRequest({ endpoint, http2: true, ...echo });
    assert.equal(h2.json().Context.httpVersion, '2');

    for (const [offer, expected] of [[['h2', 'http/1.1'], 'h2'], [['http/1.1'], 'http/1.1']] as const) {
      const socket = tlsConnect({ port: server.tlsPort!, host: '127.0.0.1', ALPNProtocols: [...offer], rejectUnauthorized: false });
      await once(socket, 'secureConnect');
      assert.equal(socket.alpnProtocol, expected);
      socket.destroy();
    }
  });

  it('generates a self-signed certificate once and keeps it in the data dir', async () => {
    assert.equal(server.tlsCertPath, join(dataDir, 'tls', 'cert.pem'));
    const pem = await readFile(server.tlsCertPath!, 'utf8');
    assert.match(pem, /BEGIN CERTIFICATE/);
    assert.equal((await stat(join(dataDir, 'tls', 'key.pem'))).mode & 0o077, 0, 'private key is not world-readable');
    const again = await startServer({ host: '127.0.0.1', port: 0, tlsPort: 0, dataDir, services: [], defaultRegion: 'us-east-1', defaultAccountId: '000000000000' });
    try {
      const socket = tlsConnect({ port: again.tlsPort!, host: '127.0.0.1', rejectUnauthorized: false });
      await once(socket, 'secureConnect');
      const presented = socket.getPeerX509Certificate()!;
      socket.destroy();
      assert.equal(presented.toString().trim(), pem.trim(), 'a restart presents the same certificate');
    } finally {
      await again.close();
    }
  });

  it('uses the operator certificate when given', async () => {
    const other = await mkdtemp(join(tmpdir(), 'freshet-cert-'));
    try {
      // Reuse the generated pair as "operator files" in another folder.
      const custom = await startServer({
        host: '127.0.0.1', port: 0, tlsPort: 0, dataDir: other,
        tlsCert: join(dataDir, 'tls', 'cert.pem'), tlsKey: join(dataDir, 'tls', 'key.pem'),
        services: [createTestService()], defaultRegion: 'us-east-1', defaultAccountId: '000000000000',
      });
      try {
        assert.equal(custom.tlsCertPath, join(dataDir, 'tls', 'cert.pem'));
        const res = await rawRequest({ endpoint: `https://127.0.0.1:${custom.tlsPort}`, http2: true, ...echo });
        assert.equal(res.status, 200);
        await assert.rejects(stat(join(other, 'tls', 'cert.pem')), 'nothing generated');
      } finally {
        await custom.close();
      }
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });
});

describe('shutdown', () => {
  it('lets requests in flight finish, then cuts what is still open after the grace period', async () => {
    const service = createTestService();
    const own = await startServer({
      host: '127.0.0.1', port: 0, dataDir, services: [service], defaultRegion: 'us-east-1', defaultAccountId: '000000000000', closeGraceMs: 300,
    });
    const endpoint = `http://127.0.0.1:${own.port}`;
    const slow = (http2: boolean) => rawRequest({ endpoint, http2, headers: signedHeaders('Slow'), body: JSON.stringify({ Ms: 50 }) });
    const inFlight = [slow(false), slow(true)];
    // An endless event stream keeps its connection busy past the grace period.
    const endless = rawRequest({ endpoint, http2: true, headers: signedHeaders('Stream'), body: '{}' }).then(
      () => 'ended',
      () => 'cut',
    );
    // Close only once the server is working on all three.
    await until(() => service.calls.get('Slow') === 2 && service.lastStream !== undefined);
    await own.close();
    for (const res of await Promise.all(inFlight)) {
      assert.equal(res.status, 200);
      assert.deepEqual(res.json(), { Done: true });
    }
    assert.ok(['ended', 'cut'].includes(await endless), 'the endless stream was closed');
    await assert.rejects(rawRequest({ endpoint, headers: signedHeaders('Echo'), body: '{}' }), 'no longer listening');
  });
});
