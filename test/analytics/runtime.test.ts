/**
 * Running applications: records from a Freshet stream through the SQL to output streams, as KDA wrote them (JSON
 * without separators, CSV lines, one record per row), error_stream as an output, input parallelism, starting
 * positions, stop/start without loss, reference data from a local file, live updates, and an input on another
 * Kinesis endpoint reached through the SDK.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  AddApplicationReferenceDataSourceCommand,
  CreateApplicationCommand,
  StartApplicationCommand,
  StopApplicationCommand,
  UpdateApplicationCommand,
  type KinesisAnalyticsClient,
} from '@aws-sdk/client-kinesis-analytics';
import { DescribeStreamSummaryCommand, PutRecordsCommand, UpdateShardCountCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import type { TestServer } from '../helpers/freshet.js';
import { analyticsClient, createStreams, kinesisInput, kinesisOutput, readRecords, ROLE, startAnalyticsServer, waitForApp } from './support.js';

let server: TestServer;
let kda: KinesisAnalyticsClient;
let kinesis: KinesisClient;
let dir: string;

before(async () => {
  server = await startAnalyticsServer();
  kda = analyticsClient(server);
  kinesis = server.kinesis();
  dir = await mkdtemp(join(tmpdir(), 'freshet-kda-ref-'));
});
after(async () => {
  kda.destroy();
  await server.stop();
  await rm(dir, { recursive: true, force: true });
});

async function put(stream: string, docs: unknown[], client = kinesis): Promise<void> {
  await client.send(new PutRecordsCommand({ StreamName: stream, Records: docs.map((d, i) => ({ Data: Buffer.from(typeof d === 'string' ? d : JSON.stringify(d)), PartitionKey: `k${i}` })) }));
}

async function start(name: string, position: 'NOW' | 'TRIM_HORIZON' | 'LAST_STOPPED_POINT', inputId = '1.1', client = kda): Promise<void> {
  await client.send(new StartApplicationCommand({ ApplicationName: name, InputConfigurations: [{ Id: inputId, InputStartingPositionConfiguration: { InputStartingPosition: position } }] }));
  await waitForApp(client, name, 'RUNNING');
}

const FILTER = `CREATE OR REPLACE STREAM "DEST" (x DOUBLE, tag VARCHAR(4));
CREATE OR REPLACE PUMP "P" AS INSERT INTO "DEST" SELECT STREAM "x", "tag" FROM "SOURCE_SQL_STREAM_001" WHERE "x" > 1;`;

describe('a running application', () => {
  it('writes one JSON record per row, CSV lines, and routes error_stream to an output', async () => {
    await createStreams(kinesis, ['rt-in', 'rt-json', 'rt-csv', 'rt-errors']);
    await kda.send(
      new CreateApplicationCommand({
        ApplicationName: 'rt-formats',
        ApplicationCode: FILTER,
        Inputs: [kinesisInput('rt-in', [['x', 'DOUBLE'], ['tag', 'VARCHAR(4)']])],
        Outputs: [kinesisOutput('DEST', 'rt-json'), kinesisOutput('DEST', 'rt-csv', 'CSV'), kinesisOutput('error_stream', 'rt-errors')],
      }),
    );
    await start('rt-formats', 'NOW');
    await put('rt-in', [{ x: 0.5, tag: 'no' }, { x: 2, tag: 'a' }, { x: 'not a number', tag: 'bad' }, { x: 3.25, tag: 'longer' }]);
    assert.deepEqual(await readRecords(kinesis, 'rt-json', 2), ['{"X":2.0,"TAG":"a"}', '{"X":3.25,"TAG":"long"}']);
    assert.deepEqual(await readRecords(kinesis, 'rt-csv', 2), ['2.0,a\n', '3.25,long\n']);
    const [error] = (await readRecords(kinesis, 'rt-errors', 1)).map((r) => JSON.parse(r));
    assert.equal(error.ERROR_NAME, 'Coercion error');
    assert.equal(Buffer.from(error.DATA_ROW, 'hex').toString(), JSON.stringify({ x: 'not a number', tag: 'bad' }));
  });

  it('reads what was there before the start with TRIM_HORIZON, and only what comes after with NOW', async () => {
    await createStreams(kinesis, ['pos-in', 'pos-trim', 'pos-now']);
    for (const [name, out] of [['pos-trim-app', 'pos-trim'], ['pos-now-app', 'pos-now']]) {
      await kda.send(
        new CreateApplicationCommand({ ApplicationName: name, ApplicationCode: FILTER, Inputs: [kinesisInput('pos-in', [['x', 'DOUBLE'], ['tag', 'VARCHAR(4)']])], Outputs: [kinesisOutput('DEST', out!)] }),
      );
    }
    await put('pos-in', [{ x: 10, tag: 'old' }]);
    await start('pos-trim-app', 'TRIM_HORIZON');
    await start('pos-now-app', 'NOW');
    await put('pos-in', [{ x: 20, tag: 'new' }]);
    assert.deepEqual(await readRecords(kinesis, 'pos-trim', 2), ['{"X":10.0,"TAG":"old"}', '{"X":20.0,"TAG":"new"}']);
    assert.deepEqual(await readRecords(kinesis, 'pos-now', 1), ['{"X":20.0,"TAG":"new"}']);
    // Nothing else arrives on the NOW side: the old record stays unread.
    assert.deepEqual(await readRecords(kinesis, 'pos-now', 2, 500), ['{"X":20.0,"TAG":"new"}']);
  });

  it('resumes at LAST_STOPPED_POINT after a stop: records put while stopped are neither lost nor repeated', async () => {
    await createStreams(kinesis, ['stop-in', 'stop-out'], 2);
    await kda.send(
      new CreateApplicationCommand({ ApplicationName: 'stopper', ApplicationCode: FILTER, Inputs: [kinesisInput('stop-in', [['x', 'DOUBLE'], ['tag', 'VARCHAR(4)']])], Outputs: [kinesisOutput('DEST', 'stop-out')] }),
    );
    await start('stopper', 'NOW');
    await put('stop-in', [2, 3, 4].map((x) => ({ x, tag: 'a' })));
    assert.equal((await readRecords(kinesis, 'stop-out', 3)).length, 3);
    await kda.send(new StopApplicationCommand({ ApplicationName: 'stopper' }));
    await waitForApp(kda, 'stopper', 'READY');
    await put('stop-in', [5, 6, 7].map((x) => ({ x, tag: 'b' })));
    await start('stopper', 'LAST_STOPPED_POINT');
    const all = (await readRecords(kinesis, 'stop-out', 6)).map((r) => JSON.parse(r).X).sort();
    assert.deepEqual(all, [2, 3, 4, 5, 6, 7]);
    assert.equal((await readRecords(kinesis, 'stop-out', 7, 500)).length, 6);
  });

  it('resumes at LAST_STOPPED_POINT from the first start\'s NOW when nothing had been read yet', async () => {
    await createStreams(kinesis, ['idle-in', 'idle-out']);
    await kda.send(
      new CreateApplicationCommand({ ApplicationName: 'idle', ApplicationCode: FILTER, Inputs: [kinesisInput('idle-in', [['x', 'DOUBLE'], ['tag', 'VARCHAR(4)']])], Outputs: [kinesisOutput('DEST', 'idle-out')] }),
    );
    await start('idle', 'NOW');
    await kda.send(new StopApplicationCommand({ ApplicationName: 'idle' }));
    await waitForApp(kda, 'idle', 'READY');
    await put('idle-in', [{ x: 11, tag: 'gap' }]);
    await start('idle', 'LAST_STOPPED_POINT');
    assert.deepEqual(await readRecords(kinesis, 'idle-out', 1), ['{"X":11.0,"TAG":"gap"}']);
  });

  it('follows a reshard: the parent shard to its end, then its children', async () => {
    await createStreams(kinesis, ['reshard-in', 'reshard-out']);
    await kda.send(
      new CreateApplicationCommand({ ApplicationName: 'resharded', ApplicationCode: FILTER, Inputs: [kinesisInput('reshard-in', [['x', 'DOUBLE'], ['tag', 'VARCHAR(4)']])], Outputs: [kinesisOutput('DEST', 'reshard-out')] }),
    );
    await start('resharded', 'NOW');
    await put('reshard-in', [2, 3].map((x) => ({ x, tag: 'old' })));
    await kinesis.send(new UpdateShardCountCommand({ StreamName: 'reshard-in', TargetShardCount: 2, ScalingType: 'UNIFORM_SCALING' }));
    for (let i = 0; i < 200; i++) {
      if ((await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'reshard-in' }))).StreamDescriptionSummary?.StreamStatus === 'ACTIVE') break;
      await new Promise((res) => setTimeout(res, 10));
    }
    await put('reshard-in', [4, 5, 6, 7].map((x) => ({ x, tag: 'new' })));
    const rows = (await readRecords(kinesis, 'reshard-out', 6)).map((r) => JSON.parse(r));
    assert.deepEqual(rows.map((r) => r.X).sort(), [2, 3, 4, 5, 6, 7]);
  });

  it('keeps retrying a destination that cannot be written, and delivers once it can', async () => {
    await createStreams(kinesis, ['retry-in']);
    await kda.send(
      new CreateApplicationCommand({ ApplicationName: 'retrying', ApplicationCode: FILTER, Inputs: [kinesisInput('retry-in', [['x', 'DOUBLE'], ['tag', 'VARCHAR(4)']])], Outputs: [kinesisOutput('DEST', 'retry-out')] }),
    );
    await start('retrying', 'NOW');
    await put('retry-in', [{ x: 8, tag: 'wait' }]);
    await new Promise((res) => setTimeout(res, 300));
    await createStreams(kinesis, ['retry-out']);
    assert.deepEqual(await readRecords(kinesis, 'retry-out', 1), ['{"X":8.0,"TAG":"wait"}']);
  });

  it('splits the shards over InputParallelism in-application streams', async () => {
    await createStreams(kinesis, ['par-in', 'par-out'], 2);
    const code = `CREATE OR REPLACE STREAM "DEST" (src VARCHAR(32), x INTEGER);
CREATE OR REPLACE PUMP "P1" AS INSERT INTO "DEST" SELECT STREAM 'one', "x" FROM "SOURCE_SQL_STREAM_001";
CREATE OR REPLACE PUMP "P2" AS INSERT INTO "DEST" SELECT STREAM 'two', "x" FROM "SOURCE_SQL_STREAM_002";`;
    await kda.send(
      new CreateApplicationCommand({
        ApplicationName: 'parallel',
        ApplicationCode: code,
        Inputs: [kinesisInput('par-in', [['x', 'INTEGER']], { InputParallelism: { Count: 2 } })],
        Outputs: [kinesisOutput('DEST', 'par-out')],
      }),
    );
    await start('parallel', 'NOW');
    // Partition keys k0..k19 land on both shards.
    await put('par-in', Array.from({ length: 20 }, (_, x) => ({ x })));
    const rows = (await readRecords(kinesis, 'par-out', 20)).map((r) => JSON.parse(r));
    assert.equal(rows.length, 20);
    assert.deepEqual(new Set(rows.map((r) => r.SRC)), new Set(['one', 'two']));
  });

  it('joins a reference table loaded from a local file, added while running', async () => {
    await createStreams(kinesis, ['ref-in', 'ref-out']);
    const file = join(dir, 'countries.csv');
    await writeFile(file, 'NL,Netherlands\nBE,Belgium\n');
    const code = `CREATE OR REPLACE STREAM "DEST" (plate VARCHAR(10), country VARCHAR(20));
CREATE OR REPLACE PUMP "P" AS INSERT INTO "DEST"
SELECT STREAM "plate", "c"."countryname" FROM "SOURCE_SQL_STREAM_001" LEFT JOIN "Countries" AS "c" ON "SOURCE_SQL_STREAM_001"."country" = "c"."countrycode";`;
    await kda.send(
      new CreateApplicationCommand({ ApplicationName: 'with-ref', Inputs: [kinesisInput('ref-in', [['plate', 'VARCHAR(10)'], ['country', 'VARCHAR(4)']])], Outputs: [kinesisOutput('DEST', 'ref-out')] }),
    );
    await start('with-ref', 'NOW');
    await kda.send(
      new AddApplicationReferenceDataSourceCommand({
        ApplicationName: 'with-ref',
        CurrentApplicationVersionId: 1,
        ReferenceDataSource: {
          TableName: 'Countries',
          S3ReferenceDataSource: { BucketARN: 'arn:aws:s3:::local', FileKey: pathToFileURL(file).href, ReferenceRoleARN: ROLE },
          ReferenceSchema: {
            RecordFormat: { RecordFormatType: 'CSV', MappingParameters: { CSVMappingParameters: { RecordRowDelimiter: '\n', RecordColumnDelimiter: ',' } } },
            RecordEncoding: 'UTF-8',
            RecordColumns: [
              { Name: 'countrycode', SqlType: 'VARCHAR(5)' },
              { Name: 'countryname', SqlType: 'VARCHAR(64)' },
            ],
          },
        },
      }),
    );
    await waitForApp(kda, 'with-ref', 'RUNNING');
    await kda.send(new UpdateApplicationCommand({ ApplicationName: 'with-ref', CurrentApplicationVersionId: 2, ApplicationUpdate: { ApplicationCodeUpdate: code } }));
    await waitForApp(kda, 'with-ref', 'RUNNING');
    await put('ref-in', [{ plate: 'AB-12', country: 'NL' }, { plate: 'CD-34', country: 'FR' }]);
    assert.deepEqual(await readRecords(kinesis, 'ref-out', 2), ['{"PLATE":"AB-12","COUNTRY":"Netherlands"}', '{"PLATE":"CD-34","COUNTRY":null}']);
  });
});

describe('an input on another Kinesis endpoint', () => {
  it('reads it through the SDK when the application names the endpoint in its freshet:kinesis-endpoint tag', async () => {
    const other = await startAnalyticsServer();
    try {
      const remote = other.kinesis();
      await createStreams(remote, ['far-in', 'far-out']);
      await kda.send(
        new CreateApplicationCommand({
          ApplicationName: 'external',
          ApplicationCode: FILTER,
          Inputs: [kinesisInput('far-in', [['x', 'DOUBLE'], ['tag', 'VARCHAR(4)']])],
          Outputs: [kinesisOutput('DEST', 'far-out')],
          Tags: [{ Key: 'freshet:kinesis-endpoint', Value: other.endpoint }],
        }),
      );
      await start('external', 'TRIM_HORIZON');
      await put('far-in', [{ x: 9, tag: 'far' }, { x: 1, tag: 'skip' }], remote);
      // Both streams exist only on the other server: the application read and wrote there.
      assert.deepEqual(await readRecords(remote, 'far-out', 1), ['{"X":9.0,"TAG":"far"}']);
    } finally {
      await kda.send(new StopApplicationCommand({ ApplicationName: 'external' })).catch(() => undefined);
      await waitForApp(kda, 'external', 'READY').catch(() => undefined);
      await other.stop();
    }
  });
});
