/**
 * kinesis-local 0.6.2: kinesis-mock compiled to a single Node script. Upstream binds 0.0.0.0 unconditionally, so
 * the benchmark runs a copy with that one host literal replaced by 127.0.0.1, and refuses to start if the literal
 * is not found exactly once. It serves plain HTTP/1.1 + h2c on KINESIS_MOCK_PLAIN_PORT and TLS on
 * KINESIS_MOCK_TLS_PORT; it prints nothing when ready, so readiness is polled.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { freeLoopbackPort } from './free-port.js';
import { spawnServer, type ServerHandle } from './server-handle.js';
import { waitUntilAnswering } from './wait-until-answering.js';

const ANY_HOST = 'ip4s_Host$().em("0.0.0.0")';
const LOOPBACK_HOST = 'ip4s_Host$().em("127.0.0.1")';

async function writeLoopbackCopy(workDir: string): Promise<{ script: string; certPath: string }> {
  const require = createRequire(import.meta.url);
  const upstream = require.resolve('kinesis-local/main.js');
  const source = await readFile(upstream, 'utf8');
  const occurrences = source.split(ANY_HOST).length - 1;
  if (occurrences !== 1) throw new Error(`kinesis-local: expected one bind-address literal to patch, found ${occurrences}`);
  const script = join(workDir, 'kinesis-local-loopback.cjs');
  await writeFile(script, source.replace(ANY_HOST, LOOPBACK_HOST));
  return { script, certPath: join(dirname(upstream), 'server.json') };
}

export async function startKinesisLocal(workDir: string): Promise<ServerHandle> {
  const { script, certPath } = await writeLoopbackCopy(workDir);
  const port = await freeLoopbackPort();
  const tlsPort = await freeLoopbackPort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    KINESIS_MOCK_PLAIN_PORT: String(port),
    KINESIS_MOCK_TLS_PORT: String(tlsPort),
    KINESIS_MOCK_CERT_PATH: certPath,
    // Its default INFO level logs every request; a benchmark should not measure a log pipe.
    LOG_LEVEL: 'WARN',
    SHARD_LIMIT: '100',
    SHOULD_PERSIST_DATA: 'false',
  };
  const server = spawnServer(process.execPath, [script], { cwd: workDir, env, ready: /^\0never$/, timeoutMs: 120_000 });
  server.ready.catch(() => undefined);
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitUntilAnswering(endpoint, 60_000, () => server.child.exitCode !== null);
  } catch (err) {
    await server.stop();
    throw new Error(`kinesis-local did not start: ${(err as Error).message}\n${server.log()}`);
  }
  return {
    name: 'kinesis-local',
    pid: server.child.pid!,
    endpoint,
    host: '127.0.0.1',
    port,
    h2c: true,
    enhancedFanOut: true,
    log: server.log,
    stop: server.stop,
  };
}
