/**
 * `createLambdaEndpoint(functions)`: the Lambda API's REST JSON subset on the shared port (`/2015-03-31/functions…`):
 * CreateFunction, ListFunctions, GetFunction, Get/UpdateFunctionConfiguration, DeleteFunction, UpdateFunctionCode and
 * Invoke (RequestResponse, Event, DryRun; `X-Amz-Log-Type: Tail` → `X-Amz-Log-Result`).
 */
import { createHash, randomUUID } from 'node:crypto';
import type { HttpRequest, HttpResponse } from '../server/http-types.js';
import { RestAuthFailure, type RestAuthFailureKind, type RestContext, type RestService } from '../server/rest-dispatch.js';
import { LambdaError } from './errors.js';
import type { FunctionDefinition, Functions } from './functions.js';

const PREFIX = '/2015-03-31/functions';
const MAX_BODY = 70 * 1024 * 1024;
const TAIL_BYTES = 4096;
/** Lambda's synchronous invocation payload limit (6 MB). */
const MAX_INVOKE_PAYLOAD = 6 * 1024 * 1024;

/** Signature failures in Lambda's words (all 403). */
const AUTH_ERRORS: Record<RestAuthFailureKind, [string, string]> = {
  missing: ['MissingAuthenticationTokenException', 'Missing Authentication Token'],
  'unknown-key': ['UnrecognizedClientException', 'The security token included in the request is invalid.'],
  mismatch: [
    'InvalidSignatureException',
    'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
  ],
  skewed: ['InvalidSignatureException', 'Signature expired'],
  expired: ['InvalidSignatureException', 'Signature expired'],
};

/** A definition as Lambda describes it (FunctionConfiguration). */
export function configuration(def: FunctionDefinition): Record<string, unknown> {
  const { source: _source, Tags: _tags, Environment, ...rest } = def;
  return {
    ...rest,
    Environment: Object.keys(Environment).length ? { Variables: Environment } : undefined,
    Version: '$LATEST',
    State: 'Active',
    LastUpdateStatus: 'Successful',
    Architectures: ['x86_64'],
    EphemeralStorage: { Size: 512 },
    TracingConfig: { Mode: 'PassThrough' },
    SnapStart: { ApplyOn: 'None', OptimizationStatus: 'Off' },
    LoggingConfig: { LogFormat: 'Text', LogGroup: `/aws/lambda/${def.FunctionName}` },
  };
}

function codeLocation(def: FunctionDefinition): Record<string, string> {
  if (def.source.kind === 'url') return { RepositoryType: 'URL', Location: def.source.url };
  return { RepositoryType: 'S3', Location: new URL(`file://${def.source.folder}`).href };
}

async function readBody(req: HttpRequest): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new LambdaError('RequestTooLargeException', `Request must be smaller than ${MAX_BODY} bytes`, 413);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function parseJson(body: Buffer, what: string): any {
  if (body.length === 0) return {};
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (err) {
    throw new LambdaError('InvalidRequestContentException', `Could not parse ${what} into json: ${(err as Error).message}`, 400);
  }
}

function sendJson(res: HttpResponse, status: number, value: unknown): void {
  const text = value === undefined ? '' : JSON.stringify(value);
  res.statusCode = status;
  if (text) res.setHeader('Content-Type', 'application/json');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}

export function createLambdaEndpoint(functions: Functions, logError: (message: string, err: unknown) => void = console.error): RestService {
  async function invoke(req: HttpRequest, res: HttpResponse, name: string, body: Buffer): Promise<void> {
    if (body.length > MAX_INVOKE_PAYLOAD) {
      throw new LambdaError('RequestTooLargeException', `Request must be smaller than ${MAX_INVOKE_PAYLOAD} bytes for the InvokeFunction operation`, 413);
    }
    const event = body.length === 0 ? {} : parseJson(body, 'request body');
    const type = String(req.headers['x-amz-invocation-type'] ?? 'RequestResponse');
    const clientContextHeader = req.headers['x-amz-client-context'];
    let clientContext: unknown;
    if (typeof clientContextHeader === 'string') {
      try {
        clientContext = JSON.parse(Buffer.from(clientContextHeader, 'base64').toString('utf8'));
      } catch {
        throw new LambdaError('InvalidRequestContentException', 'Client context must be a valid Base64-encoded JSON object.', 400);
      }
    }
    if (type === 'DryRun') {
      await functions.get(name);
      return sendJson(res, 204, undefined);
    }
    if (type === 'Event') {
      await functions.get(name);
      functions.invoke(name, event, { clientContext }).catch((err) => logError(`asynchronous invocation of ${name} failed:`, err));
      res.setHeader('x-amzn-RequestId', randomUUID());
      return sendJson(res, 202, undefined);
    }
    if (type !== 'RequestResponse') {
      throw new LambdaError('InvalidParameterValueException', `Unsupported invocation type: ${type}`, 400);
    }
    const result = await functions.invoke(name, event, { clientContext });
    res.setHeader('x-amzn-RequestId', result.requestId);
    res.setHeader('X-Amz-Executed-Version', result.executedVersion);
    if (result.functionError) res.setHeader('X-Amz-Function-Error', result.functionError);
    if (req.headers['x-amz-log-type'] === 'Tail') {
      const logs = Buffer.from(result.logs, 'utf8');
      res.setHeader('X-Amz-Log-Result', logs.subarray(Math.max(0, logs.length - TAIL_BYTES)).toString('base64'));
    }
    res.statusCode = 200;
    res.setHeader('Content-Type', 'application/json');
    res.setHeader('Content-Length', Buffer.byteLength(result.payload));
    res.end(result.payload);
  }

  async function route(req: HttpRequest, res: HttpResponse, ctx: RestContext): Promise<void> {
    // Bodies are small JSON documents (a zip is at most 50 MB): read whole, so the signature can cover them.
    const body = await readBody(req);
    try {
      ctx.verify(createHash('sha256').update(body).digest('hex'));
    } catch (err) {
      if (!(err instanceof RestAuthFailure)) throw err;
      const [type, message] = AUTH_ERRORS[err.kind];
      throw new LambdaError(type, message, 403);
    }
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    const query = new URLSearchParams(q === -1 ? '' : url.slice(q + 1));
    const method = req.method ?? 'GET';
    const rest = path.startsWith(PREFIX) ? path.slice(PREFIX.length).replace(/^\/+|\/+$/g, '') : undefined;
    if (rest === undefined) throw new LambdaError('UnknownOperationException', 'Unknown operation', 404);
    const [rawName, action, extra] = rest.split('/');
    const name = rawName ? decodeURIComponent(rawName) : '';
    if (extra !== undefined) throw new LambdaError('UnknownOperationException', 'Unknown operation', 404);

    if (!name) {
      if (method === 'POST') {
        const def = await functions.create(parseJson(body, 'request body'), ctx);
        return sendJson(res, 201, configuration(def));
      }
      if (method === 'GET') {
        const all = await functions.list();
        const marker = query.get('Marker');
        const max = Math.min(Number(query.get('MaxItems') ?? 50) || 50, 50);
        const start = marker ? Number(Buffer.from(marker, 'base64url').toString()) || 0 : 0;
        const page = all.slice(start, start + max);
        const next = start + max < all.length ? Buffer.from(String(start + max)).toString('base64url') : undefined;
        return sendJson(res, 200, { Functions: page.map(configuration), NextMarker: next });
      }
    } else if (action === undefined) {
      if (method === 'GET') {
        const def = await functions.get(name);
        return sendJson(res, 200, { Configuration: configuration(def), Code: codeLocation(def), Tags: Object.keys(def.Tags).length ? def.Tags : undefined });
      }
      if (method === 'DELETE') {
        await functions.delete(name);
        return sendJson(res, 204, undefined);
      }
    } else if (action === 'configuration' && method === 'GET') {
      return sendJson(res, 200, configuration(await functions.get(name)));
    } else if (action === 'configuration' && method === 'PUT') {
      return sendJson(res, 200, configuration(await functions.updateConfiguration(name, parseJson(body, 'request body'))));
    } else if (action === 'code' && method === 'PUT') {
      const input = parseJson(body, 'request body');
      const def = await functions.updateCode(name, input);
      return sendJson(res, 200, configuration(def));
    } else if (action === 'invocations' && method === 'POST') {
      return invoke(req, res, name, body);
    }
    throw new LambdaError('UnknownOperationException', 'Unknown operation', 404);
  }

  return {
    signingName: 'lambda',
    claimsUnsigned: (_method, path) => path === PREFIX || path.startsWith(`${PREFIX}/`),
    async handle(req, res, ctx) {
      try {
        await route(req, res, ctx);
      } catch (err) {
        if (res.headersSent) return void res.end();
        const known = err instanceof LambdaError ? err : undefined;
        if (!known) logError(`Lambda ${req.method} ${req.url} failed:`, err);
        const type = known?.type ?? 'ServiceException';
        res.setHeader('x-amzn-RequestId', randomUUID());
        res.setHeader('x-amzn-ErrorType', type);
        sendJson(res, known?.status ?? 500, { Type: known ? 'User' : 'Service', message: known?.message ?? 'An internal error occurred.' });
      }
    },
  };
}
