/**
 * SigV4 verification (`--auth`): recomputes the signature of a request with the secret of its access key and
 * compares. The canonical request is rebuilt from exactly what the client signed (its SignedHeaders list, the raw
 * path and query), which is what AWS does; on HTTP/2 the `host` header travels as `:authority`.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { parseCredentialScope, type SignatureParams } from './auth-presence.js';
import { AwsError } from './service.js';

export interface AccessKey {
  accessKeyId: string;
  secretAccessKey: string;
  /** 12-digit account the key belongs to (else the server's default account). */
  accountId?: string;
}

export interface SignedRequest {
  method: string;
  /** Raw request target: path and query as sent. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** Largest clock difference AWS tolerates between the signing time and its own (Kinesis: 5 minutes). */
const MAX_SKEW_MS = 5 * 60 * 1000;

const UNRECOGNIZED = 'The security token included in the request is invalid.';
const MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access ' +
  'Key and signing method. Consult the service documentation for details.';

export class SigV4Verifier {
  private readonly keys = new Map<string, AccessKey>();
  /** Signing keys by secret/date/region/service: computing one costs four HMACs. */
  private readonly signingKeys = new Map<string, Buffer>();

  constructor(keys: readonly AccessKey[]) {
    for (const k of keys) this.keys.set(k.accessKeyId, k);
  }

  /** Throws the AwsError AWS would answer with; returns the matching key when the signature is right. */
  verify(req: SignedRequest, sig: SignatureParams, now = Date.now()): AccessKey {
    const scope = parseCredentialScope(sig.credential);
    const key = scope && this.keys.get(scope.accessKeyId);
    if (!scope || !key) throw new AwsError('UnrecognizedClientException', UNRECOGNIZED);

    // The signing time: X-Amz-Date, or (header signatures only) the HTTP Date header, which then enters the
    // string to sign in the same basic ISO 8601 form.
    let amzDate = sig.kind === 'query' ? sig.amzDate! : headerValue(req.headers['x-amz-date']);
    let signedAt = amzDate === undefined ? undefined : parseAmzDate(amzDate);
    if (amzDate === undefined && sig.kind === 'header') {
      const fromDateHeader = Date.parse(headerValue(req.headers.date) ?? '');
      if (!Number.isNaN(fromDateHeader)) {
        signedAt = fromDateHeader;
        amzDate = formatAmzDate(fromDateHeader);
      }
    }
    if (signedAt === undefined || amzDate === undefined) throw new AwsError('InvalidSignatureException', MISMATCH);
    checkTime(sig, signedAt, now);

    const queryIndex = req.url.indexOf('?');
    const path = queryIndex === -1 ? req.url : req.url.slice(0, queryIndex);
    const query = queryIndex === -1 ? '' : req.url.slice(queryIndex + 1);
    const canonicalHeaders = buildCanonicalHeaders(req.headers, sig.signedHeaders);
    const canonicalQuery = buildCanonicalQuery(query, sig.kind === 'query');
    const scopeString = sig.credential.slice(sig.credential.indexOf('/') + 1);
    const signingKey = this.signingKey(key.secretAccessKey, scope.date, scope.region, scope.service);

    // A declared body hash is signed as declared, but must also be the body's: otherwise the body was changed.
    const bodyHash = sha256Hex(req.body);
    const declaredHash = headerValue(req.headers['x-amz-content-sha256']);
    if (declaredHash && declaredHash !== 'UNSIGNED-PAYLOAD' && declaredHash !== bodyHash) {
      throw new AwsError('InvalidSignatureException', MISMATCH);
    }
    const candidates = declaredHash ? [declaredHash] : sig.kind === 'query' ? [bodyHash, 'UNSIGNED-PAYLOAD'] : [bodyHash];
    for (const payloadHash of candidates) {
      const canonicalRequest = [req.method, path || '/', canonicalQuery, canonicalHeaders, sig.signedHeaders, payloadHash].join('\n');
      const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scopeString, sha256Hex(canonicalRequest)].join('\n');
      const expected = createHmac('sha256', signingKey).update(stringToSign).digest();
      const given = Buffer.from(sig.signature, 'hex');
      if (given.length === expected.length && timingSafeEqual(given, expected)) return key;
    }
    throw new AwsError('InvalidSignatureException', MISMATCH);
  }

  private signingKey(secret: string, date: string, region: string, service: string): Buffer {
    const id = `${secret}/${date}/${region}/${service}`;
    let k = this.signingKeys.get(id);
    if (!k) {
      const kDate = createHmac('sha256', 'AWS4' + secret).update(date).digest();
      const kRegion = createHmac('sha256', kDate).update(region).digest();
      const kService = createHmac('sha256', kRegion).update(service).digest();
      k = createHmac('sha256', kService).update('aws4_request').digest();
      if (this.signingKeys.size > 1000) this.signingKeys.clear();
      this.signingKeys.set(id, k);
    }
    return k;
  }
}

function checkTime(sig: SignatureParams, signedAt: number, now: number): void {
  if (sig.kind === 'query') {
    const expiresMs = Number(sig.expires ?? 900) * 1000;
    if (now > signedAt + expiresMs) {
      throw new AwsError(
        'InvalidSignatureException',
        `Signature expired: ${formatAmzDate(signedAt)} is now earlier than ${formatAmzDate(now - expiresMs)} ` +
          `(${formatAmzDate(now)} - ${Math.round(expiresMs / 60000)} min.)`,
      );
    }
    if (signedAt > now + MAX_SKEW_MS) throw notYetCurrent(signedAt, now);
    return;
  }
  if (signedAt < now - MAX_SKEW_MS) {
    throw new AwsError(
      'InvalidSignatureException',
      `Signature expired: ${formatAmzDate(signedAt)} is now earlier than ${formatAmzDate(now - MAX_SKEW_MS)} ` +
        `(${formatAmzDate(now)} - 5 min.)`,
    );
  }
  if (signedAt > now + MAX_SKEW_MS) throw notYetCurrent(signedAt, now);
}

function notYetCurrent(signedAt: number, now: number): AwsError {
  return new AwsError(
    'InvalidSignatureException',
    `Signature not yet current: ${formatAmzDate(signedAt)} is still later than ${formatAmzDate(now + MAX_SKEW_MS)} ` +
      `(${formatAmzDate(now)} + 5 min.)`,
  );
}

function buildCanonicalHeaders(headers: SignedRequest['headers'], signedHeaders: string): string {
  let out = '';
  for (const name of signedHeaders.split(';')) {
    let value = headers[name];
    if (value === undefined && name === 'host') value = headers[':authority'];
    const joined = Array.isArray(value) ? value.map(trimHeader).join(',') : trimHeader(value ?? '');
    out += name + ':' + joined + '\n';
  }
  return out;
}

function trimHeader(v: string): string {
  return v.trim().replace(/\s+/g, ' ');
}

function buildCanonicalQuery(query: string, presigned: boolean): string {
  if (!query) return '';
  const pairs: Array<[string, string]> = [];
  for (const part of query.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const k = decode(eq === -1 ? part : part.slice(0, eq));
    const v = eq === -1 ? '' : decode(part.slice(eq + 1));
    if (presigned && k === 'X-Amz-Signature') continue;
    pairs.push([rfc3986(k), rfc3986(v)]);
  }
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, '%20'));
  } catch {
    return s;
  }
}

function rfc3986(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/** `20260101T120000Z` → epoch ms. */
export function parseAmzDate(s: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  if (!m) return undefined;
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
}

export function formatAmzDate(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}
