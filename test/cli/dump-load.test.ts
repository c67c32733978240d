import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateStreamCommand, DescribeStreamSummaryCommand, PutRecordsCommand, UpdateShardCountCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { startTestServer, type TestServer } from '../helpers/freshet.js';
import { runOffline } from '../../src/sql/runner/offline-run.js';
import { cli, oneLineError } from './cli-runner.js';
import { readAll } from './stream-contents.js';

async function waitActive(kinesis: KinesisClient, name: string): Promise<void> {
  while ((await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: name }))).StreamDescriptionSummary!.StreamStatus !== 'ACTIVE') {
    await new Promise((r) => setTimeout(r, 20));
  }
}

const RECORDS: [string, Uint8Array][] = [
  ['compact', Buffer.from('{"x":1.5,"tags":["a","b"]}')],
  ['spaced', Buffer.from('{"x": 7.921782426109737, "is_hot": "N"}')],
  ['text', Buffer.from('2024-05-01 GET /index.html 200')],
  ['quoted', Buffer.from('"a bare JSON string"')],
  ['bignum', Buffer.from('{"id":12345678901234567890123}')],
  ['binary', Uint8Array.from([0, 159, 146, 150, 255])],
];

describe('freshet dump and load', () => {
  let server: TestServer;
  let kinesis: KinesisClient;
  let ep: string[];
  let dir: string;
  before(async () => {
    server = await startTestServer();
    kinesis = server.kinesis();
    ep = ['--endpoint-url', server.endpoint];
    dir = await mkdtemp(join(tmpdir(), 'freshet-dump-'));
    // Half the records before a reshard, half after: the dump must cover the closed parent and its children.
    await kinesis.send(new CreateStreamCommand({ StreamName: 'source', ShardCount: 1 }));
    await waitActive(kinesis, 'source');
    const put = (rs: [string, Uint8Array][]) =>
      kinesis.send(new PutRecordsCommand({ StreamName: 'source', Records: rs.map(([k, d]) => ({ PartitionKey: k, Data: d })) }));
    await put(RECORDS.slice(0, 3));
    await kinesis.send(new UpdateShardCountCommand({ StreamName: 'source', TargetShardCount: 2, ScalingType: 'UNIFORM_SCALING' }));
    await waitActive(kinesis, 'source');
    await put(RECORDS.slice(3));
    await kinesis.send(new CreateStreamCommand({ StreamName: 'copy', ShardCount: 2 }));
    await waitActive(kinesis, 'copy');
  });
  after(async () => {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('exports every shard in the offline runner format and loads it back into another stream', async () => {
    const file = join(dir, 'source.jsonl');
    const dumped = await cli(['dump', 'source', '--to', file, ...ep]);
    assert.equal(dumped.code, 0, dumped.stderr);
    assert.match(dumped.stdout, /^Dumped 6 records \(\d+ B\) from source \(3 shards\) to .*source\.jsonl in /);
    assert.ok(!dumped.stderr.includes('\r'), 'no progress bar when stderr is not a terminal');

    const lines = (await readFile(file, 'utf8')).trimEnd().split('\n').map((l) => JSON.parse(l));
    const byKey = new Map(lines.map((l) => [l.partitionKey, l]));
    assert.equal(lines.length, 6);
    for (const l of lines) {
      assert.match(l.arrival, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      assert.match(l.sequenceNumber, /^\d+$/);
    }
    assert.deepEqual(byKey.get('compact').data, { x: 1.5, tags: ['a', 'b'] });
    assert.deepEqual(byKey.get('spaced').data, { x: 7.921782426109737, is_hot: 'N' });
    assert.equal(byKey.get('text').data, '2024-05-01 GET /index.html 200');
    // Written as JSON values these would not load back as the same bytes: kept as text.
    assert.equal(byKey.get('quoted').data, '"a bare JSON string"');
    assert.equal(byKey.get('bignum').data, '{"id":12345678901234567890123}');
    assert.equal(byKey.get('binary').data_base64, Buffer.from([0, 159, 146, 150, 255]).toString('base64'));
    assert.ok(!('data' in byKey.get('binary')));

    // The offline SQL runner reads the export as it is: the two records with a numeric x pass a filter on it.
    const rows = runOffline({
      sql: 'CREATE OR REPLACE STREAM "D" (x DOUBLE); CREATE OR REPLACE PUMP "P" AS INSERT INTO "D" SELECT STREAM "x" FROM "SOURCE_SQL_STREAM_001" WHERE "x" > 1;',
      inputs: [
        {
          stream: 'SOURCE_SQL_STREAM_001',
          schema: {
            RecordFormat: { RecordFormatType: 'JSON', MappingParameters: { JSONMappingParameters: { RecordRowPath: '$' } } },
            RecordEncoding: 'UTF-8',
            RecordColumns: [{ Name: 'x', Mapping: '$.x', SqlType: 'DOUBLE' }],
          },
          lines: (await readFile(file, 'utf8')).split('\n'),
          source: file,
        },
      ],
      outputs: ['D'],
    });
    assert.deepEqual(rows.filter((r) => r.stream === 'D').map((r) => r.row['X']).sort(), [1.5, 7.921782426109737]);

    const loaded = await cli(['load', file, '--to', 'copy', ...ep]);
    assert.equal(loaded.code, 0, loaded.stderr);
    assert.match(loaded.stdout, /^Loaded 6 records /);
    const copied = new Map((await readAll(kinesis, 'copy')).map((r) => [r.partitionKey, Buffer.from(r.bytes)]));
    for (const [key, bytes] of RECORDS) {
      const expected = key === 'spaced' ? Buffer.from('{"x":7.921782426109737,"is_hot":"N"}') : Buffer.from(bytes);
      assert.deepEqual(copied.get(key), expected, key);
    }
  });

  it('rejects a malformed line with its line number', async () => {
    const file = join(dir, 'bad.jsonl');
    await writeFile(file, '{"arrival":"2024-01-01T00:00:00Z","data":1}\n{"arrival":"2024-01-01T00:00:00Z"}\n');
    const r = await cli(['load', file, '--to', 'copy', ...ep]);
    assert.equal(r.code, 1);
    assert.match(oneLineError(r), /^freshet: line 2 of .*bad\.jsonl: needs "data" or "data_base64"$/);
  });
});
