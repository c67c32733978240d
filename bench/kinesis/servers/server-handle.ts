/**
 * A server under test, always a child process of the benchmark so its memory (VmRSS) and CPU time can be read
 * from /proc/<pid> without counting the load generator.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

export interface ServerHandle {
  /** Row label in the table. */
  name: string;
  pid: number;
  /** `http://127.0.0.1:<port>`: HTTP/1.1 and, where `h2c` is true, cleartext HTTP/2 with prior knowledge. */
  endpoint: string;
  host: string;
  port: number;
  h2c: boolean;
  /** Offers RegisterStreamConsumer + SubscribeToShard. */
  enhancedFanOut: boolean;
  /** Last lines the server printed, for error messages. */
  log(): string;
  stop(): Promise<void>;
}

export interface SpawnedServer {
  child: ChildProcess;
  /** Resolves with the first match of `ready` in the server's stdout/stderr. */
  ready: Promise<RegExpMatchArray>;
  log(): string;
  stop(): Promise<void>;
}

/** Every server still running, so an interrupted benchmark can stop them all before it exits. */
const live = new Set<() => Promise<void>>();

export async function stopAllServers(): Promise<void> {
  await Promise.all([...live].map((stop) => stop()));
}

/** Starts `command args` and waits for a line matching `ready`; keeps the last 50 output lines. */
export function spawnServer(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; ready: RegExp; timeoutMs: number }): SpawnedServer {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let pending = '';
  let resolveReady!: (m: RegExpMatchArray) => void;
  let rejectReady!: (e: Error) => void;
  let settled = false;
  const ready = new Promise<RegExpMatchArray>((res, rej) => {
    resolveReady = res;
    rejectReady = rej;
  });
  const timer = setTimeout(() => fail(new Error(`no ready line within ${options.timeoutMs} ms`)), options.timeoutMs);
  const fail = (err: Error): void => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    rejectReady(new Error(`${command} ${args.join(' ')}: ${err.message}\n${lines.join('\n')}`));
  };
  const onData = (chunk: Buffer): void => {
    pending += chunk.toString('utf8');
    const parts = pending.split('\n');
    pending = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      if (lines.length > 50) lines.shift();
      const match = settled ? null : line.match(options.ready);
      if (match) {
        settled = true;
        clearTimeout(timer);
        resolveReady(match);
      }
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  child.once('error', (err) => fail(err));
  child.once('exit', (code, signal) => fail(new Error(`exited early (code ${code}, signal ${signal})`)));

  const stop = async (): Promise<void> => {
    live.delete(stop);
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(killer);
  };
  live.add(stop);
  return { child, ready, log: () => lines.join('\n'), stop };
}
