/**
 * The AWS JSON-protocol request pipeline, in AWS's order (kinesalite recorded it from AWS): body size, request id,
 * CORS, method, content type, target, body decoding, auth, then the operation. Everything here runs for every call,
 * so it stays a straight line: no middleware, no per-request allocation beyond the body and the response.
 */
import { checkAuthPresence, parseCredentialScope, type SignatureParams } from './auth-presence.js';
import { decodeCbor, encodeCbor } from './cbor-codec.js';
import { AMZ_CBOR, AMZ_JSON, LEGACY_JSON, mediaType } from './content-types.js';
import { applyCors } from './cors.js';
import { coralError, xmlError } from './error-bodies.js';
import { writeEventStream } from './event-stream-response.js';
import type { HttpRequest, HttpResponse, HttpRoute, ResponseLike } from './http-types.js';
import { decodeJson, encodeJsonBody, markJsonWireContext } from './json-codec.js';
import { newId2, newRequestId } from './request-ids.js';
import { AwsError, isEventStreamResult, type AwsJsonService, type RequestContext, type WireProtocol } from './service.js';
import type { SigV4Verifier } from './sigv4-verifier.js';

/** Largest accepted body: a 10 MiB record is ~13.4 MiB once base64-encoded in JSON, plus the envelope. */
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;

export interface PipelineOptions {
  services: readonly AwsJsonService[];
  routes?: readonly HttpRoute[];
  /** Present when signatures must verify (`--auth`). */
  verifier?: SigV4Verifier;
  /** Account of each known access key (used with or without verification). */
  accountsByAccessKey?: ReadonlyMap<string, string>;
  defaultRegion: string;
  defaultAccountId: string;
  maxBodyBytes?: number;
  /** Where unexpected failures are reported (default: stderr). */
  logError?: (message: string, err: unknown) => void;
}

const ACCESS_DENIED_MESSAGE = 'Unable to determine service/operation name to be authorized';

export function createRequestHandler(options: PipelineOptions): (req: HttpRequest, res: HttpResponse) => void {
  const services = new Map(options.services.map((s) => [s.targetPrefix, s]));
  const routes = options.routes ?? [];
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const logError = options.logError ?? ((message, err) => console.error(message, err));

  return function handleRequest(req, rawRes) {
    const res = rawRes as unknown as ResponseLike;
    if (routes.length > 0) {
      const route = findRoute(routes, req);
      if (route) {
        Promise.resolve(route.handle(req, rawRes)).catch((err) => {
          logError(`route ${route.path} failed:`, err);
          answerFailure(res);
        });
        return;
      }
    }

    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    const refuseTooLarge = (): void => {
      tooLarge = true;
      chunks.length = 0;
      if (req.httpVersion !== '2.0') {
        res.setHeader('Transfer-Encoding', 'chunked');
        res.setHeader('Connection', 'close');
      }
      res.statusCode = 413;
      res.end();
    };
    // A declared length over the limit is refused before a byte of the body is read.
    if (Number(req.headers['content-length']) > maxBody) refuseTooLarge();
    req.on('data', (chunk: Buffer) => {
      if (tooLarge) return;
      size += chunk.length;
      if (size > maxBody) return refuseTooLarge();
      chunks.push(chunk);
    });
    req.on('error', () => {
      /* the client went away mid-body: nothing to answer */
    });
    req.on('end', () => {
      if (tooLarge) return;
      const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
      handleBody(req, res, body).catch((err) => {
        logError('request failed:', err);
        answerFailure(res);
      });
    });
  };

  async function handleBody(req: HttpRequest, res: ResponseLike, body: Buffer): Promise<void> {
    const headers = req.headers;
    const requestId = newRequestId();
    res.setHeader('x-amzn-RequestId', requestId);
    const origin = headers.origin;
    if (req.method !== 'OPTIONS' || !origin) res.setHeader('x-amz-id-2', newId2());
    if (origin && applyCors(req, res)) return;

    if (req.method !== 'POST') return sendRaw(res, 403, undefined, xmlError('AccessDeniedException', ACCESS_DENIED_MESSAGE));

    const contentType = mediaType(headers['content-type']);
    const target = headers['x-amz-target'];
    const targetString = typeof target === 'string' ? target : '';
    const dot = targetString.indexOf('.');
    const prefix = dot === -1 ? targetString : targetString.slice(0, dot);
    const operation = dot === -1 ? '' : targetString.slice(dot + 1).split('.', 1)[0]!;
    const service = prefix ? services.get(prefix) : undefined;
    const operationValid = service !== undefined && operation !== '' && service.operations.has(operation);

    if (body.length === 0) {
      // AWS answers an empty body in JSON only for JSON 1.1 requests; anything else gets CBOR.
      const protocol: WireProtocol = contentType === AMZ_JSON ? 'json' : 'cbor';
      const type = operationValid ? 'SerializationException' : 'UnknownOperationException';
      return sendResult(res, protocol, contentType === AMZ_JSON ? AMZ_JSON : AMZ_CBOR, 400, { __type: type });
    }

    const isJson = contentType === AMZ_JSON;
    const isCbor = contentType === AMZ_CBOR;
    const isLegacy = contentType === LEGACY_JSON;
    if (!isJson && !isCbor && !isLegacy) {
      if (!prefix || !operation) return sendRaw(res, 403, undefined, xmlError('AccessDeniedException', ACCESS_DENIED_MESSAGE));
      return sendRaw(res, 404, undefined, xmlError('UnknownOperationException'));
    }
    const protocol: WireProtocol = isCbor ? 'cbor' : 'json';

    let input: unknown;
    try {
      input = isCbor ? decodeCbor(body) : decodeJson(body);
    } catch {
      input = undefined;
    }
    if (typeof input !== 'object' || input === null) {
      if (isLegacy) return sendRaw(res, 400, LEGACY_JSON, coralError('SerializationException'));
      return sendResult(res, protocol, contentType, 400, { __type: 'SerializationException' });
    }
    // AWS never runs an operation for the legacy content type.
    if (isLegacy) return sendRaw(res, 404, LEGACY_JSON, coralError('UnknownOperationException'));
    if (!operationValid) return sendResult(res, protocol, contentType, 400, { __type: 'UnknownOperationException' });

    let ctx: RequestContext;
    try {
      ctx = authenticate(req, res, body, protocol, requestId);
    } catch (err) {
      if (err instanceof AwsError) return sendError(res, protocol, contentType, err);
      throw err;
    }

    let result;
    try {
      result = await service!.handle(operation, input, ctx);
    } catch (err) {
      if (err instanceof AwsError) return sendError(res, protocol, contentType, err);
      logError(`${prefix}.${operation} failed (request ${requestId}):`, err);
      return sendResult(res, protocol, contentType, 500, { __type: 'InternalFailure' });
    }
    if (isEventStreamResult(result)) {
      return writeEventStream(res, result.eventStream, protocol, (err) => logError(`${prefix}.${operation} stream failed:`, err));
    }
    // An operation without output answers with an empty body in either protocol, as AWS does.
    if (!hasMembers(result)) return sendRaw(res, 200, contentType, EMPTY);
    sendResult(res, protocol, contentType, 200, result);
  }

  /** Auth presence (always), signature verification (with --auth), account and region. */
  function authenticate(req: HttpRequest, res: ResponseLike, body: Buffer, protocol: WireProtocol, requestId: string): RequestContext {
    const headers = req.headers;
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const sig: SignatureParams = checkAuthPresence(
      headerString(headers.authorization),
      headerString(headers['x-amz-date']),
      headerString(headers.date),
      q === -1 ? '' : url.slice(q + 1),
    );
    let accountId: string | undefined;
    if (options.verifier) {
      const key = options.verifier.verify({ method: req.method ?? 'POST', url, headers, body }, sig);
      accountId = key.accountId;
    }
    const scope = parseCredentialScope(sig.credential);
    if (!accountId && scope && options.accountsByAccessKey) accountId = options.accountsByAccessKey.get(scope.accessKeyId);
    // The signal is made when an operation first asks for it (most never do: an AbortController costs more than
    // the rest of this function). 'close' also fires after a normal end; only a response we never ended means the
    // client went away.
    let controller: AbortController | undefined;
    let gone = false;
    res.once('close', () => {
      if (res.writableEnded) return;
      gone = true;
      controller?.abort();
    });
    const ctx: RequestContext = {
      accountId: accountId ?? options.defaultAccountId,
      region: scope?.region ?? options.defaultRegion,
      requestId,
      protocol,
      httpVersion: req.httpVersion === '2.0' ? '2' : '1.1',
      get signal(): AbortSignal {
        if (controller === undefined) {
          controller = new AbortController();
          if (gone) controller.abort();
        }
        return controller.signal;
      },
    };
    if (protocol === 'json') markJsonWireContext(ctx);
    return ctx;
  }
}

function findRoute(routes: readonly HttpRoute[], req: HttpRequest): HttpRoute | undefined {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  const method = req.method ?? 'GET';
  for (const route of routes) {
    const methods = route.methods ?? ['GET', 'HEAD'];
    if (!methods.includes(method)) continue;
    if (route.prefix ? path.startsWith(route.path) : path === route.path) return route;
  }
  return undefined;
}

/** Last resort after an unexpected failure: a bare 500 if nothing was sent yet, else drop the response. */
function answerFailure(res: ResponseLike): void {
  try {
    if (!res.headersSent) sendRaw(res, 500, undefined, '');
    else if (!res.writableEnded) res.end();
  } catch {
    /* the connection is already gone */
  }
}

function headerString(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function sendRaw(res: ResponseLike, status: number, contentType: string | undefined, body: string | Buffer): void {
  res.statusCode = status;
  if (contentType) res.setHeader('Content-Type', contentType);
  res.setHeader('Content-Length', typeof body === 'string' ? Buffer.byteLength(body, 'utf8') : body.length);
  res.end(body);
}

const EMPTY = Buffer.alloc(0);

/** Whether a result has any member the encoders would write. */
function hasMembers(result: Record<string, unknown>): boolean {
  for (const key in result) {
    const member = result[key];
    if (member !== undefined && typeof member !== 'function' && typeof member !== 'symbol') return true;
  }
  return false;
}

function sendResult(res: ResponseLike, protocol: WireProtocol, contentType: string, status: number, data: unknown): void {
  const body = protocol === 'cbor' ? encodeCbor(data) : encodeJsonBody(data);
  sendRaw(res, status, contentType, body);
}

function sendError(res: ResponseLike, protocol: WireProtocol, contentType: string, err: AwsError): void {
  const data: Record<string, unknown> = { __type: err.type };
  if (err.hasMessage) data[err.messageKey] = err.message;
  if (err.extra) Object.assign(data, err.extra);
  sendResult(res, protocol, contentType, err.status, data);
}
