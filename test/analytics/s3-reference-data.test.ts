/**
 * Reference data from S3 objects: the workshop's step (`aws s3 cp countries.csv s3://bucket/` then
 * `aws kinesisanalytics add-application-reference-data-source` with the BucketARN, on Freshet's one endpoint), the
 * table reloaded when UpdateApplication changes the source, and an object on another S3-compatible endpoint read
 * through @aws-sdk/client-s3.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { CreateApplicationCommand, DescribeApplicationCommand, StartApplicationCommand } from '@aws-sdk/client-kinesis-analytics';
import { PutRecordCommand } from '@aws-sdk/client-kinesis';
import { awsCli, startTestServer, type TestServer } from '../helpers/freshet.js';
import { analyticsClient, createStreams, kinesisInput, kinesisOutput, readRecords, startAnalyticsServer, waitForApp } from './support.js';

const SQL = `CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (code VARCHAR(4), country VARCHAR(20));
CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
SELECT STREAM "s"."code", "c"."countryname" FROM "SOURCE_SQL_STREAM_001" AS "s" LEFT JOIN "Countries" AS "c" ON "s"."code" = "c"."countrycode"`;

const referenceSource = (bucket: string) => ({
  TableName: 'Countries',
  S3ReferenceDataSource: { BucketARN: `arn:aws:s3:::${bucket}`, FileKey: 'countries.csv', ReferenceRoleARN: 'arn:aws:iam::000000000000:role/KinesisAnalytics-ReadS3Object' },
  ReferenceSchema: {
    RecordFormat: { RecordFormatType: 'CSV', MappingParameters: { CSVMappingParameters: { RecordRowDelimiter: '\n', RecordColumnDelimiter: ',' } } },
    RecordEncoding: 'UTF-8',
    RecordColumns: [
      { Name: 'countrycode', SqlType: 'VARCHAR(5)' },
      { Name: 'countryname', SqlType: 'VARCHAR(64)' },
    ],
  },
});

let external: TestServer;
let server: TestServer;
let folder: string;

before(async () => {
  external = await startTestServer();
  server = await startAnalyticsServer({ analytics: { s3Endpoint: external.endpoint } });
  folder = await mkdtemp(join(tmpdir(), 'freshet-refdata-'));
});

after(async () => {
  await server?.stop();
  await external?.stop();
  if (folder) await rm(folder, { recursive: true, force: true });
});

/** Creates and starts an application reading `<in>`, writing `<out>`; its join code comes once Countries exists. */
async function runningApp(name: string, input: string, output: string): Promise<void> {
  const kinesis = server.kinesis();
  await createStreams(kinesis, [input, output]);
  const kda = analyticsClient(server);
  await kda.send(new CreateApplicationCommand({
    ApplicationName: name,
    Inputs: [kinesisInput(input, [['code', 'VARCHAR(4)']])],
    Outputs: [kinesisOutput('DESTINATION_SQL_STREAM', output)],
  }));
  const d = await kda.send(new DescribeApplicationCommand({ ApplicationName: name }));
  await kda.send(new StartApplicationCommand({
    ApplicationName: name,
    InputConfigurations: [{ Id: d.ApplicationDetail!.InputDescriptions![0]!.InputId!, InputStartingPositionConfiguration: { InputStartingPosition: 'NOW' } }],
  }));
  await waitForApp(kda, name, 'RUNNING');
}

async function addReference(endpoint: string, name: string, bucket: string): Promise<void> {
  const kda = analyticsClient(server);
  const { ApplicationDetail } = await kda.send(new DescribeApplicationCommand({ ApplicationName: name }));
  await awsCli(endpoint, [
    'kinesisanalytics', 'add-application-reference-data-source', '--application-name', name,
    '--current-application-version-id', String(ApplicationDetail!.ApplicationVersionId),
    '--reference-data-source', JSON.stringify(referenceSource(bucket)),
  ]);
  await waitForApp(kda, name, 'RUNNING');
  const again = await kda.send(new DescribeApplicationCommand({ ApplicationName: name }));
  await awsCli(endpoint, [
    'kinesisanalytics', 'update-application', '--application-name', name,
    '--current-application-version-id', String(again.ApplicationDetail!.ApplicationVersionId),
    '--application-update', JSON.stringify({ ApplicationCodeUpdate: SQL }),
  ]);
  await waitForApp(kda, name, 'RUNNING');
}

async function lookUp(input: string, output: string, code: string, seen: number): Promise<unknown> {
  const kinesis = server.kinesis();
  await kinesis.send(new PutRecordCommand({ StreamName: input, PartitionKey: 'k', Data: Buffer.from(JSON.stringify({ code })) }));
  const records = await readRecords(kinesis, output, seen + 1, 30_000);
  assert.equal(records.length, seen + 1, `no row for ${code}`);
  return JSON.parse(records[seen]!);
}

test('aws s3 cp then add-application-reference-data-source with the BucketARN; UpdateApplication reloads the object', { timeout: 120_000 }, async () => {
  const file = join(folder, 'countries.csv');
  await writeFile(file, 'NL,Netherlands\nBE,Belgium\n');
  await awsCli(server.endpoint, ['s3', 'mb', 's3://traffic-message-reference-data']);
  await awsCli(server.endpoint, ['s3', 'cp', file, 's3://traffic-message-reference-data/']);
  await runningApp('embedded-s3', 'cars', 'joined');
  await addReference(server.endpoint, 'embedded-s3', 'traffic-message-reference-data');
  assert.deepEqual(await lookUp('cars', 'joined', 'NL', 0), { CODE: 'NL', COUNTRY: 'Netherlands' });

  // A new version of the object is read when the source is updated (KDA reloaded on UpdateApplication).
  await writeFile(file, 'NL,Nederland\nBE,Belgie\n');
  await awsCli(server.endpoint, ['s3', 'cp', file, 's3://traffic-message-reference-data/countries.csv']);
  const kda = analyticsClient(server);
  const { ApplicationDetail } = await kda.send(new DescribeApplicationCommand({ ApplicationName: 'embedded-s3' }));
  const ref = ApplicationDetail!.ReferenceDataSourceDescriptions![0]!;
  await awsCli(server.endpoint, [
    'kinesisanalytics', 'update-application', '--application-name', 'embedded-s3',
    '--current-application-version-id', String(ApplicationDetail!.ApplicationVersionId),
    '--application-update', JSON.stringify({
      ReferenceDataSourceUpdates: [{ ReferenceId: ref.ReferenceId, S3ReferenceDataSourceUpdate: { FileKeyUpdate: 'countries.csv' } }],
    }),
  ]);
  await waitForApp(kda, 'embedded-s3', 'RUNNING');
  assert.deepEqual(await lookUp('cars', 'joined', 'NL', 1), { CODE: 'NL', COUNTRY: 'Nederland' });
});

test('an object on another S3-compatible endpoint is read with @aws-sdk/client-s3', { timeout: 120_000 }, async () => {
  const file = join(folder, 'elsewhere.csv');
  await writeFile(file, 'DE,Germany\n');
  await awsCli(external.endpoint, ['s3', 'mb', 's3://remote-reference']);
  await awsCli(external.endpoint, ['s3', 'cp', file, 's3://remote-reference/countries.csv']);
  await runningApp('remote-s3', 'trucks', 'joined-remote');
  await addReference(server.endpoint, 'remote-s3', 'remote-reference');
  assert.deepEqual(await lookUp('trucks', 'joined-remote', 'DE', 0), { CODE: 'DE', COUNTRY: 'Germany' });
});
