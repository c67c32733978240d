import type { HttpRequest, ResponseLike } from './http-types.js';

/** Headers a browser page may read from our responses. */
const EXPOSE_HEADERS = 'x-amzn-RequestId,x-amzn-ErrorType,x-amz-request-id,x-amz-id-2,x-amzn-ErrorMessage,Date';
/** How long a browser may cache a preflight answer (AWS: two days). */
const PREFLIGHT_MAX_AGE = 172800;

/**
 * Applies AWS's CORS behaviour to a request that carries an Origin header. Returns true when the request was a
 * preflight (OPTIONS) and has been fully answered.
 */
export function applyCors(req: HttpRequest, res: ResponseLike): boolean {
  res.setHeader('Access-Control-Allow-Origin', '*');
  if (req.method === 'OPTIONS') {
    const headers = req.headers['access-control-request-headers'];
    if (headers) res.setHeader('Access-Control-Allow-Headers', headers);
    const method = req.headers['access-control-request-method'];
    if (method) res.setHeader('Access-Control-Allow-Methods', method);
    res.setHeader('Access-Control-Max-Age', PREFLIGHT_MAX_AGE);
    res.setHeader('Content-Length', 0);
    res.statusCode = 200;
    res.end('');
    return true;
  }
  res.setHeader('Access-Control-Expose-Headers', EXPOSE_HEADERS);
  return false;
}
