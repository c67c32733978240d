/** Handler processes: concurrent invocations run side by side; functions survive a restart of the server. */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CreateFunctionCommand, InvokeCommand } from '@aws-sdk/client-lambda';
import { startTestServer } from '../helpers/freshet.js';
import { lambdaClient, ROLE, zipOf } from './support.js';

let dataDir: string;
let barrier: string;

before(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'freshet-lambda-procs-'));
  barrier = await mkdtemp(join(tmpdir(), 'freshet-lambda-barrier-'));
});
after(async () => {
  await rm(dataDir, { recursive: true, force: true });
  await rm(barrier, { recursive: true, force: true });
});

/** Each invocation checks in, then waits until `event.parties` have: only possible if they all run at once. */
const BARRIER_HANDLER = `
const fs = require('node:fs');
const path = require('node:path');
exports.handler = async (event) => {
  fs.writeFileSync(path.join(process.env.BARRIER_DIR, String(process.pid)), '');
  while (fs.readdirSync(process.env.BARRIER_DIR).length < event.parties) await new Promise((r) => setTimeout(r, 20));
  return process.pid;
};
`;

describe('handler processes', () => {
  it('runs concurrent invocations in separate processes, and keeps functions across a restart', async () => {
    const first = await startTestServer({ dataDir });
    const lambda = lambdaClient(first.endpoint);
    try {
      await lambda.send(
        new CreateFunctionCommand({
          FunctionName: 'barrier',
          Role: ROLE,
          Handler: 'index.handler',
          Timeout: 30,
          Environment: { Variables: { BARRIER_DIR: barrier } },
          Code: { ZipFile: zipOf({ 'index.js': BARRIER_HANDLER }) },
        }),
      );
      const results = await Promise.all(
        [1, 2, 3].map(() => lambda.send(new InvokeCommand({ FunctionName: 'barrier', Payload: Buffer.from('{"parties":3}') }))),
      );
      const pids = results.map((r) => {
        assert.equal(r.FunctionError, undefined, Buffer.from(r.Payload ?? []).toString());
        return JSON.parse(Buffer.from(r.Payload!).toString());
      });
      assert.equal(new Set(pids).size, 3);
    } finally {
      lambda.destroy();
      await first.stop();
    }

    const second = await startTestServer({ dataDir });
    try {
      const again = await second.freshet.functions.invokeFunction('barrier', { parties: 0 });
      assert.equal(again.functionError, undefined);
      assert.equal(typeof again.payload, 'number');
    } finally {
      await second.stop();
    }
  });
});
