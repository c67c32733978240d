/** The stream commands against kinesalite: HTTP/1.1 only, no enhanced fan-out, so tail falls back to polling. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import type { Server } from 'node:http';
import { cli } from './cli-runner.js';

const require = createRequire(import.meta.url);

describe('freshet put, tail and dump against kinesalite', () => {
  let server: Server;
  let ep: string[];
  before(async () => {
    const kinesalite = require('kinesalite') as (opts: object) => Server;
    server = kinesalite({ createStreamMs: 0, deleteStreamMs: 0, updateStreamMs: 0, shardLimit: 50 });
    await new Promise<void>((res) => server.listen(0, '127.0.0.1', () => res()));
    ep = ['--endpoint-url', `http://127.0.0.1:${(server.address() as { port: number }).port}`];
  });
  after(() => new Promise<void>((res) => server.close(() => res())));

  it('creates a stream, puts records and tails them back by polling', async () => {
    const created = await cli(['streams', 'create', 'legacy', '--shards', '2', '--wait', ...ep]);
    assert.equal(created.code, 0, created.stderr);
    const put = await cli(['put', 'legacy', '--key-field', 'id', ...ep], {
      stdin: '{"id":"a","v":1}\n{"id":"b","v":2}\n{"id":"c","v":3}\n',
    });
    assert.equal(put.code, 0, put.stderr);
    assert.match(put.stdout, /^Put 3 records/);

    // No --no-efo: kinesalite has no consumer API, which tail notices by itself.
    const [tail, dump] = await Promise.all([
      cli(['tail', 'legacy', '--from', 'trim-horizon', '--limit', '3', '-o', 'json', ...ep]),
      cli(['dump', 'legacy', '--to', '-', ...ep]),
    ]);
    assert.equal(tail.code, 0, tail.stderr);
    const lines = tail.lines();
    assert.deepEqual(lines.map((l) => [l.partitionKey, l.data.v]).sort(), [['a', 1], ['b', 2], ['c', 3]]);
    assert.equal(dump.code, 0, dump.stderr);
    assert.deepEqual(dump.lines().map((l) => l.data.id).sort(), ['a', 'b', 'c']);
    assert.match(dump.stderr, /Dumped 3 records .* from legacy \(2 shards\) to stdout/);
  });
});
