/**
 * Shared helpers for integration tests: a Freshet server in-process (`startTestServer`) or as a child process
 * (`spawnServer`, for crash/restart tests), and runners for boto3 and the AWS CLI with dummy credentials.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { KinesisClient, type KinesisClientConfig } from '@aws-sdk/client-kinesis';
import { startFreshet, type FreshetConfig, type RunningFreshet } from '../../src/app.js';

export const TEST_REGION = 'us-east-1';
export const TEST_CREDENTIALS = { accessKeyId: 'AKIDFRESHETTEST', secretAccessKey: 'freshet-test-secret' };

const REPO_ROOT = resolve(import.meta.dirname, '../..');

export interface TestServerOptions extends Partial<FreshetConfig> {
  /** Keep the data dir after stop() (e.g. to restart on it). Default: removed. */
  keepDataDir?: boolean;
}

export interface TestServer {
  endpoint: string;
  port: number;
  dataDir: string;
  /** The full running instance (tlsEndpoint, addRoute…). */
  freshet: RunningFreshet;
  /** A Kinesis client for this server: SDK default handler (HTTP/2), dummy credentials, us-east-1. */
  kinesis(config?: Partial<KinesisClientConfig>): KinesisClient;
  stop(): Promise<void>;
}

/**
 * Starts Freshet in this process on a random port with a fresh temporary data dir and short state delays
 * (CREATING/DELETING/UPDATING last 20 ms unless overridden).
 */
export async function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  const { keepDataDir, ...overrides } = opts;
  const dataDir = overrides.dataDir ?? (await mkdtemp(join(tmpdir(), 'freshet-test-')));
  const freshet = await startFreshet({
    host: '127.0.0.1',
    port: 0,
    createStreamMs: 20,
    deleteStreamMs: 20,
    updateStreamMs: 20,
    ...overrides,
    dataDir,
  });
  const clients: KinesisClient[] = [];
  return {
    endpoint: freshet.endpoint,
    port: freshet.port,
    dataDir,
    freshet,
    kinesis(config = {}) {
      const client = new KinesisClient({
        endpoint: freshet.endpoint,
        region: TEST_REGION,
        credentials: TEST_CREDENTIALS,
        maxAttempts: 1,
        ...config,
      });
      clients.push(client);
      return client;
    },
    async stop() {
      for (const c of clients) c.destroy();
      await freshet.close();
      if (!keepDataDir && !overrides.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface SpawnedServer {
  endpoint: string;
  port: number;
  dataDir: string;
  process: ChildProcess;
  /** Everything the process printed so far. */
  output(): string;
  /** SIGKILL: a crash, nothing flushed. Resolves once the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM: a clean shutdown. Resolves with the exit code. */
  stop(): Promise<number | null>;
  /** Starts a new process on the same data dir (and the same extra args). */
  restart(): Promise<SpawnedServer>;
  /** SIGKILL and remove the data dir (when spawnServer created it, for this handle and its restarts). */
  dispose(): Promise<void>;
}

export interface SpawnOptions {
  /** Reuse a data dir (e.g. after a crash); default: a fresh temporary one. */
  dataDir?: string;
  /** How long to wait for the banner (default 20 s). */
  readyTimeoutMs?: number;
  /** Internal: the temporary data dir belongs to this family of handles. */
  ownsDataDir?: boolean;
}

/**
 * Runs `node --import tsx src/cli/main.ts serve --port 0 --data-dir <dir> …args` and resolves once it prints its
 * endpoint. Dispose of it (or kill it) in an `after` hook.
 */
export async function spawnServer(args: string[] = [], opts: SpawnOptions = {}): Promise<SpawnedServer> {
  const createdDir = opts.dataDir === undefined;
  const ownDir = createdDir || opts.ownsDataDir === true;
  const dataDir = opts.dataDir ?? (await mkdtemp(join(tmpdir(), 'freshet-spawn-')));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', '0', '--data-dir', dataDir, ...args],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } },
  );
  let out = '';
  child.stdout!.setEncoding('utf8');
  child.stderr!.setEncoding('utf8');
  const exited = new Promise<number | null>((res) => child.once('exit', (code) => res(code)));

  const endpoint = await new Promise<string>((res, rej) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      rej(new Error(`freshet serve did not start within ${opts.readyTimeoutMs ?? 20000} ms:\n${out}`));
    }, opts.readyTimeoutMs ?? 20000);
    const onData = (chunk: string): void => {
      out += chunk;
      const m = /Kinesis endpoint:\s+(http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        res(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: string) => (out += chunk));
    child.once('exit', (code) => {
      clearTimeout(timer);
      rej(new Error(`freshet serve exited with ${code} before it was ready:\n${out}`));
    });
  }).catch(async (err: unknown) => {
    if (createdDir) await rm(dataDir, { recursive: true, force: true }); // never a restart's data
    throw err;
  });

  const handle: SpawnedServer = {
    endpoint,
    port: Number(new URL(endpoint).port),
    dataDir,
    process: child,
    output: () => out,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
    restart: () => spawnServer(args, { ...opts, dataDir, ownsDataDir: ownDir }),
    async dispose() {
      await handle.kill();
      if (ownDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
  return handle;
}

export interface RunResult {
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON (throws with the raw text when it is not). */
  json<T = any>(): T;
}

const DUMMY_ENV = {
  AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
  AWS_DEFAULT_REGION: TEST_REGION,
  AWS_REGION: TEST_REGION,
  AWS_CONFIG_FILE: '/dev/null',
  AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_PAGER: '',
};

function run(cmd: string, args: string[], missing: string): Promise<RunResult> {
  return new Promise((res, rej) => {
    execFile(
      cmd,
      args,
      { env: { ...process.env, ...DUMMY_ENV }, maxBuffer: 256 * 1024 * 1024, timeout: 120_000 },
      (err, stdout, stderr) => {
        if (err && (err as NodeJS.ErrnoException).code === 'ENOENT') return rej(new Error(missing));
        if (err) {
          const e = new Error(`${cmd} failed (exit ${err.code}):\n${stderr}${stdout}`) as Error & RunResult;
          Object.assign(e, toResult(stdout, stderr));
          return rej(e);
        }
        res(toResult(stdout, stderr));
      },
    );
  });
}

function toResult(stdout: string, stderr: string): RunResult {
  return {
    stdout,
    stderr,
    json() {
      try {
        return JSON.parse(stdout);
      } catch {
        throw new Error(`expected JSON on stdout, got:\n${stdout}\nstderr:\n${stderr}`);
      }
    },
  };
}

let boto3Checked: Promise<void> | undefined;

/**
 * Runs Python code with `kinesis` bound to a boto3 client for `endpoint` (dummy credentials, us-east-1); `json`,
 * `sys` and `base64` are imported. Print what the test should see (e.g. `print(json.dumps(r, default=str))`).
 */
export async function boto3(endpoint: string, code: string): Promise<RunResult> {
  boto3Checked ??= run('python3', ['-c', 'import boto3'], 'python3 is not installed (needed for the boto3 tests)').then(
    () => undefined,
    (err: Error) => {
      throw new Error(`boto3 is not available: install it (pip install boto3, or apt-get install python3-boto3).\n${err.message}`);
    },
  );
  await boto3Checked;
  const prelude = [
    'import base64, json, sys, boto3',
    'from botocore.config import Config',
    `kinesis = boto3.client('kinesis', endpoint_url=${JSON.stringify(endpoint)}, region_name=${JSON.stringify(TEST_REGION)},`,
    `    aws_access_key_id=${JSON.stringify(TEST_CREDENTIALS.accessKeyId)}, aws_secret_access_key=${JSON.stringify(TEST_CREDENTIALS.secretAccessKey)},`,
    `    config=Config(retries={'max_attempts': 1}))`,
  ].join('\n');
  return run('python3', ['-c', `${prelude}\n${code}`], 'python3 is not installed (needed for the boto3 tests)');
}

/** Runs `aws --endpoint-url <endpoint> --output json <args…>` with dummy credentials and us-east-1. */
export function awsCli(endpoint: string, args: string[]): Promise<RunResult> {
  return run(
    'aws',
    ['--endpoint-url', endpoint, '--output', 'json', ...args],
    'the aws CLI is not installed (pip install awscli, or apt-get install awscli)',
  );
}
