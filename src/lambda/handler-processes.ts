/**
 * Runs a function's handler in child processes (handler-runner.ts), isolated from the server: a process is kept
 * warm between invocations (like a Lambda execution environment) and runs one invocation at a time; concurrent
 * invocations start more, up to a limit, then queue. A process that exceeds the timeout, or dies, is killed and
 * replaced on the next invocation.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { HandlerError } from './handler-runner.js';

export interface HandlerSetup {
  /** The code folder (cwd, LAMBDA_TASK_ROOT). */
  root: string;
  /** `module.export`, e.g. `index.handler`. */
  handler: string;
  timeoutSeconds: number;
  env: Record<string, string>;
}

export interface InvocationOutcome {
  /** The JSON the handler returned, or the error document. */
  payload: string;
  /** Set when the invocation failed (`Unhandled`). */
  functionError?: 'Unhandled';
  /** What the handler printed, in the runtime's format. */
  logs: string;
}

const MAX_PROCESSES_PER_FUNCTION = 4;
/** Lambda gives a runtime 10 s to start, apart from the function's timeout. */
const INIT_TIMEOUT_MS = 10_000;

/** The runner as it ships (compiled .js) or, when Freshet runs from its sources, the .ts file through tsx. */
function runnerEntry(): { file: string; execArgv: string[] } {
  const js = fileURLToPath(new URL('./handler-runner.js', import.meta.url));
  if (existsSync(js)) return { file: js, execArgv: [] };
  // Resolved here, not in the child: the child's cwd is the function's folder, where tsx is nowhere to be found.
  return { file: fileURLToPath(new URL('./handler-runner.ts', import.meta.url)), execArgv: ['--import', import.meta.resolve('tsx')] };
}

/** The environment a handler sees: a few of the server's basics and the function's own variables. */
function handlerEnv(setup: HandlerSetup): NodeJS.ProcessEnv {
  const basics = Object.fromEntries(['PATH', 'HOME', 'LANG', 'TZ', 'TMPDIR'].filter((k) => process.env[k] !== undefined).map((k) => [k, process.env[k]!]));
  return { ...basics, ...setup.env, LAMBDA_TASK_ROOT: setup.root, _HANDLER: setup.handler };
}

interface Pending {
  resolve(outcome: InvocationOutcome): void;
  requestId: string;
  logs: string;
  timer: NodeJS.Timeout;
}

class HandlerProcess {
  readonly child: ChildProcess;
  pending: Pending | undefined;
  dead = false;
  /** Resolves once the runner has started (true) or died first (false): the timeout counts from there, as Lambda's excludes the init phase. */
  readonly started: Promise<boolean>;
  private markStarted!: (ok: boolean) => void;

  constructor(
    setup: HandlerSetup,
    private readonly onExit: (p: HandlerProcess) => void,
  ) {
    this.started = new Promise((resolve) => (this.markStarted = resolve));
    const entry = runnerEntry();
    this.child = fork(entry.file, [], {
      cwd: setup.root,
      env: handlerEnv(setup),
      execArgv: entry.execArgv,
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
      serialization: 'advanced',
    });
    this.child.on('message', (m: { type: string; text?: string; requestId?: string; payload?: string; error?: HandlerError }) => {
      if (m.type === 'ready') return this.markStarted(true);
      const p = this.pending;
      if (!p) return;
      if (m.type === 'log') p.logs += m.text ?? '';
      else if (m.type === 'result') {
        if (m.error) this.finish({ payload: JSON.stringify(m.error), functionError: 'Unhandled', logs: p.logs });
        else this.finish({ payload: m.payload ?? 'null', logs: p.logs });
      }
    });
    this.child.once('exit', (code, signal) => {
      this.dead = true;
      this.markStarted(false);
      const p = this.pending;
      if (p) {
        const status = signal ? `signal: ${signal.toLowerCase()}` : `exit status ${code}`;
        this.finish({
          payload: JSON.stringify({ errorType: 'Runtime.ExitError', errorMessage: `RequestId: ${p.requestId} Error: Runtime exited with error: ${status}` }),
          functionError: 'Unhandled',
          logs: p.logs,
        });
      }
      onExit(this);
    });
    this.child.on('error', () => undefined);
  }

  async run(requestId: string, event: unknown, context: Record<string, unknown>, timeoutSeconds: number): Promise<InvocationOutcome> {
    const initTimer = setTimeout(() => this.kill(), INIT_TIMEOUT_MS);
    const started = await this.started;
    clearTimeout(initTimer);
    if (!started) {
      return {
        payload: JSON.stringify({ errorType: 'Runtime.ExitError', errorMessage: `RequestId: ${requestId} Error: Runtime exited before it started` }),
        functionError: 'Unhandled',
        logs: '',
      };
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        const p = this.pending;
        if (!p) return;
        this.finish({
          payload: JSON.stringify({
            errorType: 'Sandbox.Timedout',
            errorMessage: `RequestId: ${requestId} Error: Task timed out after ${timeoutSeconds.toFixed(2)} seconds`,
          }),
          functionError: 'Unhandled',
          logs: p.logs,
        });
        this.kill();
      }, timeoutSeconds * 1000);
      this.pending = { resolve, requestId, logs: '', timer };
      this.child.send({ type: 'invoke', requestId, event, context, deadlineMs: Date.now() + timeoutSeconds * 1000 });
    });
  }

  private finish(outcome: InvocationOutcome): void {
    const p = this.pending;
    if (!p) return;
    this.pending = undefined;
    clearTimeout(p.timer);
    p.resolve(outcome);
  }

  kill(): void {
    if (this.dead) return;
    // Gone from the pool at once: its place is free before the exit event arrives.
    this.dead = true;
    this.child.kill('SIGKILL');
    this.onExit(this);
  }
}

/** The warm processes of one function (one version of its code and settings). */
export class HandlerPool {
  private readonly idle: HandlerProcess[] = [];
  private readonly all = new Set<HandlerProcess>();
  private readonly waiting: Array<(p: HandlerProcess) => void> = [];

  constructor(private readonly setup: HandlerSetup) {}

  async invoke(requestId: string, event: unknown, context: Record<string, unknown>): Promise<InvocationOutcome> {
    const proc = await this.acquire();
    try {
      return await proc.run(requestId, event, context, this.setup.timeoutSeconds);
    } finally {
      this.release(proc);
    }
  }

  private acquire(): Promise<HandlerProcess> {
    while (this.idle.length) {
      const p = this.idle.pop()!;
      if (!p.dead) return Promise.resolve(p);
    }
    if (this.all.size < MAX_PROCESSES_PER_FUNCTION) {
      const p = new HandlerProcess(this.setup, (gone) => this.forget(gone));
      this.all.add(p);
      return Promise.resolve(p);
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(p: HandlerProcess): void {
    if (p.dead) {
      // Its place is free: a queued invocation starts a fresh process.
      const next = this.waiting.shift();
      if (next) void this.acquire().then(next);
      return;
    }
    const next = this.waiting.shift();
    if (next) next(p);
    else this.idle.push(p);
  }

  private forget(p: HandlerProcess): void {
    this.all.delete(p);
  }

  /** Kills every process (code or settings changed, function deleted, server closing). */
  close(): void {
    for (const p of this.all) p.kill();
    this.all.clear();
    this.idle.length = 0;
  }
}
