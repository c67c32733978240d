/**
 * Cleartext HTTP/2 with prior knowledge (what @aws-sdk/client-kinesis v3 speaks to an http:// endpoint), on
 * node:http2. `connections` sessions, requests spread round-robin (the benchmark uses one, like the SDK). The receive windows are raised so a
 * multi-megabyte GetRecords body is not throttled by 64 KiB flow-control round trips.
 */
import { connect, constants, type ClientHttp2Session } from 'node:http2';
import { connect as connectTcp } from 'node:net';
import { once } from 'node:events';
import { staticHeaders } from './static-auth.js';
import type { KinesisTransport, RawResponse } from './transport.js';

const WINDOW = 32 * 1024 * 1024;

async function openSession(endpoint: string): Promise<ClientHttp2Session> {
  const url = new URL(endpoint);
  // Nagle's algorithm would hold back small request frames waiting for ACKs, as node:http's agent avoids too.
  const session = connect(endpoint, {
    settings: { initialWindowSize: WINDOW },
    createConnection: () => connectTcp({ host: url.hostname, port: Number(url.port), noDelay: true }),
  });
  session.on('error', () => undefined);
  await once(session, 'connect');
  session.setLocalWindowSize(WINDOW);
  return session;
}

export async function createHttp2Transport(endpoint: string, connections: number): Promise<KinesisTransport> {
  const sessions = await Promise.all(Array.from({ length: connections }, () => openSession(endpoint)));
  const headerCache = new Map<string, Record<string, string>>();
  let next = 0;
  return {
    protocol: 'h2c',
    send(operation: string, body: Buffer | string): Promise<RawResponse> {
      let headers = headerCache.get(operation);
      if (!headers) {
        headers = { [constants.HTTP2_HEADER_METHOD]: 'POST', [constants.HTTP2_HEADER_PATH]: '/', ...staticHeaders(operation) };
        headerCache.set(operation, headers);
      }
      const session = sessions[next++ % sessions.length]!;
      return new Promise<RawResponse>((resolve, reject) => {
        const stream = session.request(headers);
        const chunks: Buffer[] = [];
        let status = 0;
        stream.on('response', (h) => {
          status = Number(h[constants.HTTP2_HEADER_STATUS]);
        });
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => resolve({ status, body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks) }));
        stream.on('error', reject);
        stream.end(body);
      });
    },
    async close(): Promise<void> {
      await Promise.all(sessions.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
    },
  };
}
