/**
 * The runtime's Lambda and Firehose connections with KDA's contracts: a Kinesis input pre-processed by a function
 * (Ok, Dropped, ProcessingFailed → error_stream), a malformed pre-processing response retried then reported to
 * error_stream, a Firehose output (one record per row, delivered to S3 by the delivery stream) and a Lambda output
 * whose DeliveryFailed records are retried with a higher retryHint.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { CreateFunctionCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { CreateDeliveryStreamCommand, DescribeDeliveryStreamCommand, FirehoseClient } from '@aws-sdk/client-firehose';
import { CreateApplicationCommand, DescribeApplicationCommand, StartApplicationCommand } from '@aws-sdk/client-kinesis-analytics';
import { PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { TEST_CREDENTIALS, TEST_REGION, type TestServer } from '../helpers/freshet.js';
import { lambdaClient, zipOf } from '../lambda/support.js';
import { ACCOUNT, analyticsClient, appArn, createStreams, kinesisInput, kinesisOutput, readRecords, ROLE, startAnalyticsServer, waitForApp } from './support.js';

const fnArn = (name: string): string => `arn:aws:lambda:${TEST_REGION}:${ACCOUNT}:function:${name}`;

/** Pre-processing: `{"code":"a"}` becomes `{"code":"A","shard":<shardId>}`; "drop" is Dropped, "fail" ProcessingFailed. */
const PREPROCESS = `
exports.handler = async (event) => {
  if (event.applicationArn !== ${JSON.stringify(appArn('io'))} || !event.streamArn.endsWith(':stream/raw')) throw new Error('unexpected event ' + JSON.stringify(event));
  return { records: event.records.map((r) => {
    const { code } = JSON.parse(Buffer.from(r.data, 'base64').toString('utf8'));
    if (code === 'drop') return { recordId: r.recordId, result: 'Dropped' };
    if (code === 'fail') return { recordId: r.recordId, result: 'ProcessingFailed', data: r.data };
    const out = { code: code.toUpperCase(), shard: r.kinesisStreamRecordMetadata.shardId };
    return { recordId: r.recordId, result: 'Ok', data: Buffer.from(JSON.stringify(out)).toString('base64') };
  }) };
};`;

/** A pre-processing function whose answer lacks the records KDA requires. */
const MALFORMED = `exports.handler = async () => ({ records: [] });`;

/** A Lambda output that refuses each record the first time it sees it, and writes what it accepts to OUTPUT_FILE. */
const FLAKY_OUTPUT = `
const { appendFileSync } = require('node:fs');
exports.handler = async (event) => ({ records: event.records.map((r) => {
  const hint = r.lambdaDeliveryRecordMetadata.retryHint;
  if (hint === 0) return { recordId: r.recordId, result: 'DeliveryFailed' };
  appendFileSync(process.env.OUTPUT_FILE, JSON.stringify({ hint, app: event.applicationArn, row: Buffer.from(r.data, 'base64').toString('utf8') }) + '\\n');
  return { recordId: r.recordId, result: 'Ok' };
}) });`;

let server: TestServer;
let lambda: LambdaClient;
let firehose: FirehoseClient;
let folder: string;

before(async () => {
  server = await startAnalyticsServer({ firehose: { transitionMs: 20 } });
  lambda = lambdaClient(server.endpoint);
  firehose = new FirehoseClient({ endpoint: server.endpoint, region: TEST_REGION, credentials: TEST_CREDENTIALS, maxAttempts: 1 });
  folder = await mkdtemp(join(tmpdir(), 'freshet-kda-io-'));
});

after(async () => {
  lambda?.destroy();
  firehose?.destroy();
  await server?.stop();
  if (folder) await rm(folder, { recursive: true, force: true });
});

async function createFunction(name: string, code: string, env: Record<string, string> = {}): Promise<void> {
  await lambda.send(new CreateFunctionCommand({
    FunctionName: name, Runtime: 'nodejs20.x', Role: ROLE, Handler: 'index.handler', Timeout: 10,
    Code: { ZipFile: zipOf({ 'index.js': code }) }, Environment: { Variables: env },
  }));
}

async function startApp(name: string, request: Omit<ConstructorParameters<typeof CreateApplicationCommand>[0], 'ApplicationName'>): Promise<void> {
  const kda = analyticsClient(server);
  await kda.send(new CreateApplicationCommand({ ApplicationName: name, ...request }));
  const d = await kda.send(new DescribeApplicationCommand({ ApplicationName: name }));
  await kda.send(new StartApplicationCommand({
    ApplicationName: name,
    InputConfigurations: [{ Id: d.ApplicationDetail!.InputDescriptions![0]!.InputId!, InputStartingPositionConfiguration: { InputStartingPosition: 'NOW' } }],
  }));
  await waitForApp(kda, name, 'RUNNING');
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('pre-processing, error_stream, a Firehose output and a retried Lambda output', { timeout: 120_000 }, async () => {
  const outputFile = join(folder, 'lambda-output.jsonl');
  await createFunction('preprocess', PREPROCESS);
  await createFunction('flaky-output', FLAKY_OUTPUT, { OUTPUT_FILE: outputFile });
  const kinesis = server.kinesis();
  await createStreams(kinesis, ['raw', 'errors']);
  const { DeliveryStreamARN } = await firehose.send(new CreateDeliveryStreamCommand({
    DeliveryStreamName: 'rows',
    ExtendedS3DestinationConfiguration: { RoleARN: ROLE, BucketARN: 'arn:aws:s3:::rows-bucket', BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 0 } },
  }));
  await until('the delivery stream', async () =>
    (await firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'rows' }))).DeliveryStreamDescription!.DeliveryStreamStatus === 'ACTIVE' || undefined);

  await startApp('io', {
    ApplicationCode: `CREATE OR REPLACE STREAM "DEST" (code VARCHAR(8), shard VARCHAR(32));
CREATE OR REPLACE PUMP "P" AS INSERT INTO "DEST" SELECT STREAM "code", "shard" FROM "SOURCE_SQL_STREAM_001";`,
    Inputs: [kinesisInput('raw', [['code', 'VARCHAR(8)'], ['shard', 'VARCHAR(32)']], {
      InputProcessingConfiguration: { InputLambdaProcessor: { ResourceARN: fnArn('preprocess'), RoleARN: ROLE } },
    })],
    Outputs: [
      { Name: 'DEST', KinesisFirehoseOutput: { ResourceARN: DeliveryStreamARN!, RoleARN: ROLE }, DestinationSchema: { RecordFormatType: 'CSV' } },
      { Name: 'DEST', LambdaOutput: { ResourceARN: fnArn('flaky-output'), RoleARN: ROLE }, DestinationSchema: { RecordFormatType: 'JSON' } },
      kinesisOutput('error_stream', 'errors'),
    ],
  });
  await kinesis.send(new PutRecordsCommand({
    StreamName: 'raw',
    Records: ['a', 'drop', 'fail', 'b'].map((code) => ({ PartitionKey: code, Data: Buffer.from(JSON.stringify({ code })) })),
  }));

  // Firehose output: one record per row, in order, delivered by the delivery stream to its bucket.
  const delivered = await until('the Firehose objects', async () => {
    const list = await server.freshet.objectStore.listObjects('rows-bucket', {}).catch(() => undefined);
    if (!list) return undefined;
    let text = '';
    for (const o of list.contents) text += (await server.freshet.objectStore.getObject('rows-bucket', o.key)).body.toString('utf8');
    return text.split('\n').filter(Boolean).length >= 2 ? text : undefined;
  });
  assert.equal(delivered, 'A,shardId-000000000000\nB,shardId-000000000000\n');

  // Lambda output: each row refused once (retryHint 0), then delivered with retryHint 1.
  const accepted = await until('the Lambda output', async () => {
    const lines = (await readFile(outputFile, 'utf8').catch(() => '')).split('\n').filter(Boolean);
    return lines.length >= 2 ? lines.map((l) => JSON.parse(l)) : undefined;
  });
  assert.deepEqual(accepted, [
    { hint: 1, app: appArn('io'), row: '{"CODE":"A","SHARD":"shardId-000000000000"}' },
    { hint: 1, app: appArn('io'), row: '{"CODE":"B","SHARD":"shardId-000000000000"}' },
  ]);

  // ProcessingFailed went to error_stream with the source record; Dropped vanished.
  const errors = (await readRecords(kinesis, 'errors', 1, 30_000)).map((t) => JSON.parse(t));
  assert.equal(errors.length, 1);
  assert.equal(errors[0].ERROR_NAME, 'Lambda_Processing_Failed');
  assert.equal(Buffer.from(errors[0].DATA_ROW, 'hex').toString('utf8'), '{"code":"fail"}');
});

test('a malformed pre-processing response is retried, then its records go to error_stream', { timeout: 120_000 }, async () => {
  await createFunction('malformed', MALFORMED);
  const kinesis = server.kinesis();
  await createStreams(kinesis, ['raw2', 'errors2', 'out2']);
  await startApp('malformed-app', {
    ApplicationCode: `CREATE OR REPLACE STREAM "DEST" (code VARCHAR(8));
CREATE OR REPLACE PUMP "P" AS INSERT INTO "DEST" SELECT STREAM "code" FROM "SOURCE_SQL_STREAM_001";`,
    Inputs: [kinesisInput('raw2', [['code', 'VARCHAR(8)']], {
      InputProcessingConfiguration: { InputLambdaProcessor: { ResourceARN: fnArn('malformed'), RoleARN: ROLE } },
    })],
    Outputs: [kinesisOutput('DEST', 'out2'), kinesisOutput('error_stream', 'errors2')],
  });
  await kinesis.send(new PutRecordsCommand({ StreamName: 'raw2', Records: [{ PartitionKey: 'k', Data: Buffer.from('{"code":"x"}') }] }));
  const errors = (await readRecords(kinesis, 'errors2', 1, 30_000)).map((t) => JSON.parse(t));
  assert.equal(errors.length, 1);
  assert.equal(errors[0].ERROR_NAME, 'Lambda_Error');
  assert.match(errors[0].MESSAGE, /missing record ids/);
  assert.equal(Buffer.from(errors[0].DATA_ROW, 'hex').toString('utf8'), '{"code":"x"}');
  assert.deepEqual(await readRecords(kinesis, 'out2', 1, 300), []);
});
