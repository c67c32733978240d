/** kinesalite 3.3.3 (LevelDB in memory via memdown), HTTP/1.1 only, no enhanced fan-out. */
import { fileURLToPath } from 'node:url';
import { spawnServer, type ServerHandle } from './server-handle.js';

export async function startKinesalite(cwd: string): Promise<ServerHandle> {
  const main = fileURLToPath(new URL('./kinesalite-main.cjs', import.meta.url));
  const server = spawnServer(process.execPath, [main], { cwd, ready: /listening on 127\.0\.0\.1:(\d+)/, timeoutMs: 20_000 });
  const match = await server.ready;
  const port = Number(match[1]);
  return {
    name: 'kinesalite',
    pid: server.child.pid!,
    endpoint: `http://127.0.0.1:${port}`,
    host: '127.0.0.1',
    port,
    h2c: false,
    enhancedFanOut: false,
    log: server.log,
    stop: server.stop,
  };
}
