/** Writing to stdout with backpressure, and treating a closed pipe (`| head`) as the reader being done. */
import { once } from 'node:events';

let closed = false;
const listeners: (() => void)[] = [];

process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') throw err;
  closed = true;
  for (const l of listeners.splice(0)) l();
});

/** Called once when the reader of stdout goes away. */
export function onStdoutClosed(listener: () => void): void {
  if (closed) listener();
  else listeners.push(listener);
}

export async function writeOut(chunk: string | Uint8Array): Promise<void> {
  if (closed) return;
  if (!process.stdout.write(chunk)) await Promise.race([once(process.stdout, 'drain'), new Promise<void>((res) => onStdoutClosed(res))]);
}
