/**
 * Raw HTTP/1.1 and HTTP/2 requests for protocol-level tests: exact status, headers and body bytes, nothing
 * interpreted.
 */
import http from 'node:http';
import https from 'node:https';
import http2 from 'node:http2';

export interface RawRequest {
  /** e.g. `http://127.0.0.1:4567` (or https with `rejectUnauthorized` off). */
  endpoint: string;
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Speak HTTP/2 (prior knowledge on http://, ALPN on https://). Default: HTTP/1.1. */
  http2?: boolean;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  text: string;
  /** The body parsed as JSON (throws when it is not). */
  json<T = any>(): T;
  /** HTTP version the response came over. */
  httpVersion: string;
}

function toResponse(status: number, headers: RawResponse['headers'], body: Buffer, httpVersion: string): RawResponse {
  return {
    status,
    headers,
    body,
    text: body.toString('utf8'),
    json: () => JSON.parse(body.toString('utf8')),
    httpVersion,
  };
}

export function rawRequest(req: RawRequest): Promise<RawResponse> {
  return req.http2 ? rawHttp2(req) : rawHttp1(req);
}

function rawHttp1(req: RawRequest): Promise<RawResponse> {
  const url = new URL(req.endpoint);
  return new Promise((resolve, reject) => {
    const request = url.protocol === 'https:' ? https.request : http.request;
    const r = request(
      {
        host: url.hostname,
        port: url.port,
        method: req.method ?? 'POST',
        path: req.path ?? '/',
        headers: req.headers,
        agent: false,
        rejectUnauthorized: false,
      } as http.RequestOptions,
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(toResponse(res.statusCode ?? 0, res.headers, Buffer.concat(chunks), res.httpVersion)));
        res.on('error', reject);
      },
    );
    r.on('error', reject);
    r.end(req.body);
  });
}

function rawHttp2(req: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const session = http2.connect(req.endpoint, { rejectUnauthorized: false });
    session.on('error', reject);
    const stream = session.request({
      ':method': req.method ?? 'POST',
      ':path': req.path ?? '/',
      ...req.headers,
    });
    let status = 0;
    let headers: RawResponse['headers'] = {};
    stream.on('response', (h) => {
      status = Number(h[':status']);
      headers = h as RawResponse['headers'];
    });
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      session.close();
      resolve(toResponse(status, headers, Buffer.concat(chunks), '2.0'));
    });
    stream.on('error', (err) => {
      session.destroy();
      reject(err);
    });
    stream.end(req.body);
  });
}
