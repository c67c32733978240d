/**
 * `createFunctions(options)`: Freshet's Lambda functions. A function is a name with settings (handler, timeout,
 * environment…) and code (code-package.ts); definitions persist in `<dataDir>/lambda/functions/<name>.json`,
 * unpacked zips in `<dataDir>/lambda/code/<name>/`. Invocations run in child processes (handler-processes.ts) or,
 * for URL functions, as an HTTP POST.
 *
 * In-process callers (Firehose transforms, Kinesis Analytics outputs and pre-processing) use `invokeFunction`.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeJsonAtomically } from '../s3/atomic-files.js';
import type { ObjectStore } from '../s3/object-store.js';
import { prepareCode, type CodeInput, type CodeSource } from './code-package.js';
import { functionNotFound, invalidParameter, LambdaError } from './errors.js';
import { HandlerPool, type InvocationOutcome } from './handler-processes.js';
import { invokeUrl } from './url-functions.js';

export interface FunctionDefinition {
  FunctionName: string;
  FunctionArn: string;
  Runtime?: string;
  Role: string;
  Handler: string;
  Description: string;
  Timeout: number;
  MemorySize: number;
  Environment: Record<string, string>;
  PackageType: 'Zip' | 'Image';
  CodeSize: number;
  CodeSha256: string;
  LastModified: string;
  RevisionId: string;
  Tags: Record<string, string>;
  source: CodeSource;
}

export interface CreateFunctionInput {
  FunctionName: string;
  Role?: string;
  Runtime?: string;
  Handler?: string;
  Description?: string;
  Timeout?: number;
  MemorySize?: number;
  Environment?: { Variables?: Record<string, string> };
  Code: CodeInput;
  PackageType?: string;
  Tags?: Record<string, string>;
}

export interface InvokeResult extends InvocationOutcome {
  requestId: string;
  executedVersion: string;
}

export interface Functions {
  create(input: CreateFunctionInput, where: { region: string; accountId: string }): Promise<FunctionDefinition>;
  get(nameOrArn: string): Promise<FunctionDefinition>;
  list(): Promise<FunctionDefinition[]>;
  delete(nameOrArn: string): Promise<void>;
  updateCode(nameOrArn: string, code: CodeInput): Promise<FunctionDefinition>;
  /** Handler, Timeout, MemorySize, Description, Role, Runtime, Environment; running processes are replaced. */
  updateConfiguration(nameOrArn: string, changes: Partial<Omit<CreateFunctionInput, 'Code' | 'FunctionName' | 'Tags'>>): Promise<FunctionDefinition>;
  /**
   * Runs a function with `event` (any JSON value) and waits for its answer. `nameOrArn` is a function name, a
   * function ARN (`arn:aws:lambda:<region>:<account>:function:<name>[:qualifier]`; Freshet looks functions up by
   * name), or an http(s) URL, invoked directly. Handler failures are not thrown: they come back with
   * `functionError` set and the error document as `payload`. Throws ResourceNotFoundException for unknown names.
   */
  invoke(nameOrArn: string, event: unknown, options?: { clientContext?: unknown }): Promise<InvokeResult>;
  /** Like invoke, with the payload parsed: what other services call. */
  invokeFunction(nameOrArn: string, event: unknown): Promise<{ payload: unknown; functionError?: string; logs: string }>;
  /** Stops every handler process. */
  close(): Promise<void>;
}

export interface FunctionsOptions {
  dataDir: string;
  /** For S3Bucket/S3Key code locations. */
  objectStore?: ObjectStore;
  defaultRegion?: string;
  defaultAccountId?: string;
}

const NAME = /^[a-zA-Z0-9-_]{1,64}$/;
const ARN = /^arn:aws[a-zA-Z-]*:lambda:([a-z0-9-]+):(\d{12}):function:([a-zA-Z0-9-_]+)(?::(\$LATEST|[a-zA-Z0-9-_]+))?$/;
const PARTIAL_ARN = /^(\d{12}):function:([a-zA-Z0-9-_]+)(?::(\$LATEST|[a-zA-Z0-9-_]+))?$/;

/** The function name in a name, a full ARN or a partial one (`123456789012:function:name`); `name:qualifier` too. */
export function functionName(nameOrArn: string): string {
  const arn = ARN.exec(nameOrArn) ?? PARTIAL_ARN.exec(nameOrArn);
  if (arn) return arn.length === 5 ? arn[3]! : arn[2]!;
  const name = nameOrArn.split(':', 1)[0]!;
  if (!NAME.test(name)) {
    throw new LambdaError(
      'ValidationException',
      `1 validation error detected: Value '${nameOrArn}' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?`,
      400,
    );
  }
  return name;
}

/** Handlers run on this Node.js: a function for another runtime would only fail at its first invocation. */
function checkRuntime(runtime: string | undefined): string | undefined {
  if (runtime !== undefined && !runtime.startsWith('nodejs')) {
    throw invalidParameter(`The runtime parameter of ${runtime} is not supported here: Freshet runs nodejs runtimes (or HTTP functions).`);
  }
  return runtime;
}

function checkTimeout(timeout: number): number {
  if (!Number.isInteger(timeout) || timeout < 1 || timeout > 900) {
    throw new LambdaError(
      'ValidationException',
      `1 validation error detected: Value '${timeout}' at 'timeout' failed to satisfy constraint: Member must have value less than or equal to 900`,
      400,
    );
  }
  return timeout;
}

/** Lambda's LastModified: `2026-11-22T02:30:00.000+0000`. */
const lambdaTime = (d: Date): string => d.toISOString().replace('Z', '+0000');

export function createFunctions(options: FunctionsOptions): Functions {
  const root = join(options.dataDir, 'lambda');
  const definitionFile = (name: string): string => join(root, 'functions', `${name}.json`);
  const codeFolder = (name: string): string => join(root, 'code', name);
  /** Warm processes by function, for the definition revision they were started with. */
  const pools = new Map<string, { pool: HandlerPool; revision: string }>();
  /** Definitions change one at a time per name: creates, updates and deletes are serialised. */
  let writes: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = writes.then(fn, fn);
    writes = next.catch(() => undefined);
    return next;
  };

  async function load(name: string): Promise<FunctionDefinition | undefined> {
    try {
      return JSON.parse(await readFile(definitionFile(name), 'utf8')) as FunctionDefinition;
    } catch {
      return undefined;
    }
  }

  async function get(nameOrArn: string): Promise<FunctionDefinition> {
    const name = functionName(nameOrArn);
    const def = await load(name);
    if (!def) {
      const arn = ARN.test(nameOrArn) ? nameOrArn : `arn:aws:lambda:${options.defaultRegion ?? 'us-east-1'}:${options.defaultAccountId ?? '000000000000'}:function:${name}`;
      throw functionNotFound(arn);
    }
    return def;
  }

  function dropPool(name: string): void {
    pools.get(name)?.pool.close();
    pools.delete(name);
  }

  function poolFor(def: FunctionDefinition): HandlerPool {
    const current = pools.get(def.FunctionName);
    if (current?.revision === def.RevisionId) return current.pool;
    current?.pool.close();
    const pool = new HandlerPool({
      root: (def.source as { folder: string }).folder,
      handler: def.Handler,
      timeoutSeconds: def.Timeout,
      env: {
        ...def.Environment,
        AWS_LAMBDA_FUNCTION_NAME: def.FunctionName,
        AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(def.MemorySize),
        AWS_REGION: def.FunctionArn.split(':')[3]!,
        AWS_DEFAULT_REGION: def.FunctionArn.split(':')[3]!,
      },
    });
    pools.set(def.FunctionName, { pool, revision: def.RevisionId });
    return pool;
  }

  const functions: Functions = {
    create(input, where) {
      return serial(async () => {
        if (typeof input?.FunctionName !== 'string') throw invalidParameter('FunctionName is required');
        const name = functionName(input.FunctionName);
        if (await load(name)) throw new LambdaError('ResourceConflictException', `Function already exist: ${name}`, 409);
        const timeout = checkTimeout(input.Timeout ?? 3);
        checkRuntime(input.Runtime);
        const memory = input.MemorySize ?? 128;
        const code = await prepareCode(input.Code, codeFolder(name), root, options.objectStore);
        if (code.source.kind === 'zip' && !input.Handler) throw invalidParameter('Handler is required for zip packages');
        const def: FunctionDefinition = {
          FunctionName: name,
          FunctionArn: `arn:aws:lambda:${where.region}:${where.accountId}:function:${name}`,
          Runtime: input.Runtime ?? (code.source.kind === 'zip' ? 'nodejs20.x' : undefined),
          Role: input.Role ?? `arn:aws:iam::${where.accountId}:role/lambda-role`,
          Handler: input.Handler ?? 'index.handler',
          Description: input.Description ?? '',
          Timeout: timeout,
          MemorySize: memory,
          Environment: input.Environment?.Variables ?? {},
          PackageType: code.source.kind === 'zip' ? 'Zip' : 'Image',
          CodeSize: code.codeSize,
          CodeSha256: code.codeSha256,
          LastModified: lambdaTime(new Date()),
          RevisionId: randomUUID(),
          Tags: input.Tags ?? {},
          source: code.source,
        };
        await writeJsonAtomically(root, definitionFile(name), def);
        return def;
      });
    },
    get,
    async list() {
      let names: string[];
      try {
        names = (await readdir(join(root, 'functions'))).filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -5));
      } catch {
        return [];
      }
      const defs = await Promise.all(names.sort().map(load));
      return defs.filter((d): d is FunctionDefinition => d !== undefined);
    },
    delete(nameOrArn) {
      return serial(async () => {
        const def = await get(nameOrArn);
        dropPool(def.FunctionName);
        await rm(definitionFile(def.FunctionName), { force: true });
        await rm(codeFolder(def.FunctionName), { recursive: true, force: true });
      });
    },
    updateCode(nameOrArn, codeInput) {
      return serial(async () => {
        const def = await get(nameOrArn);
        const code = await prepareCode(codeInput, codeFolder(def.FunctionName), root, options.objectStore);
        const updated: FunctionDefinition = {
          ...def,
          PackageType: code.source.kind === 'zip' ? 'Zip' : 'Image',
          CodeSize: code.codeSize,
          CodeSha256: code.codeSha256,
          LastModified: lambdaTime(new Date()),
          RevisionId: randomUUID(),
          source: code.source,
        };
        await writeJsonAtomically(root, definitionFile(def.FunctionName), updated);
        dropPool(def.FunctionName);
        return updated;
      });
    },
    updateConfiguration(nameOrArn, changes) {
      return serial(async () => {
        const def = await get(nameOrArn);
        const updated: FunctionDefinition = {
          ...def,
          Handler: changes.Handler ?? def.Handler,
          Timeout: changes.Timeout !== undefined ? checkTimeout(changes.Timeout) : def.Timeout,
          MemorySize: changes.MemorySize ?? def.MemorySize,
          Description: changes.Description ?? def.Description,
          Role: changes.Role ?? def.Role,
          Runtime: checkRuntime(changes.Runtime) ?? def.Runtime,
          Environment: changes.Environment ? (changes.Environment.Variables ?? {}) : def.Environment,
          LastModified: lambdaTime(new Date()),
          RevisionId: randomUUID(),
        };
        await writeJsonAtomically(root, definitionFile(def.FunctionName), updated);
        dropPool(def.FunctionName);
        return updated;
      });
    },
    async invoke(nameOrArn, event, invokeOptions = {}) {
      const requestId = randomUUID();
      if (/^https?:\/\//.test(nameOrArn)) {
        return { requestId, executedVersion: '$LATEST', ...(await invokeUrl(nameOrArn, event, 3, requestId)) };
      }
      const def = await get(nameOrArn);
      const started = Date.now();
      let outcome: InvocationOutcome;
      if (def.source.kind === 'url') outcome = await invokeUrl(def.source.url, event, def.Timeout, requestId);
      else {
        await mkdir(def.source.folder, { recursive: true });
        outcome = await poolFor(def).invoke(requestId, event, {
          functionName: def.FunctionName,
          functionVersion: '$LATEST',
          invokedFunctionArn: def.FunctionArn,
          memoryLimitInMB: String(def.MemorySize),
          awsRequestId: requestId,
          logGroupName: `/aws/lambda/${def.FunctionName}`,
          logStreamName: `${new Date().toISOString().slice(0, 10).replace(/-/g, '/')}/[$LATEST]${requestId.replace(/-/g, '')}`,
          clientContext: invokeOptions.clientContext,
        });
      }
      const duration = Date.now() - started;
      const logs =
        `START RequestId: ${requestId} Version: $LATEST\n${outcome.logs}END RequestId: ${requestId}\n` +
        `REPORT RequestId: ${requestId}\tDuration: ${duration.toFixed(2)} ms\tBilled Duration: ${Math.max(1, duration)} ms\tMemory Size: ${def.MemorySize} MB\tMax Memory Used: ${def.MemorySize} MB\t\n`;
      return { ...outcome, logs, requestId, executedVersion: '$LATEST' };
    },
    async invokeFunction(nameOrArn, event) {
      const result = await functions.invoke(nameOrArn, event);
      let payload: unknown;
      try {
        payload = JSON.parse(result.payload);
      } catch {
        payload = result.payload;
      }
      return { payload, functionError: result.functionError, logs: result.logs };
    },
    async close() {
      for (const name of [...pools.keys()]) dropPool(name);
    },
  };
  return functions;
}
