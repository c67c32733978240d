/** put keeps within PutRecords' limits: 5 MiB a call, 1 MiB a record (data and partition key). */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateStreamCommand, DescribeStreamSummaryCommand } from '@aws-sdk/client-kinesis';
import { startTestServer, type TestServer } from '../helpers/freshet.js';
import { cli, oneLineError } from './cli-runner.js';
import { readAll } from './stream-contents.js';

describe('freshet put and the PutRecords limits', () => {
  let server: TestServer;
  let ep: string[];
  let dir: string;
  before(async () => {
    server = await startTestServer();
    ep = ['--endpoint-url', server.endpoint];
    dir = await mkdtemp(join(tmpdir(), 'freshet-limits-'));
    const kinesis = server.kinesis();
    await kinesis.send(new CreateStreamCommand({ StreamName: 'big', ShardCount: 2 }));
    while ((await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'big' }))).StreamDescriptionSummary!.StreamStatus !== 'ACTIVE') {
      await new Promise((r) => setTimeout(r, 20));
    }
  });
  after(async () => {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('splits large records into calls of at most 5 MiB and refuses a record over 1 MiB', async () => {
    const big = join(dir, 'big.txt');
    // Seven records of 900 KiB: 6.2 MiB, more than one call holds.
    await writeFile(big, Array.from({ length: 7 }, (_, i) => String(i).repeat(900 * 1024)).join('\n') + '\n');
    const tooBig = join(dir, 'too-big.txt');
    await writeFile(tooBig, 'small\n' + 'x'.repeat(1024 * 1024) + '\n');
    const [ok, refused] = await Promise.all([
      cli(['put', 'big', '--file', big, '--key', 'k', '-o', 'json', ...ep]),
      cli(['put', 'big', '--file', tooBig, '--key', 'k', ...ep]),
    ]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(ok.json().records, 7);
    assert.equal(ok.json().batches, 2);
    assert.match(oneLineError(refused), /^freshet: line 2 of .*too-big\.txt is 1048577 bytes with its partition key, over the 1 MiB record limit$/);
    const stored = await readAll(server.kinesis(), 'big');
    assert.deepEqual(stored.filter((r) => r.bytes.length === 900 * 1024).map((r) => r.data[0]).sort(), ['0', '1', '2', '3', '4', '5', '6']);
  });
});
