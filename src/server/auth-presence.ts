/**
 * The signature checks AWS makes before anything else, reproduced with AWS's messages (kinesalite recorded them):
 * some form of SigV4 must be present and complete. Whether the signature is *correct* is `sigv4-verifier.ts`'s job.
 */
import { AwsError } from './service.js';

/** The SigV4 parameters of a request, from the Authorization header or the presigned query. */
export interface SignatureParams {
  kind: 'header' | 'query';
  /** `AKID/20260101/us-east-1/kinesis/aws4_request` */
  credential: string;
  signedHeaders: string;
  signature: string;
  /** Only for presigned requests. */
  amzDate?: string;
  expires?: string;
}

/**
 * Returns the signature parameters or throws the AwsError AWS answers with. `query` is the raw query string (after
 * `?`, empty when none).
 */
export function checkAuthPresence(authHeader: string | undefined, amzDate: string | undefined, date: string | undefined, query: string): SignatureParams {
  const params = query ? new URLSearchParams(query) : undefined;
  const authQuery = params !== undefined && params.has('X-Amz-Algorithm');

  if (authHeader && authQuery) {
    throw new AwsError(
      'InvalidSignatureException',
      "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.",
    );
  }
  if (!authHeader && !authQuery) {
    throw new AwsError('MissingAuthenticationTokenException', 'Missing Authentication Token');
  }

  let msg = '';
  if (authHeader) {
    const found = parseAuthorizationHeader(authHeader);
    for (const name of ['Credential', 'Signature', 'SignedHeaders'] as const) {
      if (!found[name]) msg += `Authorization header requires '${name}' parameter. `;
    }
    if (!amzDate && !date) {
      msg += "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ";
    }
    if (msg) throw new AwsError('IncompleteSignatureException', msg + 'Authorization=' + authHeader);
    return { kind: 'header', credential: found.Credential!, signedHeaders: found.SignedHeaders!, signature: found.Signature! };
  }

  const q = params!;
  for (const name of ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-SignedHeaders', 'X-Amz-Date']) {
    if (!q.get(name)) msg += `AWS query-string parameters must include '${name}'. `;
  }
  if (msg) throw new AwsError('IncompleteSignatureException', msg + 'Re-examine the query-string parameters.');
  return {
    kind: 'query',
    credential: q.get('X-Amz-Credential')!,
    signedHeaders: q.get('X-Amz-SignedHeaders')!,
    signature: q.get('X-Amz-Signature')!,
    amzDate: q.get('X-Amz-Date')!,
    expires: q.get('X-Amz-Expires') ?? undefined,
  };
}

/** `AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…` → its named parts (separators: comma or space). */
export function parseAuthorizationHeader(header: string): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  const parts = header.split(/[, ]/);
  for (let i = 1; i < parts.length; i++) {
    const part = parts[i]!.trim();
    if (!part) continue;
    const eq = part.indexOf('=');
    if (eq === -1) out[part] = undefined;
    else out[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return out;
}

/** Region and service of a credential scope `AKID/date/region/service/aws4_request` (undefined when malformed). */
export function parseCredentialScope(credential: string): { accessKeyId: string; date: string; region: string; service: string } | undefined {
  const parts = credential.split('/');
  if (parts.length !== 5 || !parts[0] || !parts[2]) return undefined;
  return { accessKeyId: parts[0], date: parts[1]!, region: parts[2], service: parts[3]! };
}
