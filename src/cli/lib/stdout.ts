/** Writing to stdout with backpressure, and treating a closed pipe (`| head`) as the reader being done. */
import { once } from 'node:events';

let closed = false;
let watching = false;
const listeners: (() => void)[] = [];

/** Installed on first use, so that merely loading the command line changes nothing for other commands. */
function watch(): void {
  if (watching) return;
  watching = true;
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    closed = true;
    for (const l of listeners.splice(0)) l();
  });
}

/** Called once when the reader of stdout goes away. */
export function onStdoutClosed(listener: () => void): void {
  watch();
  if (closed) listener();
  else listeners.push(listener);
}

export async function writeOut(chunk: string | Uint8Array): Promise<void> {
  watch();
  if (closed) return;
  if (!process.stdout.write(chunk)) await Promise.race([once(process.stdout, 'drain'), new Promise<void>((res) => onStdoutClosed(res))]);
}
