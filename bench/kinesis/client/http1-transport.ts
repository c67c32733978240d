/**
 * HTTP/1.1 keep-alive client on undici's Pool: one connection per concurrent client, no pipelining, bodies sent as
 * pre-built Buffers. undici is Node's own HTTP client project and costs far less CPU per request than node:http,
 * which matters when the load generator shares two cores with the server.
 */
import { Pool } from 'undici';
import { staticHeaders } from './static-auth.js';
import type { KinesisTransport, RawResponse } from './transport.js';

export function createHttp1Transport(endpoint: string, connections: number): KinesisTransport {
  const pool = new Pool(endpoint, {
    connections,
    pipelining: 1,
    keepAliveTimeout: 60_000,
    // Full reads return ~3 MB bodies; GetRecords on a slow server can take seconds.
    headersTimeout: 120_000,
    bodyTimeout: 120_000,
  });
  return {
    protocol: 'HTTP/1.1',
    async send(operation: string, body: Buffer | string): Promise<RawResponse> {
      const res = await pool.request({ path: '/', method: 'POST', headers: staticHeaders(operation), body });
      const bytes = Buffer.from(await res.body.arrayBuffer());
      return { status: res.statusCode, body: bytes };
    },
    close: () => pool.close(),
  };
}
