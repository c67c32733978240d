/**
 * The HTTP side of S3, shared by the operation handlers: the parsed request, bodies (aws-chunked decoded), object
 * headers in and out, XML and error responses with S3's headers.
 */
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { HttpRequest, HttpResponse } from '../server/http-types.js';
import { AwsChunkedDecoder, isAwsChunked, storedContentEncoding } from './aws-chunked.js';
import { S3Error } from './errors.js';
import type { ObjectHeaders, ObjectInfo } from './object-store.js';
import { toXml } from './xml.js';

export interface S3Request {
  req: HttpRequest;
  res: HttpResponse;
  method: string;
  /** Empty for ListBuckets (`/`). */
  bucket: string;
  /** Empty for bucket-level requests. */
  key: string;
  query: URLSearchParams;
  headers: HttpRequest['headers'];
  requestId: string;
  /** From the credential scope, else the server's default. */
  region: string;
  accountId: string;
}

export function header(s3: S3Request, name: string): string | undefined {
  const v = s3.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Splits `/bucket/key…` (raw, percent-encoded) into bucket and key. */
export function parseTarget(url: string): { bucket: string; key: string; query: URLSearchParams } {
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  const query = new URLSearchParams(q === -1 ? '' : url.slice(q + 1));
  const rest = path.replace(/^\/+/, '');
  const slash = rest.indexOf('/');
  const bucket = decodeURIComponent(slash === -1 ? rest : rest.slice(0, slash));
  const key = slash === -1 ? '' : decodeURIComponent(rest.slice(slash + 1));
  return { bucket, key, query };
}

/** The request body as a stream of the object's bytes (aws-chunked framing removed). */
export function bodyStream(s3: S3Request): { stream: Readable; trailers: () => Record<string, string> } {
  if (!isAwsChunked(s3.headers)) return { stream: s3.req as Readable, trailers: () => ({}) };
  const decoder = new AwsChunkedDecoder();
  (s3.req as Readable).on('error', (err) => decoder.destroy(err)).pipe(decoder);
  return { stream: decoder, trailers: () => decoder.trailers };
}

/** A small body (XML documents), whole. */
export async function readSmallBody(s3: S3Request, limit = 8 * 1024 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of bodyStream(s3).stream) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new S3Error('MaxMessageLengthExceeded', 'Your request was too big.', 400);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const CHECKSUM_PREFIX = 'x-amz-checksum-';

/** The checksums a client sent in headers or trailers (`crc32` → value); echoed back, not verified. */
export function sentChecksums(s3: S3Request, trailers: Record<string, string> = {}): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const source of [s3.headers, trailers]) {
    for (const [name, value] of Object.entries(source)) {
      if (name.startsWith(CHECKSUM_PREFIX) && name !== 'x-amz-checksum-algorithm' && name !== 'x-amz-checksum-type' && typeof value === 'string') {
        out[name.slice(CHECKSUM_PREFIX.length)] = value;
      }
    }
  }
  return Object.keys(out).length ? out : undefined;
}

/** Content-Type, Content-Encoding…, and `x-amz-meta-*` from a PUT (or a CopyObject with REPLACE). */
export function objectHeadersFrom(s3: S3Request): ObjectHeaders {
  const metadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(s3.headers)) {
    if (name.startsWith('x-amz-meta-') && value !== undefined) metadata[name.slice('x-amz-meta-'.length)] = Array.isArray(value) ? value.join(',') : value;
  }
  return {
    contentType: header(s3, 'content-type'),
    contentEncoding: storedContentEncoding(header(s3, 'content-encoding')),
    contentDisposition: header(s3, 'content-disposition'),
    contentLanguage: header(s3, 'content-language'),
    cacheControl: header(s3, 'cache-control'),
    expires: header(s3, 'expires'),
    metadata,
  };
}

/** The headers GET and HEAD answer with, honouring `response-content-type` and the other overrides. */
export function setObjectHeaders(s3: S3Request, info: ObjectInfo): void {
  const res = s3.res;
  const q = s3.query;
  res.setHeader('Last-Modified', info.lastModified.toUTCString());
  res.setHeader('ETag', info.etag);
  res.setHeader('Accept-Ranges', 'bytes');
  res.setHeader('Content-Type', q.get('response-content-type') ?? info.contentType ?? 'binary/octet-stream');
  const optional: Array<[string, string | undefined]> = [
    ['Content-Encoding', q.get('response-content-encoding') ?? info.contentEncoding],
    ['Content-Disposition', q.get('response-content-disposition') ?? info.contentDisposition],
    ['Content-Language', q.get('response-content-language') ?? info.contentLanguage],
    ['Cache-Control', q.get('response-cache-control') ?? info.cacheControl],
    ['Expires', q.get('response-expires') ?? info.expires],
  ];
  for (const [name, value] of optional) if (value) res.setHeader(name, value);
  for (const [name, value] of Object.entries(info.metadata)) res.setHeader(`x-amz-meta-${name}`, value);
  if (info.partsCount !== undefined && q.has('partNumber')) res.setHeader('x-amz-mp-parts-count', info.partsCount);
}

export function setChecksumHeaders(res: HttpResponse, checksums: Record<string, string> | undefined): void {
  for (const [name, value] of Object.entries(checksums ?? {})) res.setHeader(`${CHECKSUM_PREFIX}${name}`, value);
}

export function s3RequestId(): string {
  return randomBytes(8).toString('hex').toUpperCase();
}

export function commonHeaders(res: HttpResponse, requestId: string): void {
  res.setHeader('x-amz-request-id', requestId);
  res.setHeader('x-amz-id-2', randomBytes(48).toString('base64'));
  res.setHeader('Server', 'AmazonS3');
}

export function sendXml(s3: S3Request, root: string, body: Record<string, unknown>, status = 200): void {
  const text = toXml(root, body);
  s3.res.statusCode = status;
  s3.res.setHeader('Content-Type', 'application/xml');
  s3.res.setHeader('Content-Length', Buffer.byteLength(text));
  s3.res.end(text);
}

export function sendEmpty(s3: S3Request, status: number): void {
  s3.res.statusCode = status;
  if (status !== 204 && status !== 304) s3.res.setHeader('Content-Length', 0);
  s3.res.end();
}

export function sendError(s3: S3Request, err: S3Error): void {
  const res = s3.res;
  if (res.headersSent) {
    res.end();
    return;
  }
  res.statusCode = err.status;
  // HEAD answers carry no body: the status is all a client learns (404 for NoSuchKey and NoSuchBucket alike).
  if (s3.method === 'HEAD') {
    res.end();
    return;
  }
  const text = toXml(
    'Error',
    { Code: err.code, Message: err.message, ...err.extra, RequestId: s3.requestId, HostId: randomBytes(48).toString('base64') },
    false,
  );
  res.setHeader('Content-Type', 'application/xml');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}

/** S3's timestamps in XML: ISO 8601 with milliseconds. */
export const xmlDate = (d: Date): string => d.toISOString();
