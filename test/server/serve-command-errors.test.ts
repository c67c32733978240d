/** `freshet serve` refusing to start: bad flags and a taken port, each with a one-line message. */
import assert from 'node:assert/strict';
import { createServer, type AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { spawnServer } from '../helpers/freshet.js';

describe('freshet serve refuses to start', () => {
  it('refuses bad flags with a one-line message', async () => {
    await assert.rejects(spawnServer(['--throughput-limits', 'maybe']), /exited with 1[\s\S]*throughput-limits/);
    await assert.rejects(spawnServer(['--auth']), /--auth needs keys/);
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as AddressInfo).port;
    try {
      await assert.rejects(spawnServer(['--port', String(taken)]), new RegExp(`port ${taken} on 127.0.0.1 is already in use`));
    } finally {
      blocker.close();
    }
  });
});
