import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-kinesis';
import { startTestServer, type TestServer } from '../helpers/freshet.js';
import { cli, oneLineError } from './cli-runner.js';

const SQL = `CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker VARCHAR(8), price DOUBLE);
CREATE OR REPLACE PUMP "P" AS INSERT INTO "DESTINATION_SQL_STREAM"
  SELECT STREAM "ticker", "price" * 2 FROM "SOURCE_SQL_STREAM_001";
`;

describe('freshet apps', () => {
  let server: TestServer;
  let ep: string[];
  let dir: string;
  before(async () => {
    server = await startTestServer();
    ep = ['--endpoint-url', server.endpoint];
    dir = await mkdtemp(join(tmpdir(), 'freshet-apps-'));
    await writeFile(join(dir, 'app.sql'), SQL);
    for (const s of ['ticks', 'doubled', 'ticks-csv']) assert.equal((await cli(['streams', 'create', s, '--wait', ...ep])).code, 0);
    const put = await cli(['put', 'ticks', '{"ticker":"AMZN","price":12.5}', '{"ticker":"MSFT","price":3.25}', ...ep]);
    assert.equal(put.code, 0, put.stderr);
  });
  after(async () => {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('discovers a schema, creates, starts, describes, stops and deletes an application that runs', async () => {
    const discovered = await cli(['apps', 'discover', 'ticks', ...ep]);
    assert.equal(discovered.code, 0, discovered.stderr);
    assert.match(discovered.stdout, /^ticks: JSON records, 2 sampled$/m);
    assert.match(discovered.stdout, /^ticker\s+VARCHAR\(4\)\s+\$\.ticker$/m);
    await writeFile(join(dir, 'schema.json'), (await cli(['apps', 'discover', 'ticks', ...ep, '-o', 'json'])).stdout);

    const created = await cli(['apps', 'create', 'doubler', '--sql', join(dir, 'app.sql'), '--input', 'ticks', '--discover', '--output', 'doubled:DESTINATION_SQL_STREAM', ...ep]);
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stdout, /^Created application doubler: READY, reading ticks \(2 columns\), writing DESTINATION_SQL_STREAM → doubled$/m);
    // The schema file written by discover -o json is accepted as it is; -o json next to a destination still means JSON output.
    const fromFile = await cli(['apps', 'create', 'csv', '--sql', join(dir, 'app.sql'), '--input', 'ticks', '--input-schema', join(dir, 'schema.json'), '-o', 'json', '--output', 'ticks-csv:DESTINATION_SQL_STREAM:CSV', ...ep]);
    assert.equal(fromFile.code, 0, fromFile.stderr);
    assert.equal(fromFile.json().OutputDescriptions[0].DestinationSchema.RecordFormatType, 'CSV');

    const ls = await cli(['apps', 'ls', ...ep]);
    assert.match(ls.stdout, /^NAME\s+STATUS\s+ARN$/m);
    assert.match(ls.stdout, /^doubler\s+READY\s+arn:aws:kinesisanalytics:us-east-1:\d{12}:application\/doubler$/m);
    // Without --endpoint-url, AWS's own variable for the service picks the endpoint.
    assert.deepEqual((await cli(['apps', 'ls', '-o', 'json'], { env: { AWS_ENDPOINT_URL_KINESIS_ANALYTICS: server.endpoint } })).json().map((a: { ApplicationName: string }) => a.ApplicationName).sort(), ['csv', 'doubler']);

    const started = await cli(['apps', 'start', 'doubler', '--from', 'trim-horizon', '--wait', ...ep]);
    assert.equal(started.code, 0, started.stderr);
    assert.match(started.stdout, /^Started application doubler from TRIM_HORIZON: RUNNING$/m);

    // The application reads the two records from the start of the stream and writes them doubled.
    const kinesis = server.kinesis();
    let iterator = (await kinesis.send(new GetShardIteratorCommand({ StreamName: 'doubled', ShardId: 'shardId-000000000000', ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
    const rows: unknown[] = [];
    const deadline = Date.now() + 30_000;
    while (rows.length < 2 && Date.now() < deadline) {
      const res = await kinesis.send(new GetRecordsCommand({ ShardIterator: iterator }));
      rows.push(...(res.Records ?? []).map((r) => JSON.parse(Buffer.from(r.Data!).toString('utf8'))));
      iterator = res.NextShardIterator;
      if (rows.length < 2) await new Promise((r) => setTimeout(r, 100));
    }
    assert.deepEqual(rows, [{ TICKER: 'AMZN', PRICE: 25 }, { TICKER: 'MSFT', PRICE: 6.5 }]);

    const described = await cli(['apps', 'describe', 'doubler', ...ep]);
    assert.equal(described.code, 0, described.stderr);
    assert.match(described.stdout, /^Status:\s+RUNNING$/m);
    assert.match(described.stdout, /^1\.1\s+SOURCE_SQL_STREAM_001\s+arn:aws:kinesis:\S+:stream\/ticks\s+JSON\s+ticker VARCHAR\(4\), price DOUBLE$/m);
    assert.match(described.stdout, /^1\.1\s+DESTINATION_SQL_STREAM\s+arn:aws:kinesis:\S+:stream\/doubled\s+JSON$/m);
    assert.ok(described.stdout.includes(SQL.trimEnd()), described.stdout);

    const stopped = await cli(['apps', 'stop', 'doubler', '--wait', ...ep]);
    assert.match(stopped.stdout, /^Stopped application doubler: READY$/m);
    const deleted = await Promise.all(['doubler', 'csv'].map((app) => cli(['apps', 'delete', app, '--wait', ...ep])));
    assert.deepEqual(deleted.map((d) => d.stdout.trim()), ['Deleted application doubler', 'Deleted application csv']);
    assert.match((await cli(['apps', 'ls', ...ep])).stdout, /^No applications\./);
  });

  it('fails with a one-line reason', async () => {
    const sql = join(dir, 'app.sql');
    const [unknown, noSchema, badOutput, missingSql, noInput] = await Promise.all([
      cli(['apps', 'describe', 'nope', ...ep]),
      cli(['apps', 'create', 'x', '--sql', sql, '--input', 'ticks', ...ep]),
      cli(['apps', 'create', 'x', '--sql', sql, '--output', 'doubled', ...ep]),
      cli(['apps', 'create', 'x', '--sql', join(dir, 'missing.sql'), ...ep]),
      cli(['apps', 'create', 'x', '--sql', sql, '--input', 'no-such-stream', '--discover', ...ep]),
    ]);
    assert.match(oneLineError(unknown), /^freshet: .*nope.*/);
    assert.equal(oneLineError(noSchema), 'freshet: --input needs --input-schema FILE or --discover');
    assert.match(oneLineError(badOutput), /^freshet: --output expects text, json or STREAM:IN_APP_STREAM\[:JSON\|CSV\], got 'doubled'$/);
    assert.match(oneLineError(missingSql), /^freshet: cannot read application code .*missing\.sql: ENOENT$/);
    assert.match(oneLineError(noInput), /^freshet: .*no-such-stream.*/);
  });
});
