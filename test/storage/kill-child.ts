/** Runs write-then-hang.ts and SIGKILLs it once it has printed `done`. */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

const CHILD = resolve(import.meta.dirname, 'write-then-hang.ts');

export function writeThenKill(dataDir: string, logs: string[], batches: number, options: object = {}): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', CHILD, dataDir, logs.join(','), String(batches), JSON.stringify(options)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line === 'done') child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('close', (_code, signal) =>
      signal === 'SIGKILL' ? resolvePromise() : reject(new Error('child ended on its own')),
    );
  });
}
