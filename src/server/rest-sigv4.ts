/**
 * SigV4 verification for the REST services (`--auth`), which read their own bodies: S3 signs the payload hash it
 * declares in `x-amz-content-sha256` (a hex SHA-256, `UNSIGNED-PAYLOAD` or a `STREAMING-…` marker for aws-chunked
 * bodies, whose chunk signatures are not checked), other services the body's SHA-256, which the service computes
 * once it has read the body. S3 signs the path as sent; other services sign it percent-encoded once more.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { parseAuthorizationHeader, parseCredentialScope } from './auth-presence.js';
import type { HttpRequest } from './http-types.js';
import type { AccessKey } from './sigv4-verifier.js';
import { formatAmzDate, parseAmzDate } from './sigv4-verifier.js';

export type RestAuthFailureKind = 'missing' | 'unknown-key' | 'mismatch' | 'skewed' | 'expired';

export class RestAuthFailure extends Error {
  constructor(
    readonly kind: RestAuthFailureKind,
    message: string,
  ) {
    super(message);
  }
}

const MAX_SKEW_MS = 15 * 60 * 1000;

const rfc3986 = (s: string): string => encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
const sha256Hex = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');
const hmac = (key: Buffer | string, data: string): Buffer => createHmac('sha256', key).update(data).digest();

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, '%20'));
  } catch {
    return s;
  }
}

function canonicalQuery(query: string): string {
  const pairs: Array<[string, string]> = [];
  for (const part of query.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const k = decode(eq === -1 ? part : part.slice(0, eq));
    if (k === 'X-Amz-Signature') continue;
    pairs.push([rfc3986(k), rfc3986(eq === -1 ? '' : decode(part.slice(eq + 1)))]);
  }
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

function headerString(req: HttpRequest, name: string): string {
  let v = req.headers[name];
  if (v === undefined && name === 'host') v = req.headers[':authority'];
  const trim = (s: string): string => s.trim().replace(/\s+/g, ' ');
  return Array.isArray(v) ? v.map(trim).join(',') : trim(v ?? '');
}

/** Sub-resources that S3's SigV2 signs as part of the resource. */
const V2_SUBRESOURCES = new Set([
  'acl', 'cors', 'delete', 'lifecycle', 'location', 'logging', 'notification', 'partNumber', 'policy', 'requestPayment',
  'response-cache-control', 'response-content-disposition', 'response-content-encoding', 'response-content-language',
  'response-content-type', 'response-expires', 'restore', 'tagging', 'torrent', 'uploadId', 'uploads', 'versionId',
  'versioning', 'versions', 'website',
]);

/**
 * S3's SigV2 presigned URLs (`?AWSAccessKeyId=…&Expires=…&Signature=…`), which the AWS CLI v1's `s3 presign` makes:
 * HMAC-SHA1 over method, Content-MD5, Content-Type, Expires, x-amz-* headers and the resource.
 */
function verifyS3PresignedV2(req: HttpRequest, keys: ReadonlyMap<string, AccessKey>, path: string, params: URLSearchParams, now: number): AccessKey {
  const key = keys.get(params.get('AWSAccessKeyId')!);
  if (!key) throw new RestAuthFailure('unknown-key', 'The AWS Access Key Id you provided does not exist in our records.');
  const expires = Number(params.get('Expires'));
  if (!Number.isFinite(expires) || now > expires * 1000) throw new RestAuthFailure('expired', 'Request has expired');
  const amzHeaders = Object.keys(req.headers)
    .filter((h) => h.startsWith('x-amz-'))
    .sort()
    .map((h) => `${h}:${headerString(req, h)}\n`)
    .join('');
  const sub = [...params.keys()]
    .filter((k) => V2_SUBRESOURCES.has(k))
    .sort()
    .map((k) => (params.get(k) ? `${k}=${params.get(k)}` : k));
  const resource = (path || '/') + (sub.length ? `?${sub.join('&')}` : '');
  const stringToSign = [req.method ?? 'GET', headerString(req, 'content-md5'), headerString(req, 'content-type'), String(expires), amzHeaders + resource].join('\n');
  const expected = createHmac('sha1', key.secretAccessKey).update(stringToSign).digest();
  const given = Buffer.from(params.get('Signature')!, 'base64');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new RestAuthFailure('mismatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.');
  }
  return key;
}

/**
 * Checks the request's signature. `payloadHash` is the body's SHA-256 (hex) for services that sign the body;
 * S3 passes undefined and its declared hash is used. Returns the key; throws RestAuthFailure.
 */
export function verifyRestSignature(
  req: HttpRequest,
  keys: ReadonlyMap<string, AccessKey>,
  options: { s3: boolean; payloadHash?: string; now?: number },
): AccessKey {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  const query = q === -1 ? '' : url.slice(q + 1);
  const params = new URLSearchParams(query);
  if (options.s3 && params.has('AWSAccessKeyId') && params.has('Signature')) return verifyS3PresignedV2(req, keys, path, params, options.now ?? Date.now());
  const auth = req.headers.authorization;
  let credential: string | undefined;
  let signedHeaders: string | undefined;
  let signature: string | undefined;
  let amzDate: string | undefined;
  let expiresMs: number | undefined;
  if (typeof auth === 'string' && auth.startsWith('AWS4-HMAC-SHA256')) {
    const parts = parseAuthorizationHeader(auth);
    ({ Credential: credential, SignedHeaders: signedHeaders, Signature: signature } = parts);
    amzDate = headerString(req, 'x-amz-date') || undefined;
  } else if (params.get('X-Amz-Algorithm') === 'AWS4-HMAC-SHA256') {
    credential = params.get('X-Amz-Credential') ?? undefined;
    signedHeaders = params.get('X-Amz-SignedHeaders') ?? undefined;
    signature = params.get('X-Amz-Signature') ?? undefined;
    amzDate = params.get('X-Amz-Date') ?? undefined;
    expiresMs = Number(params.get('X-Amz-Expires') ?? 900) * 1000;
  }
  if (!credential || !signedHeaders || !signature || !amzDate) throw new RestAuthFailure('missing', 'Missing Authentication Token');
  const scope = parseCredentialScope(credential);
  const key = scope && keys.get(scope.accessKeyId);
  if (!scope || !key) throw new RestAuthFailure('unknown-key', 'The AWS Access Key Id you provided does not exist in our records.');
  const signedAt = parseAmzDate(amzDate);
  const now = options.now ?? Date.now();
  if (signedAt === undefined) throw new RestAuthFailure('mismatch', 'The request signature we calculated does not match the signature you provided.');
  if (expiresMs !== undefined ? now > signedAt + expiresMs : Math.abs(now - signedAt) > MAX_SKEW_MS) {
    throw new RestAuthFailure(expiresMs !== undefined ? 'expired' : 'skewed', `Request signed at ${formatAmzDate(signedAt)} is too far from ${formatAmzDate(now)}`);
  }

  const canonicalPath = options.s3 ? path || '/' : (path || '/').split('/').map(rfc3986).join('/');
  const declared = headerString(req, 'x-amz-content-sha256');
  const payloadHash = options.s3 ? declared || 'UNSIGNED-PAYLOAD' : (options.payloadHash ?? declared ?? sha256Hex(''));
  const headers = signedHeaders
    .split(';')
    .map((name) => `${name}:${headerString(req, name)}\n`)
    .join('');
  const canonicalRequest = [req.method ?? 'GET', canonicalPath, canonicalQuery(query), headers, signedHeaders, payloadHash].join('\n');
  const scopeString = credential.slice(credential.indexOf('/') + 1);
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scopeString, sha256Hex(canonicalRequest)].join('\n');
  const signingKey = hmac(hmac(hmac(hmac('AWS4' + key.secretAccessKey, scope.date), scope.region), scope.service), 'aws4_request');
  const expected = hmac(signingKey, stringToSign);
  const given = Buffer.from(signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new RestAuthFailure('mismatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.');
  }
  return key;
}
