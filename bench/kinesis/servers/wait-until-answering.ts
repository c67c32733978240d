/** Polls a Kinesis endpoint with ListStreams until it answers 200 (for servers that print no ready line). */
import { request } from 'undici';
import { staticHeaders } from '../client/static-auth.js';

export async function waitUntilAnswering(endpoint: string, timeoutMs: number, hasExited: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = 'no answer';
  while (Date.now() < deadline) {
    if (hasExited()) throw new Error('server exited');
    try {
      const res = await request(endpoint, { method: 'POST', headers: staticHeaders('ListStreams'), body: '{}' });
      const text = await res.body.text();
      if (res.statusCode === 200) return;
      lastError = `HTTP ${res.statusCode}: ${text.slice(0, 200)}`;
    } catch (err) {
      lastError = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`not answering after ${timeoutMs} ms: ${lastError}`);
}
