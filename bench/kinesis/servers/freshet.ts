/** Freshet as users run it from a checkout: `node --import tsx src/cli/main.ts serve`, with its default durability. */
import { fileURLToPath } from 'node:url';
import { spawnServer, type ServerHandle } from './server-handle.js';

export const FRESHET_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export function freshetArgs(dataDir: string): string[] {
  return ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--host', '127.0.0.1', '--port', '0', '--data-dir', dataDir, '--shard-limit', '100'];
}

export async function startFreshet(dataDir: string, extraNodeArgs: string[] = []): Promise<ServerHandle> {
  const server = spawnServer(process.execPath, [...extraNodeArgs, ...freshetArgs(dataDir)], {
    cwd: FRESHET_ROOT,
    ready: /Kinesis endpoint:\s+http:\/\/127\.0\.0\.1:(\d+)/,
    timeoutMs: 60_000,
  });
  const match = await server.ready;
  const port = Number(match[1]);
  return {
    name: 'Freshet',
    pid: server.child.pid!,
    endpoint: `http://127.0.0.1:${port}`,
    host: '127.0.0.1',
    port,
    h2c: true,
    enhancedFanOut: true,
    log: server.log,
    stop: server.stop,
  };
}
