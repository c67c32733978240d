/** EventStreamResult over HTTP/1.1 (chunked) and HTTP/2, decoded with the AWS SDK's own event-stream codec. */
import assert from 'node:assert/strict';
import http from 'node:http';
import http2 from 'node:http2';
import { after, before, describe, it } from 'node:test';
import { EventStreamCodec, type Message } from '@smithy/core/event-streams';
import { decode as decodeCborX, encode as encodeCborX } from 'cbor-x';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { createTestService, signedHeaders, until } from './test-services.js';

const codec = new EventStreamCodec(
  (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8'),
  (text: string) => new Uint8Array(Buffer.from(text, 'utf8')),
);

let server: RunningServer;
let service: ReturnType<typeof createTestService>;

before(async () => {
  service = createTestService();
  server = await startServer({ host: '127.0.0.1', port: 0, dataDir: '/nonexistent', services: [service], defaultRegion: 'us-east-1', defaultAccountId: '000000000000', logError: () => undefined });
});
after(() => server.close());

interface Opened {
  status: number;
  headers: Record<string, unknown>;
  /** Resolves with the next `n` decoded messages (fed from the live response). */
  take(n: number): Promise<Message[]>;
  /** Resolves with every message once the server ends the response. */
  all(): Promise<Message[]>;
  close(): void;
}

/** Opens an event-stream call and decodes messages as they arrive. */
function open(h2: boolean, body: Buffer | string, contentType?: string): Promise<Opened> {
  const headers = signedHeaders('Stream', contentType);
  return new Promise((resolve, reject) => {
    const messages: Message[] = [];
    let waiters: Array<() => void> = [];
    let ended = false;
    const onChunk = (chunk: Buffer): void => {
      codec.feed(chunk);
      for (const m of codec.getAvailableMessages().getMessages()) messages.push(m);
      for (const w of waiters) w();
      waiters = [];
    };
    const onEnd = (): void => {
      ended = true;
      for (const w of waiters) w();
    };
    const waitFor = async (pred: () => boolean): Promise<void> => {
      while (!pred()) {
        if (ended) throw new Error(`stream ended with ${messages.length} messages`);
        await new Promise<void>((r) => waiters.push(r));
      }
    };
    const api = (status: number, resHeaders: Record<string, unknown>, close: () => void): Opened => ({
      status,
      headers: resHeaders,
      async take(n) {
        await waitFor(() => messages.length >= n);
        return messages.slice(0, n);
      },
      async all() {
        await waitFor(() => ended);
        return messages;
      },
      close,
    });

    if (h2) {
      const session = http2.connect(`http://127.0.0.1:${server.port}`);
      session.on('error', () => undefined);
      const stream = session.request({ ':method': 'POST', ':path': '/', ...headers });
      stream.on('error', () => undefined);
      stream.on('response', (h) => resolve(api(Number(h[':status']), h, () => session.destroy())));
      stream.on('data', onChunk);
      stream.on('end', onEnd);
      stream.end(body);
    } else {
      const req = http.request({ host: '127.0.0.1', port: server.port, method: 'POST', path: '/', headers, agent: false }, (res) => {
        res.on('data', onChunk);
        res.on('end', onEnd);
        res.on('error', () => undefined);
        resolve(api(res.statusCode ?? 0, res.headers, () => req.destroy()));
      });
      req.on('error', (err) => (ended ? undefined : reject(err)));
      req.end(body);
    }
  });
}

/** Waits for a promise that must settle, failing rather than hanging the suite if it never does. */
async function settled(p: Promise<void>): Promise<void> {
  let done = false;
  void p.then(() => (done = true));
  await until(() => done);
}

function header(m: Message, name: string): unknown {
  return m.headers[name]?.value;
}

for (const h2 of [false, true]) {
  describe(`event streams over ${h2 ? 'HTTP/2' : 'HTTP/1.1'}`, () => {
    it('frames each event with its headers and a JSON payload, then ends', async () => {
      const opened = await open(h2, JSON.stringify({ Count: 3 }));
      assert.equal(opened.status, 200);
      assert.equal(opened.headers['content-type'], 'application/vnd.amazon.eventstream');
      if (!h2) assert.equal(opened.headers['transfer-encoding'], 'chunked');
      const messages = await opened.all();
      assert.equal(messages.length, 3);
      assert.equal(header(messages[0]!, ':message-type'), 'event');
      assert.equal(header(messages[0]!, ':event-type'), 'initial-response');
      assert.deepEqual(JSON.parse(Buffer.from(messages[0]!.body).toString()), {});
      assert.equal(header(messages[1]!, ':event-type'), 'TestEvent');
      assert.equal(header(messages[1]!, ':content-type'), 'application/json');
      assert.deepEqual(JSON.parse(Buffer.from(messages[2]!.body).toString()), { N: 2, Data: Buffer.from([2, 0, 255]).toString('base64'), At: 1700000000.123 });
    });

    it('encodes payloads in CBOR for CBOR requests', async () => {
      const opened = await open(h2, encodeCborX({ Count: 2 }), 'application/x-amz-cbor-1.1');
      const messages = await opened.all();
      assert.equal(header(messages[1]!, ':content-type'), 'application/cbor');
      const payload = decodeCborX(Buffer.from(messages[1]!.body)) as { N: number; Data: Uint8Array; At: Date };
      assert.equal(payload.N, 1);
      assert.deepEqual(Buffer.from(payload.Data), Buffer.from([1, 0, 255]));
    });

    it('delivers each message as soon as it is produced', async () => {
      // The stream never ends on its own: receiving messages proves nothing waits for the end of the response.
      const opened = await open(h2, '{}');
      const first = await opened.take(3);
      assert.equal(first.length, 3);
      opened.close();
      await settled(service.lastStream!.returned);
    });

    it('stops the producer when the client disconnects', async () => {
      const opened = await open(h2, '{}');
      await opened.take(2);
      const control = service.lastStream!;
      opened.close();
      await settled(control.returned); // fails if return() is never called
      assert.equal(service.lastCtx!.signal.aborted, true, 'the request signal tells the service too');
      const yielded = control.yielded;
      await new Promise((r) => setTimeout(r, 50));
      // At most the one pull already in flight when the client left may complete; nothing after it.
      assert.ok(control.yielded <= yielded + 1, `pulled ${control.yielded - yielded} more items after the disconnect`);
    });

    it('sends a failure inside the stream as an exception message', async () => {
      const opened = await open(h2, JSON.stringify({ Count: 2, FailWith: 'ResourceInUseException' }));
      const messages = await opened.all();
      const last = messages[messages.length - 1]!;
      assert.equal(header(last, ':message-type'), 'exception');
      assert.equal(header(last, ':exception-type'), 'ResourceInUseException');
      assert.deepEqual(JSON.parse(Buffer.from(last.body).toString()), { message: 'stream failed on purpose' });
    });
  });
}
