/**
 * Runs the `freshet` command line as a child process (`node --import tsx src/cli/main.ts …`), the way users run
 * it, with dummy AWS credentials and no AWS config files, and collects its exit code and output.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { TEST_CREDENTIALS, TEST_REGION } from '../helpers/freshet.js';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');

const { FORCE_COLOR: _forced, ...inherited } = process.env;

export const CLI_ENV: NodeJS.ProcessEnv = {
  ...inherited,
  NODE_OPTIONS: '',
  AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
  AWS_REGION: TEST_REGION,
  AWS_CONFIG_FILE: '/dev/null',
  AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_ENDPOINT_URL: '',
  AWS_ENDPOINT_URL_KINESIS: '',
  NO_COLOR: '1',
};

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  json<T = any>(): T;
  /** stdout as JSON lines. */
  lines<T = any>(): T[];
}

export interface CliOptions {
  stdin?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

export function cli(args: string[], opts: CliOptions = {}): Promise<CliResult> {
  return new Promise((res, rej) => {
    const child = spawnCli(args, opts);
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr!.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      rej(new Error(`freshet ${args.join(' ')} did not finish in time:\n${stdout}\n${stderr}`));
    }, opts.timeoutMs ?? 60_000);
    child.on('error', rej);
    child.on('close', (code) => {
      clearTimeout(timer);
      res(result(code, stdout, stderr));
    });
    child.stdin!.end(opts.stdin ?? '');
  });
}

/** Starts the CLI and leaves it running (e.g. `tail`); the caller kills it. */
export function spawnCli(args: string[], opts: CliOptions = {}): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: REPO_ROOT,
    env: { ...CLI_ENV, ...opts.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

function result(code: number | null, stdout: string, stderr: string): CliResult {
  return {
    code,
    stdout,
    stderr,
    json() {
      try {
        return JSON.parse(stdout);
      } catch {
        throw new Error(`expected JSON on stdout, got:\n${stdout}\nstderr:\n${stderr}`);
      }
    },
    lines() {
      return stdout
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l));
    },
  };
}

/** Asserts a failed run: exit code 1 and exactly one line on stderr, which is returned. */
export function oneLineError(r: CliResult): string {
  if (r.code === 0) throw new Error(`expected a failure, got exit 0:\n${r.stdout}`);
  const lines = r.stderr.split('\n').filter((l) => l.trim() !== '');
  if (lines.length !== 1) throw new Error(`expected one line on stderr, got ${lines.length}:\n${r.stderr}`);
  return lines[0]!;
}
