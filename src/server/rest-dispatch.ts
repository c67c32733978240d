/**
 * Services that speak REST on the shared port (S3's path-style XML API, Lambda's REST JSON API) next to the AWS
 * JSON services, which all answer `POST /` with `X-Amz-Target`. A request goes to a REST service when its SigV4
 * credential scope names that service's signing name (`…/us-east-1/s3/aws4_request`); an unsigned request goes to
 * the first REST service that claims its method and path, but never when it is addressed to `/` or carries an
 * `X-Amz-Target` (those keep the JSON pipeline's answers). Plain HTTP routes (console, metrics) come first.
 */
import { parseAuthorizationHeader, parseCredentialScope } from './auth-presence.js';
import type { HttpRequest, HttpResponse, HttpRoute } from './http-types.js';
import { verifyRestSignature } from './rest-sigv4.js';
import type { AccessKey } from './sigv4-verifier.js';

export { RestAuthFailure, type RestAuthFailureKind } from './rest-sigv4.js';

export interface RestContext {
  /** From the credential scope, else the server's default. */
  region: string;
  accountId: string;
  /** The access key the request was signed with, when it was. */
  accessKeyId?: string;
  /**
   * With `--auth`, checks the signature and throws RestAuthFailure (for the service to answer in its own words);
   * without, does nothing. S3 calls it with no argument (the declared payload hash is signed), other services with
   * the SHA-256 (hex) of the body they read.
   */
  verify(payloadHash?: string): void;
}

export interface RestService {
  /** SigV4 signing name, e.g. `s3`, `lambda`. */
  signingName: string;
  /** Whether this service answers an unsigned request with this method and path (no query). */
  claimsUnsigned(method: string, path: string): boolean;
  /** Answers the request, body unread; must always respond. */
  handle(req: HttpRequest, res: HttpResponse, ctx: RestContext): Promise<void>;
}

export interface RestDispatchOptions {
  services: readonly RestService[];
  /** The server's plain routes (the live array: routes added later count). */
  routes: readonly HttpRoute[];
  defaultRegion: string;
  defaultAccountId: string;
  accountsByAccessKey?: ReadonlyMap<string, string>;
  /** Present with `--auth`: the keys signatures must verify with. */
  verifyKeys?: ReadonlyMap<string, AccessKey>;
  logError: (message: string, err: unknown) => void;
}

type Handler = (req: HttpRequest, res: HttpResponse) => void;

/** The signing service and scope of a request (header or presigned URL), if it is signed. */
function credentialScope(req: HttpRequest, query: string): ReturnType<typeof parseCredentialScope> {
  const auth = req.headers.authorization;
  if (typeof auth === 'string' && auth.startsWith('AWS4-')) {
    const credential = parseAuthorizationHeader(auth).Credential;
    return credential ? parseCredentialScope(credential) : undefined;
  }
  if (query.includes('X-Amz-Credential=')) {
    const credential = new URLSearchParams(query).get('X-Amz-Credential');
    return credential ? parseCredentialScope(credential) : undefined;
  }
  return undefined;
}

export function dispatchRestServices(jsonHandler: Handler, options: RestDispatchOptions): Handler {
  if (options.services.length === 0) return jsonHandler;
  const bySigningName = new Map(options.services.map((s) => [s.signingName, s]));
  return function dispatch(req, res) {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    const method = req.method ?? 'GET';
    const scope = credentialScope(req, q === -1 ? '' : url.slice(q + 1));
    let service: RestService | undefined;
    if (scope) service = bySigningName.get(scope.service);
    else if (path !== '/' && req.headers['x-amz-target'] === undefined && !matchesRoute(options.routes, method, path)) {
      service = options.services.find((s) => s.claimsUnsigned(method, path));
    }
    if (!service) return jsonHandler(req, res);
    const ctx: RestContext = {
      region: scope?.region ?? options.defaultRegion,
      accountId: (scope && options.accountsByAccessKey?.get(scope.accessKeyId)) ?? options.defaultAccountId,
      accessKeyId: scope?.accessKeyId,
      verify(payloadHash) {
        if (options.verifyKeys) verifyRestSignature(req, options.verifyKeys, { s3: service.signingName === 's3', payloadHash });
      },
    };
    service.handle(req, res, ctx).catch((err) => {
      options.logError(`${service.signingName} request failed:`, err);
      try {
        if (!res.headersSent) {
          res.statusCode = 500;
          res.end();
        } else if (!res.writableEnded) res.end();
      } catch {
        /* the connection is already gone */
      }
    });
  };
}

function matchesRoute(routes: readonly HttpRoute[], method: string, path: string): boolean {
  return routes.some((r) => (r.methods ?? ['GET', 'HEAD']).includes(method) && (r.prefix ? path.startsWith(r.path) : path === r.path));
}
