import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { CreateStreamCommand, ListStreamsCommand } from '@aws-sdk/client-kinesis';
import { startTestServer, type TestServer } from '../helpers/freshet.js';
import { cli, oneLineError } from './cli-runner.js';

describe('freshet streams', () => {
  let server: TestServer;
  let ep: string[];
  before(async () => {
    server = await startTestServer();
    ep = ['--endpoint-url', server.endpoint];
  });
  after(() => server.stop());

  it('creates, lists, describes, reshards and deletes streams', async () => {
    const created = await cli(['streams', 'create', 'orders', '--shards', '2', '--wait', ...ep]);
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stdout, /Created stream orders \(2 shards\): ACTIVE/);
    assert.equal((await cli(['streams', 'create', 'events', '--on-demand', '--wait', ...ep, '-o', 'json'])).json().StreamModeDetails.StreamMode, 'ON_DEMAND');

    const ls = await cli(['streams', 'ls', ...ep]);
    assert.equal(ls.code, 0, ls.stderr);
    const [head, ...rows] = ls.stdout.trimEnd().split('\n');
    assert.match(head!, /^NAME\s+STATUS\s+MODE\s+SHARDS\s+RETENTION\s+CREATED$/);
    assert.deepEqual(rows.map((r) => r.split(/\s+/).slice(0, 5)), [
      ['events', 'ACTIVE', 'ON_DEMAND', '4', '24'],
      ['orders', 'ACTIVE', 'PROVISIONED', '2', '24'],
    ].sort((a, b) => a[0]!.localeCompare(b[0]!)));
    // Aligned: every column starts at the same offset on each line.
    const statusAt = head!.indexOf('STATUS');
    for (const r of rows) assert.equal(r.indexOf('ACTIVE'), statusAt, ls.stdout);
    assert.ok(!/\x1b\[/.test(ls.stdout), 'no colours when stdout is not a terminal');

    const json = (await cli(['streams', 'ls', ...ep, '--output', 'json'])).json();
    assert.deepEqual(json.map((s: { StreamName: string }) => s.StreamName).sort(), ['events', 'orders']);

    const reshard = await cli(['streams', 'reshard', 'orders', '--shards', '3', '--wait', ...ep]);
    assert.equal(reshard.code, 0, reshard.stderr);
    assert.match(reshard.stdout, /Resharding orders from 2 to 3 shards: ACTIVE/);

    const described = await cli(['streams', 'describe', 'orders', ...ep]);
    assert.equal(described.code, 0, described.stderr);
    assert.match(described.stdout, /^Name:\s+orders$/m);
    assert.match(described.stdout, /^Shards:\s+3 open, 2 closed$/m);
    assert.match(described.stdout, /^SHARD\s+STATE\s+PARENTS\s+KEYSPACE\s+HASH KEY RANGE$/m);
    assert.match(described.stdout, /^shardId-000000000000\s+closed\s+-\s+50\.0%\s+0 – /m);
    const dj = (await cli(['streams', 'describe', 'orders', ...ep, '-o', 'json'])).json();
    assert.equal(dj.OpenShardCount, 3);
    assert.equal(dj.Shards.length, 5);

    const deleted = await cli(['streams', 'delete', 'orders', '--wait', ...ep]);
    assert.equal(deleted.code, 0, deleted.stderr);
    const names = (await server.kinesis().send(new ListStreamsCommand({}))).StreamNames;
    assert.ok(!names?.includes('orders'), names?.join());
  });

  it('fails with a one-line reason for an unknown stream and for an unreachable endpoint', async () => {
    // A port that was free a moment ago: nothing listens there.
    const port = await new Promise<number>((res) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => res(p));
      });
    });
    const [unknown, unreachable] = await Promise.all([
      cli(['streams', 'describe', 'no-such-stream', ...ep]),
      cli(['streams', 'ls', '--endpoint-url', `http://127.0.0.1:${port}`]),
    ]);
    assert.equal(unknown.code, 1);
    assert.match(oneLineError(unknown), /^freshet: .*no-such-stream.*not found/);
    assert.equal(unreachable.code, 1);
    assert.match(oneLineError(unreachable), new RegExp(`^freshet: cannot reach http://127\\.0\\.0\\.1:${port}: connection refused`));
  });

  it('uses AWS_ENDPOINT_URL_KINESIS when no --endpoint-url is given, and dummy keys when none are configured', async () => {
    await server.kinesis().send(new CreateStreamCommand({ StreamName: 'via-env', ShardCount: 1 }));
    const r = await cli(['streams', 'ls', '-o', 'json'], {
      env: { AWS_ENDPOINT_URL_KINESIS: server.endpoint, AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_REGION: '' },
    });
    assert.equal(r.code, 0, r.stderr);
    assert.ok(r.json().some((s: { StreamName: string }) => s.StreamName === 'via-env'), r.stdout);
  });
});
