/**
 * Runs the CLI on a pseudo-terminal (Python's `pty` module: no native Node addon needed), the way a person sees
 * it: stdout and stderr are a TTY. Once `waitFor` shows up on the screen, Ctrl+C is typed.
 */
import { execFile } from 'node:child_process';
import { CLI_ENV, REPO_ROOT } from './cli-runner.js';

const DRIVER = `
import json, os, pty, select, sys, time
args, env, wait_for, timeout = json.loads(sys.argv[1])
pid, fd = pty.fork()
if pid == 0:
    os.chdir(${JSON.stringify(REPO_ROOT)})
    os.execve(args[0], args, env)
buf, sent, deadline = b'', False, time.time() + timeout
while time.time() < deadline:
    ready, _, _ = select.select([fd], [], [], 0.1)
    if ready:
        try:
            data = os.read(fd, 65536)
        except OSError:
            break
        if not data:
            break
        buf += data
    if wait_for and not sent and wait_for.encode() in buf:
        os.write(fd, b'\\x03')
        sent = True
else:
    os.kill(pid, 9)
_, status = os.waitpid(pid, 0)
print(json.dumps({'screen': buf.decode('utf-8', 'replace'), 'code': os.waitstatus_to_exitcode(status), 'interrupted': sent}))
`;

export interface PtyResult {
  /** Everything the terminal received, escape codes included. */
  screen: string;
  /** The screen without colour and cursor escape codes. */
  text: string;
  code: number;
  interrupted: boolean;
}

export function runOnPty(args: string[], opts: { env?: NodeJS.ProcessEnv; waitFor?: string; timeoutMs?: number } = {}): Promise<PtyResult> {
  const env: NodeJS.ProcessEnv = { ...CLI_ENV, NO_COLOR: undefined, TERM: 'xterm-256color', COLUMNS: '160', LINES: '50', ...opts.env };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
  const payload = JSON.stringify([[process.execPath, '--import', 'tsx', 'src/cli/main.ts', ...args], env, opts.waitFor ?? '', (opts.timeoutMs ?? 60_000) / 1000]);
  return new Promise((res, rej) => {
    execFile('python3', ['-c', DRIVER, payload], { maxBuffer: 64 * 1024 * 1024, timeout: (opts.timeoutMs ?? 60_000) + 10_000 }, (err, stdout, stderr) => {
      if (err) return rej(new Error(`pty driver failed: ${err.message}\n${stderr}`));
      const r = JSON.parse(stdout) as Omit<PtyResult, 'text'>;
      res({ ...r, text: stripAnsi(r.screen).replace(/\r\n/g, '\n') });
    });
  });
}

export function stripAnsi(s: string): string {
  // CSI sequences (colours, erase line, cursor), and OSC sequences.
  return s.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\x1b\][^\x07]*\x07/g, '');
}
