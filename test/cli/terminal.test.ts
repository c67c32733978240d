/** What a person sees on a terminal: tail's records with colours, Ctrl+C to stop, dump's progress bar. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateStreamCommand, DescribeStreamSummaryCommand, ListStreamConsumersCommand, PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { startTestServer, type TestServer } from '../helpers/freshet.js';
import { runOnPty } from './pty.js';

describe('freshet on a terminal', () => {
  let server: TestServer;
  let ep: string[];
  let streamArn: string;
  before(async () => {
    server = await startTestServer();
    ep = ['--endpoint-url', server.endpoint];
    const kinesis = server.kinesis();
    await kinesis.send(new CreateStreamCommand({ StreamName: 'screen', ShardCount: 2 }));
    for (;;) {
      const s = (await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'screen' }))).StreamDescriptionSummary!;
      streamArn = s.StreamARN!;
      if (s.StreamStatus === 'ACTIVE') break;
      await new Promise((r) => setTimeout(r, 20));
    }
    await kinesis.send(
      new PutRecordsCommand({
        StreamName: 'screen',
        Records: [
          { PartitionKey: 'sensor-1', Data: Buffer.from('{"temp":21.5,"marker":"first"}') },
          { PartitionKey: 'sensor-2', Data: Buffer.from('a line of text') },
          { PartitionKey: 'sensor-1', Data: Buffer.from('{"temp":22,"marker":"last"}') },
        ],
      }),
    );
  });
  after(() => server.stop());

  it('tail shows the records in colour until Ctrl+C, then deregisters its consumer', async () => {
    const r = await runOnPty(['tail', 'screen', '--from', 'trim-horizon', ...ep], { waitFor: '"marker": "last"' });
    assert.ok(r.interrupted, `the last record never showed:\n${r.text}`);
    assert.equal(r.code, 0, r.text);
    assert.match(r.text, /Following screen from the oldest record \(enhanced fan-out\) · Ctrl\+C to stop/);
    assert.match(r.text, /── \S+Z  shardId-\d{12}  seq \d+  key sensor-1\n\{\n  "temp": 21\.5,\n  "marker": "first"\n\}/);
    assert.match(r.text, /key sensor-2\na line of text\n/);
    assert.ok(/\x1b\[33msensor-1\x1b\[39m/.test(r.screen), 'partition keys in colour on a terminal');
    const consumers = (await server.kinesis().send(new ListStreamConsumersCommand({ StreamARN: streamArn }))).Consumers ?? [];
    // It read through a consumer (the banner says so); none is left ACTIVE.
    assert.ok(consumers.every((c) => c.ConsumerStatus === 'DELETING'), JSON.stringify(consumers));
  });

  it('respects NO_COLOR on a terminal', async () => {
    const r = await runOnPty(['tail', 'screen', '--from', 'trim-horizon', '--limit', '3', '--no-efo', ...ep], { env: { NO_COLOR: '1' } });
    assert.equal(r.code, 0, r.text);
    assert.match(r.text, /key sensor-1/);
    assert.ok(!/\x1b\[3\dm/.test(r.screen), 'no colour codes');
  });

  it('dump draws a progress bar on the terminal and ends with a summary', async () => {
    const r = await runOnPty(['dump', 'screen', '--to', '/dev/null', ...ep]);
    assert.equal(r.code, 0, r.text);
    assert.match(r.text, /dump screen .*% \| \d+ records \| .* rec\/s/);
    assert.match(r.text, /Dumped 3 records \(\d+ B\) from screen \(2 shards\) to \/dev\/null in /);
  });

  it('load draws a progress bar, generate a running count', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'freshet-pty-'));
    try {
      const file = join(dir, 'in.jsonl');
      await writeFile(file, Array.from({ length: 50 }, (_, i) => JSON.stringify({ arrival: '2024-01-01T00:00:00Z', data: { i } })).join('\n') + '\n');
      const [load, generate] = await Promise.all([
        runOnPty(['load', file, '--to', 'screen', ...ep]),
        runOnPty(['generate', 'traffic', '--stream', 'screen', '--rate', '20', '--count', '10', ...ep]),
      ]);
      assert.equal(load.code, 0, load.text);
      assert.match(load.text, /load screen .*\d+% \| \d+ records \| .* \| ETA /);
      assert.match(load.text, /Loaded 50 records \(\d+ B\) from .*in\.jsonl into screen in /);
      assert.equal(generate.code, 0, generate.text);
      assert.match(generate.text, /generate traffic → screen \d+ records \| .* rec\/s/);
      assert.match(generate.text, /Wrote 10 traffic records \(.*\) to screen in /);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
