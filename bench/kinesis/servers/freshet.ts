/**
 * Starting Freshet: from the compiled build (`node dist/cli/main.js serve`, see freshet-compiled.ts), the primary
 * row, or from the sources under tsx (`node --import tsx src/cli/main.ts serve`). By default every write is
 * acknowledged after an fdatasync (group-committed); `sync: 'none'` leaves durability to the OS, which is the
 * closest match to the peers, which keep everything in memory.
 */
import { fileURLToPath } from 'node:url';
import { spawnServer, type ServerHandle } from './server-handle.js';

export const FRESHET_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export function freshetArgs(dataDir: string, sync?: 'none', entry: string[] = ['--import', 'tsx', 'src/cli/main.ts']): string[] {
  const args = [...entry, 'serve', '--host', '127.0.0.1', '--port', '0', '--data-dir', dataDir, '--shard-limit', '100'];
  return sync ? [...args, '--sync', sync] : args;
}

/**
 * `entry` replaces the tsx entry point, e.g. with the compiled `dist/cli/main.js` (see freshet-compiled.ts); `label`
 * is added to the name ("Freshet" alone is the primary row the targets are judged on).
 */
export async function startFreshet(dataDir: string, sync?: 'none', entry?: string[], label?: string): Promise<ServerHandle> {
  const server = spawnServer(process.execPath, freshetArgs(dataDir, sync, entry), {
    cwd: FRESHET_ROOT,
    ready: /Kinesis endpoint:\s+http:\/\/127\.0\.0\.1:(\d+)/,
    timeoutMs: 60_000,
  });
  const match = await server.ready;
  const port = Number(match[1]);
  return {
    name: `Freshet${label ? ` ${label}` : ''}${sync ? ` --sync ${sync}` : ''}`,
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
