import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2';

/** A request from either the HTTP/1.1 server or the HTTP/2 compatibility API (same shape for what we use). */
export type HttpRequest = IncomingMessage | Http2ServerRequest;
export type HttpResponse = ServerResponse | Http2ServerResponse;

/** What the pipeline needs from a response, in a form both protocols satisfy. */
export interface ResponseLike {
  statusCode: number;
  setHeader(name: string, value: string | number): unknown;
  hasHeader(name: string): boolean;
  write(chunk: Uint8Array | string): boolean;
  end(chunk?: Uint8Array | string): unknown;
  once(event: 'close' | 'finish' | 'drain', listener: () => void): unknown;
  readonly writableEnded: boolean;
  readonly headersSent: boolean;
  readonly writableFinished: boolean;
}

/**
 * A plain HTTP route served on the API port next to the AWS protocol (the web console, /metrics, health).
 * Matched before any AWS processing, on the path without its query string: exactly, or as a prefix when `prefix`
 * is set (use a trailing slash, e.g. `/console/`). The AWS API itself answers at `POST /` and ignores the path, so
 * routes should not claim `/`.
 */
export interface HttpRoute {
  /** Methods this route answers; others fall through to the AWS pipeline. Default: GET and HEAD. */
  methods?: readonly string[];
  path: string;
  prefix?: boolean;
  handle(req: HttpRequest, res: HttpResponse): void | Promise<void>;
}
