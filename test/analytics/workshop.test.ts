/**
 * The workshop "Streaming Data with Amazon Kinesis" (shared/seeds/002), its analytics part step by step with the
 * aws CLI and boto3: a traffic-message stream and producer, an application, schema discovery, the simple pump,
 * cars per manufacturer with STEP(… BY INTERVAL '60' SECOND), the top-2 manufacturers with TOP_K_ITEMS_TUMBLING,
 * a countries reference table uploaded with `aws s3 cp` and added with add-application-reference-data-source, and
 * stop-application. The analytics clock is the wall clock plus an offset the test moves to close windows.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { awsCli, boto3, type TestServer } from '../helpers/freshet.js';
import { readRecords, startAnalyticsServer, streamArn, ROLE } from './support.js';
import { trafficMessages } from './traffic.js';

let server: TestServer;
let offset = 0;

const COUNTRIES = resolve(import.meta.dirname, '../../examples/traffic-workshop/reference-data/traffic-message-reference-data/countrycode_ref.csv');

before(async () => {
  server = await startAnalyticsServer({ analytics: { now: () => Date.now() + offset } });
});
after(async () => {
  await server.stop();
});

const kda = async (...args: string[]) => (await awsCli(server.endpoint, ['kinesisanalytics', ...args])).stdout;
const describeApp = async () => JSON.parse(await kda('describe-application', '--application-name', 'Analyze-traffic')).ApplicationDetail;

async function waitFor(status: string): Promise<any> {
  for (let i = 0; i < 100; i++) {
    const d = await describeApp();
    if (d.ApplicationStatus === status) return d;
    await new Promise((res) => setTimeout(res, 20));
  }
  assert.fail(`Analyze-traffic did not reach ${status}`);
}

/** The producer's put_records (kinesis_streaming_multiple_records.py), with `n` fixed messages. */
async function produce(first: number, n: number): Promise<void> {
  const messages = JSON.stringify(trafficMessages(first + n).slice(first));
  await boto3(
    server.endpoint,
    `
records = [{'Data': json.dumps(m), 'PartitionKey': m['licenseplate']} for m in json.loads(${JSON.stringify(messages)})]
kinesis.put_records(StreamName='traffic-message-stream', Records=records)
`,
  );
}

/** "Save and run SQL": UpdateApplication with the new code, then wait until it runs again. */
async function saveAndRun(code: string): Promise<void> {
  const d = await describeApp();
  await kda('update-application', '--application-name', 'Analyze-traffic', '--current-application-version-id', String(d.ApplicationVersionId), '--application-update', JSON.stringify({ ApplicationCodeUpdate: code }));
  await waitFor('RUNNING');
}

/**
 * Moves the analytics clock a minute at a time until `count` rows came out: windows only close once the
 * application has read the records (one PutRecords batch is ingested at one ROWTIME, so it lands in one window).
 */
async function closeWindowsUntil(count: number): Promise<any[]> {
  const rows: any[] = [];
  for (let i = 0; i < 100 && rows.length < count; i++) {
    offset += 60_000;
    rows.push(...(await newResults(count - rows.length, 200)));
  }
  return rows;
}

let seen = 0;
/** The records the destination stream received since the last call. */
async function newResults(count: number, timeoutMs?: number): Promise<any[]> {
  const all = await readRecords(server.kinesis(), 'traffic-results', seen + count, timeoutMs);
  const fresh = all.slice(seen).map((r) => JSON.parse(r));
  seen = all.length;
  return fresh;
}

describe('workshop: Kinesis Analytics on traffic messages', () => {
  it('connects the stream with a discovered schema and runs the simple pump', async () => {
    for (const name of ['traffic-message-stream', 'traffic-results']) {
      await awsCli(server.endpoint, ['kinesis', 'create-stream', '--stream-name', name, '--shard-count', '1']);
      await awsCli(server.endpoint, ['kinesis', 'wait', 'stream-exists', '--stream-name', name]);
    }
    await kda('create-application', '--application-name', 'Analyze-traffic', '--application-description', 'Analyze traffic messages');

    // Discover schema: the producer runs, the console samples the stream from NOW.
    await produce(0, 10);
    const discovered = JSON.parse(
      await kda('discover-input-schema', '--resource-arn', streamArn('traffic-message-stream'), '--role-arn', ROLE, '--input-starting-position-configuration', 'InputStartingPosition=NOW'),
    );
    assert.ok(discovered.InputSchema.RecordColumns.some((c: any) => c.Name === 'COL_timestamp' && c.SqlType === 'VARCHAR(32)'));
    await kda(
      'add-application-input',
      '--application-name',
      'Analyze-traffic',
      '--current-application-version-id',
      '1',
      '--input',
      JSON.stringify({ NamePrefix: 'SOURCE_SQL_STREAM', KinesisStreamsInput: { ResourceARN: streamArn('traffic-message-stream'), RoleARN: ROLE }, InputSchema: discovered.InputSchema }),
    );
    // `--output` is also the CLI's own option: the output goes in as --cli-input-json.
    await kda(
      'add-application-output',
      '--cli-input-json',
      JSON.stringify({
        ApplicationName: 'Analyze-traffic',
        CurrentApplicationVersionId: 2,
        Output: { Name: 'DESTINATION_SQL_STREAM', KinesisStreamsOutput: { ResourceARN: streamArn('traffic-results'), RoleARN: ROLE }, DestinationSchema: { RecordFormatType: 'JSON' } },
      }),
    );
    await kda(
      'update-application',
      '--application-name',
      'Analyze-traffic',
      '--current-application-version-id',
      '3',
      '--application-update',
      JSON.stringify({
        ApplicationCodeUpdate: `CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
    carname varchar(20),
    carmodel varchar(20),
    licenseplate varchar(10),
    country varchar(20));
CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO
"DESTINATION_SQL_STREAM"
SELECT STREAM "manufacturer", "model", "licenseplate", "country"
FROM "SOURCE_SQL_STREAM_001"`,
      }),
    );
    const d = await describeApp();
    await kda('start-application', '--application-name', 'Analyze-traffic', '--input-configurations', JSON.stringify([{ Id: d.InputDescriptions[0].InputId, InputStartingPositionConfiguration: { InputStartingPosition: 'TRIM_HORIZON' } }]));
    await waitFor('RUNNING');
    const rows = await newResults(10);
    assert.deepEqual(rows.slice(0, 2), [
      { CARNAME: 'BMW', CARMODEL: '7 series', LICENSEPLATE: 'PC-90-13', COUNTRY: 'NL' },
      { CARNAME: 'Renault', CARMODEL: 'Twingo', LICENSEPLATE: '56-66-GW', COUNTRY: 'BE' },
    ]);
  });

  it('counts cars per manufacturer in one-minute STEP windows (VARCHAR(8) truncates, as the console showed)', async () => {
    await saveAndRun(`CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (manufacturer
VARCHAR(8), manufacturer_count INTEGER);

-- CREATE OR REPLACE PUMP to insert into output
CREATE OR REPLACE PUMP "STREAM_PUMP" AS
    INSERT INTO "DESTINATION_SQL_STREAM"
        SELECT STREAM "manufacturer", COUNT(*) AS manufacturer_count
        FROM "SOURCE_SQL_STREAM_001"
        GROUP BY "manufacturer",
                STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '60'
SECOND);`);
    await produce(10, 20);
    const counts = Object.fromEntries((await closeWindowsUntil(4)).map((r) => [r.MANUFACTURER, r.MANUFACTURER_COUNT]));
    assert.deepEqual(counts, { BMW: 4, Renault: 8, Volkswag: 4, Volvo: 4 });
  });

  it('finds the two most frequent manufacturers with TOP_K_ITEMS_TUMBLING', async () => {
    await saveAndRun(`CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ITEM VARCHAR(1024),
ITEM_COUNT DOUBLE);
CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO
"DESTINATION_SQL_STREAM"
SELECT STREAM ITEM, ITEM_COUNT FROM TABLE(TOP_K_ITEMS_TUMBLING(
    CURSOR(SELECT STREAM * FROM "SOURCE_SQL_STREAM_001"),
    'manufacturer', -- name of column in single quotes
    2, -- number of top items
    60 -- tumbling window size in seconds
)
);`);
    await produce(30, 10);
    const top = await closeWindowsUntil(2);
    assert.deepEqual(top[0], { ITEM: 'Renault', ITEM_COUNT: 4 });
    assert.equal(top.length, 2);
  });

  it('joins the countries reference table added with add-application-reference-data-source, then stops', async () => {
    // The workshop's S3 object, uploaded to Freshet's S3 on the same endpoint.
    await awsCli(server.endpoint, ['s3', 'mb', 's3://traffic-message-reference-data']);
    await awsCli(server.endpoint, ['s3', 'cp', COUNTRIES, 's3://traffic-message-reference-data/']);
    const d = await describeApp();
    await kda(
      'add-application-reference-data-source',
      '--application-name',
      'Analyze-traffic',
      '--reference-data-source',
      JSON.stringify({
        TableName: 'Countries',
        S3ReferenceDataSource: {
          BucketARN: 'arn:aws:s3:::traffic-message-reference-data',
          FileKey: 'countrycode_ref.csv',
          ReferenceRoleARN: 'arn:aws:iam::000000000000:role/KinesisAnalytics-ReadS3Object',
        },
        ReferenceSchema: {
          RecordFormat: { RecordFormatType: 'CSV', MappingParameters: { CSVMappingParameters: { RecordRowDelimiter: '\n', RecordColumnDelimiter: ',' } } },
          RecordEncoding: 'UTF-8',
          RecordColumns: [
            { Name: 'countrycode', SqlType: 'VARCHAR(5)' },
            { Name: 'countryname', SqlType: 'VARCHAR(64)' },
          ],
        },
      }),
      '--current-application-version-id',
      String(d.ApplicationVersionId),
    );
    await waitFor('RUNNING');
    await saveAndRun(`CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (carname varchar(20),
carmodel varchar(20),
licenseplate varchar(10),
country varchar(20)
);

CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
SELECT STREAM "manufacturer", "model", "licenseplate", "c"."countryname"
FROM "SOURCE_SQL_STREAM_001" left join "Countries" as "c"
ON "SOURCE_SQL_STREAM_001"."country" = "c"."countrycode"`);
    await produce(40, 3);
    const names: Record<string, string> = { NL: 'Netherlands', BE: 'Belgium', DE: 'Germany' };
    assert.deepEqual(
      await newResults(3),
      trafficMessages(43).slice(40).map((m) => ({ CARNAME: m.manufacturer, CARMODEL: m.model, LICENSEPLATE: m.licenseplate, COUNTRY: names[m.country] })),
    );

    // "You need to use the AWS CLI to stop a running application".
    await kda('stop-application', '--application-name', 'Analyze-traffic');
    await waitFor('READY');
    await produce(43, 1);
    assert.deepEqual(await newResults(1, 500), []);
  });
});
