import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { awsCli, spawnServer, type SpawnedServer } from '../helpers/freshet.js';
import { cli } from './cli-runner.js';

describe('freshet serve banner', () => {
  let server: SpawnedServer;
  let banner: string;
  before(async () => {
    server = await spawnServer();
    // The banner is one write, but a pipe may deliver it in pieces: wait for its last line.
    const deadline = Date.now() + 10_000;
    while (!server.output().includes('Stop with Ctrl+C.') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    banner = server.output();
  });
  after(() => server.dispose());

  it('keeps the Kinesis endpoint line tools parse, and names the data dir', () => {
    assert.match(banner, new RegExp(`^  Kinesis endpoint:  ${server.endpoint}   \\(HTTP/1\\.1 and HTTP/2\\)$`, 'm'));
    assert.match(banner, new RegExp(`^  Data directory:    ${server.dataDir}$`, 'm'));
    assert.match(banner, new RegExp(`export AWS_ENDPOINT_URL=${server.endpoint}$`, 'm'));
  });

  it('prints the web console address, and the console answers there', async () => {
    const m = /^  Web console:\s+(\S+)$/m.exec(banner);
    assert.ok(m, banner);
    assert.equal(m[1], `${server.endpoint}/console/`);
    const res = await fetch(m[1]!);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/html/);
  });

  it('lists every service with an aws line that works as printed', async () => {
    const awsLines = [...banner.matchAll(/^  (.+?)\s{3,}aws --endpoint-url (\S+) (.+)$/gm)];
    assert.deepEqual(
      awsLines.map((m) => m[1]),
      ['Kinesis Data Streams', 'Kinesis Analytics (SQL)', 'Firehose', 'S3 (path-style)', 'Lambda'],
      banner,
    );
    await Promise.all(
      awsLines.map(async (m) => {
        assert.equal(m[2], server.endpoint);
        await awsCli(server.endpoint, m[3]!.split(' ')); // rejects on a non-zero exit
      }),
    );
  });

  it('shows freshet commands that reach this server', async () => {
    const commands = [...banner.matchAll(/^\s+freshet (.+)$/gm)].map((m) => m[1]!.split(' '));
    assert.equal(commands.length, 3, banner);
    for (const args of commands) {
      const r = await cli(args);
      assert.equal(r.code, 0, `freshet ${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stdout, /^No /, r.stdout);
    }
  });
});
