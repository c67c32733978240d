/**
 * The process a function's handler runs in, apart from the server: it loads the handler module on the first
 * invocation and then answers `invoke` messages over IPC, one at a time. Console output goes back over the same
 * channel (so it stays in order with the result) in the Node.js runtime's format:
 * `<ISO time>\t<request id>\t<LEVEL>\t<message>`.
 *
 * Started with `LAMBDA_TASK_ROOT` (the code folder, also the cwd) and `_HANDLER` (`path/module.export`).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';

interface InvokeMessage {
  type: 'invoke';
  requestId: string;
  event: unknown;
  context: Record<string, unknown>;
  deadlineMs: number;
}

export interface HandlerError {
  errorType: string;
  errorMessage: string;
  trace?: string[];
}

let currentRequestId = '';
const send = (message: unknown): void => void process.send!(message);

function log(level: string, args: unknown[]): void {
  send({ type: 'log', text: `${new Date().toISOString()}\t${currentRequestId}\t${level}\t${format(...args)}\n` });
}
console.log = (...args: unknown[]) => log('INFO', args);
console.info = (...args: unknown[]) => log('INFO', args);
console.warn = (...args: unknown[]) => log('WARN', args);
console.error = (...args: unknown[]) => log('ERROR', args);
console.debug = (...args: unknown[]) => log('DEBUG', args);
console.trace = (...args: unknown[]) => log('TRACE', args);
for (const stream of [process.stdout, process.stderr]) {
  stream.write = ((chunk: unknown) => {
    send({ type: 'log', text: String(chunk) });
    return true;
  }) as typeof stream.write;
}

function toHandlerError(err: unknown, type?: string): HandlerError {
  if (err instanceof Error) {
    return { errorType: type ?? err.name ?? 'Error', errorMessage: type ? `${err.name}: ${err.message}` : err.message, trace: (err.stack ?? '').split('\n') };
  }
  return { errorType: type ?? 'Error', errorMessage: typeof err === 'string' ? err : JSON.stringify(err) ?? String(err) };
}

class RuntimeError extends Error {
  constructor(
    readonly errorType: string,
    message: string,
  ) {
    super(message);
  }
}

type Handler = (event: unknown, context: unknown, callback?: (err: unknown, result?: unknown) => void) => unknown;
let loaded: Promise<Handler> | undefined;

async function loadHandler(): Promise<Handler> {
  const root = process.env.LAMBDA_TASK_ROOT!;
  const spec = process.env._HANDLER ?? 'index.handler';
  const dot = spec.lastIndexOf('.');
  const modulePath = dot === -1 ? spec : spec.slice(0, dot);
  const exportName = dot === -1 ? 'handler' : spec.slice(dot + 1);
  const file = ['.js', '.mjs', '.cjs'].map((ext) => join(root, modulePath + ext)).find((f) => existsSync(f));
  if (!file) throw new RuntimeError('Runtime.ImportModuleError', `Error: Cannot find module '${modulePath}'`);
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (err) {
    throw new RuntimeError('Runtime.UserCodeSyntaxError', String(err));
  }
  const fn = mod[exportName] ?? (mod.default as Record<string, unknown> | undefined)?.[exportName];
  if (typeof fn !== 'function') throw new RuntimeError('Runtime.HandlerNotFound', `${modulePath}.${exportName} is undefined or not exported`);
  return fn as Handler;
}

async function invoke(message: InvokeMessage): Promise<unknown> {
  const handler = await (loaded ??= loadHandler());
  const context = {
    ...message.context,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, message.deadlineMs - Date.now()),
    done: undefined,
  };
  return new Promise((resolve, reject) => {
    const callback = (err: unknown, result?: unknown): void => (err ? reject(err) : resolve(result));
    try {
      const returned = handler(message.event, context, callback);
      // Async handlers answer with their promise; callback-style ones (three parameters) through the callback.
      if (returned && typeof (returned as Promise<unknown>).then === 'function') (returned as Promise<unknown>).then(resolve, reject);
      else if (handler.length < 3) resolve(returned);
    } catch (err) {
      reject(err);
    }
  });
}

process.on('message', (message: InvokeMessage) => {
  if (message.type !== 'invoke') return;
  currentRequestId = message.requestId;
  invoke(message).then(
    (result) => {
      let payload: string;
      try {
        payload = JSON.stringify(result === undefined ? null : result);
      } catch (err) {
        return send({ type: 'result', requestId: message.requestId, error: toHandlerError(err, 'Runtime.MarshalError') });
      }
      send({ type: 'result', requestId: message.requestId, payload });
    },
    (err) =>
      send({
        type: 'result',
        requestId: message.requestId,
        error: err instanceof RuntimeError ? { errorType: err.errorType, errorMessage: err.message } : toHandlerError(err),
      }),
  );
});
process.on('uncaughtException', (err) => {
  send({ type: 'result', requestId: currentRequestId, error: toHandlerError(err) });
});
send({ type: 'ready' });
