/**
 * `startServer`: the listening side of Freshet. One plain port speaks HTTP/1.1 and cleartext HTTP/2 (sniffed per
 * connection); an optional TLS port negotiates h2 or http/1.1 by ALPN. Every request goes through the same
 * pipeline (`request-pipeline.ts`), except plain HTTP routes (`HttpRoute`) registered for the console and metrics.
 */
import { createServer as createHttp1Server } from 'node:http';
import { createSecureServer, createServer as createHttp2Server, type ServerHttp2Session } from 'node:http2';
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { HttpRoute } from './http-types.js';
import { sniffProtocol } from './protocol-sniffer.js';
import { createRequestHandler } from './request-pipeline.js';
import { dispatchRestServices, type RestService } from './rest-dispatch.js';
import type { AwsJsonService } from './service.js';
import { SigV4Verifier, type AccessKey } from './sigv4-verifier.js';
import { loadTlsMaterial } from './tls-material.js';

export type { AccessKey } from './sigv4-verifier.js';
export type { HttpRoute } from './http-types.js';
export type { RestService } from './rest-dispatch.js';

export interface AuthOptions {
  /** Verify SigV4 signatures (`--auth`); without it any well-formed signature is accepted. */
  verify: boolean;
  /** Known keys: the secrets to verify with and the account each key maps to. */
  keys: readonly AccessKey[];
}

export interface ServerOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  tlsPort?: number;
  tlsCert?: string;
  tlsKey?: string;
  /** Where a generated TLS certificate is kept. */
  dataDir: string;
  services: readonly AwsJsonService[];
  /** Plain HTTP routes served before the AWS pipeline; more can be added later with `addRoute`. */
  routes?: readonly HttpRoute[];
  /** REST services on the same port (S3, Lambda), chosen by credential scope or, unsigned, by path. */
  restServices?: readonly RestService[];
  auth?: AuthOptions;
  defaultRegion: string;
  defaultAccountId: string;
  maxBodyBytes?: number;
  logError?: (message: string, err: unknown) => void;
  /** How long close() lets requests in flight finish before cutting connections (default 1000 ms). */
  closeGraceMs?: number;
}

export interface RunningServer {
  port: number;
  tlsPort?: number;
  /** The certificate the TLS port presents (a generated one lives in `<dataDir>/tls/cert.pem`). */
  tlsCertPath?: string;
  /** Registers a plain HTTP route (web console, /metrics) on both ports. */
  addRoute(route: HttpRoute): void;
  /** Stops listening, lets requests in flight finish (up to `closeGraceMs`), then drops every connection. */
  close(): Promise<void>;
}

/**
 * HTTP/2 tuned for bulk requests: with the protocol's default 64 KiB windows a 75 KB PutRecords body (500 records)
 * already waits a round trip for WINDOW_UPDATE, and a 10 MiB record waits for hundreds. Session memory is raised
 * so that many concurrent large bodies are not refused with ENHANCE_YOUR_CALM.
 */
const HTTP2_OPTIONS = {
  settings: { initialWindowSize: 16 * 1024 * 1024, maxConcurrentStreams: 1000 },
  maxSessionMemory: 256,
};
const SESSION_WINDOW_BYTES = 64 * 1024 * 1024;

function widenReceiveWindow(session: ServerHttp2Session): void {
  session.setLocalWindowSize(SESSION_WINDOW_BYTES);
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const routes: HttpRoute[] = [...(options.routes ?? [])];
  const keys = options.auth?.keys ?? [];
  const jsonHandler = createRequestHandler({
    services: options.services,
    routes,
    verifier: options.auth?.verify ? new SigV4Verifier(keys) : undefined,
    accountsByAccessKey: new Map(keys.filter((k) => k.accountId).map((k) => [k.accessKeyId, k.accountId!])),
    defaultRegion: options.defaultRegion,
    defaultAccountId: options.defaultAccountId,
    maxBodyBytes: options.maxBodyBytes,
    logError: options.logError,
  });
  const handler = dispatchRestServices(jsonHandler, {
    services: options.restServices ?? [],
    routes,
    defaultRegion: options.defaultRegion,
    defaultAccountId: options.defaultAccountId,
    accountsByAccessKey: new Map(keys.filter((k) => k.accountId).map((k) => [k.accessKeyId, k.accountId!])),
    verifyKeys: options.auth?.verify ? new Map(keys.map((k) => [k.accessKeyId, k])) : undefined,
    logError: options.logError ?? ((message, err) => console.error(message, err)),
  });

  const sockets = new Set<Duplex>();
  const track = (socket: Duplex): void => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };

  const http1 = createHttp1Server({ noDelay: true }, handler);
  // This server never listens itself (it is fed sockets), but its connection tracking — which enforces
  // headersTimeout/requestTimeout and lets close() drop idle keep-alive connections — starts on 'listening'.
  http1.emit('listening');
  // Node closes idle keep-alive connections after 5 s by default; clients that pool connections (botocore, the
  // CLI, Java) then race the close and see resets. AWS keeps them for about a minute.
  http1.keepAliveTimeout = 65_000;
  // Kept above keepAliveTimeout, as Node's documentation asks, so an idle kept-alive socket is never mistaken for
  // a slow request.
  http1.headersTimeout = 66_000;
  const sessions = new Set<ServerHttp2Session>();
  const onSession = (session: ServerHttp2Session): void => {
    widenReceiveWindow(session);
    sessions.add(session);
    session.once('close', () => sessions.delete(session));
  };
  const http2 = createHttp2Server(HTTP2_OPTIONS, handler);
  http2.on('session', onSession);
  http2.on('sessionError', () => undefined);
  http1.on('clientError', (_err, socket) => socket.destroy());

  const plain = createNetServer({ noDelay: true }, (socket: Socket) => {
    track(socket);
    sniffProtocol(socket, {
      http1: (s) => http1.emit('connection', s),
      http2: (s) => http2.emit('connection', s),
    });
  });
  const servers: NetServer[] = [plain];
  const port = await listen(plain, options.port, options.host);

  let tlsPort: number | undefined;
  let tlsCertPath: string | undefined;
  if (options.tlsPort !== undefined) {
    const tls = await loadTlsMaterial(options.dataDir, options.tlsCert, options.tlsKey);
    tlsCertPath = tls.certPath;
    const secure = createSecureServer({ ...HTTP2_OPTIONS, cert: tls.cert, key: tls.key, allowHTTP1: true }, handler);
    secure.on('session', onSession);
    secure.on('sessionError', () => undefined);
    secure.on('tlsClientError', () => undefined);
    secure.on('connection', track);
    servers.push(secure);
    try {
      tlsPort = await listen(secure, options.tlsPort, options.host);
    } catch (err) {
      plain.close();
      throw err;
    }
  }

  let closing: Promise<void> | undefined;
  return {
    port,
    tlsPort,
    tlsCertPath,
    addRoute(route) {
      routes.push(route);
    },
    close() {
      closing ??= (async () => {
        // Stop accepting, let requests in flight finish (HTTP/2 GOAWAY, HTTP/1.1 idle sockets closed), then cut
        // whatever is still open after the grace period (long-lived event streams, stalled clients).
        const closed = servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve())));
        for (const session of sessions) session.close();
        http1.closeIdleConnections();
        http1.close(() => undefined);
        const drained = Promise.all([...sockets].map((s) => new Promise<void>((resolve) => (s.destroyed ? resolve() : s.once('close', () => resolve())))));
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([drained, new Promise<void>((resolve) => (timer = setTimeout(resolve, options.closeGraceMs ?? 1000)))]);
        clearTimeout(timer);
        for (const s of sockets) s.destroy();
        await Promise.all(closed);
      })();
      return closing;
    },
  };
}

function listen(server: NetServer, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error): void => reject(err);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.removeListener('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}
