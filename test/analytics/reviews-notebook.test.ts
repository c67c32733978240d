/**
 * The "Data Science on AWS" reviews notebook end to end: a Firehose delivery stream, a pre-processing function and
 * two output functions created with the aws CLI, the application created with boto3 exactly as the notebook does
 * (Firehose input + InputLambdaProcessor, tab-separated CSV schema, two Lambda outputs and one Kinesis output),
 * reviews put into the delivery stream, and the three outputs checked where they arrive.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { FirehoseClient, PutRecordBatchCommand } from '@aws-sdk/client-firehose';
import { GetRecordsCommand, GetShardIteratorCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { awsCli, boto3, startTestServer, TEST_CREDENTIALS, TEST_REGION, type TestServer } from '../helpers/freshet.js';

const EXAMPLE = resolve(import.meta.dirname, '../../examples/reviews');
const ACCOUNT = '000000000000';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/DSOAWS_Kinesis`;

let server: TestServer;
let outDir: string;

before(async () => {
  server = await startTestServer({
    analytics: { tickMs: 200, pollMs: 200, transitionMs: 20 },
    firehose: { transitionMs: 20 },
  });
  outDir = await mkdtemp(join(tmpdir(), 'freshet-reviews-'));
});

after(async () => {
  await server?.stop();
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

async function createFunction(name: string, folder: string, outputFile?: string): Promise<string> {
  const env = outputFile ? ['--environment', `Variables={OUTPUT_FILE=${outputFile}}`] : [];
  const res = await awsCli(server.endpoint, [
    'lambda', 'create-function', '--function-name', name, '--package-type', 'Image',
    '--code', `ImageUri=file://${join(EXAMPLE, 'functions', folder)}`, '--handler', 'index.handler', '--role', ROLE, ...env,
  ]);
  return res.json().FunctionArn as string;
}

/** Resolves with the file's lines once `enough` says they suffice (polled: the file is written by another process). */
async function waitForLines(path: string, enough: (lines: string[]) => boolean, timeoutMs = 90_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const lines = (await readFile(path, 'utf8').catch(() => '')).split('\n').filter(Boolean);
    if (enough(lines)) return lines;
    if (Date.now() > deadline) throw new Error(`${path}: only ${lines.length} lines after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function readStream(client: KinesisClient, stream: string, enough: (texts: string[]) => boolean): Promise<string[]> {
  const { ShardIterator } = await client.send(new GetShardIteratorCommand({ StreamName: stream, ShardId: 'shardId-000000000000', ShardIteratorType: 'TRIM_HORIZON' }));
  let iterator = ShardIterator;
  const texts: string[] = [];
  const deadline = Date.now() + 90_000;
  while (!enough(texts)) {
    if (Date.now() > deadline) throw new Error(`${stream}: only ${texts.length} records`);
    const res = await client.send(new GetRecordsCommand({ ShardIterator: iterator }));
    texts.push(...(res.Records ?? []).map((r) => Buffer.from(r.Data!).toString('utf8')));
    iterator = res.NextShardIterator;
    if (!res.Records?.length) await new Promise((r) => setTimeout(r, 250));
  }
  return texts;
}

test('the reviews notebook: Firehose input with Lambda pre-processing, Lambda and Kinesis outputs', { timeout: 180_000 }, async () => {
  const avgFile = join(outDir, 'avg-star-rating.txt');
  const anomalyFile = join(outDir, 'anomaly-scores.txt');
  const [preprocessArn, cloudwatchArn, snsArn] = await Promise.all([
    createFunction('DeliverKinesisAnalyticsToCloudWatch-invoke-ep', 'preprocess'),
    createFunction('DeliverKinesisAnalyticsToCloudWatch', 'deliver', avgFile),
    createFunction('PushNotificationToSNS', 'deliver', anomalyFile),
  ]);
  await awsCli(server.endpoint, ['kinesis', 'create-stream', '--stream-name', 'dsoaws-kinesis-data-stream', '--shard-count', '1']);
  const firehose = await awsCli(server.endpoint, [
    'firehose', 'create-delivery-stream', '--delivery-stream-name', 'dsoaws-kinesis-data-firehose',
    '--delivery-stream-type', 'DirectPut',
    '--s3-destination-configuration', `RoleARN=${ROLE},BucketARN=arn:aws:s3:::dsoaws-reviews`,
  ]);
  const firehoseArn = firehose.json().DeliveryStreamARN as string;
  const streamArn = `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/dsoaws-kinesis-data-stream`;
  const sql = await readFile(join(EXAMPLE, 'notebook_sql.py'), 'utf8');

  const script = `
import time
${sql}
kinesis_analytics = boto3.client('kinesisanalytics', endpoint_url=kinesis.meta.endpoint_url, region_name='us-east-1')
firehose = boto3.client('firehose', endpoint_url=kinesis.meta.endpoint_url, region_name='us-east-1')
firehose_arn = ${JSON.stringify(firehoseArn)}
iam_role_kinesis_arn = ${JSON.stringify(ROLE)}
iam_role_lambda_arn = ${JSON.stringify(ROLE)}
lambda_fn_arn_invoke_ep = ${JSON.stringify(preprocessArn)}
lambda_fn_arn_cloudwatch = ${JSON.stringify(cloudwatchArn)}
lambda_fn_arn_sns = ${JSON.stringify(snsArn)}
stream_arn = ${JSON.stringify(streamArn)}
kinesis_data_analytics_app_name = "dsoaws-kinesis-data-analytics-sql-app"
response = kinesis_analytics.create_application(
    ApplicationName=kinesis_data_analytics_app_name,
    Inputs=[
        {
            "NamePrefix": "SOURCE_SQL_STREAM",
            "KinesisFirehoseInput": {
                "ResourceARN": "{}".format(firehose_arn),
                "RoleARN": "{}".format(iam_role_kinesis_arn),
            },
            "InputProcessingConfiguration": {
                "InputLambdaProcessor": {
                    "ResourceARN": "{}".format(lambda_fn_arn_invoke_ep),
                    "RoleARN": "{}".format(iam_role_lambda_arn),
                }
            },
            "InputSchema": {
                "RecordFormat": {
                    "RecordFormatType": "CSV",
                    "MappingParameters": {
                        "CSVMappingParameters": {"RecordRowDelimiter": "\\n", "RecordColumnDelimiter": "\\t"}
                    },
                },
                "RecordColumns": [
                    {"Name": "review_id", "Mapping": "review_id", "SqlType": "VARCHAR(14)"},
                    {"Name": "star_rating", "Mapping": "star_rating", "SqlType": "INTEGER"},
                    {"Name": "product_category", "Mapping": "product_category", "SqlType": "VARCHAR(24)"},
                    {"Name": "review_body", "Mapping": "review_body", "SqlType": "VARCHAR(65535)"},
                ],
            },
        },
    ],
    Outputs=[
        {
            "Name": "AVG_STAR_RATING_SQL_STREAM",
            "LambdaOutput": {
                "ResourceARN": "{}".format(lambda_fn_arn_cloudwatch),
                "RoleARN": "{}".format(iam_role_lambda_arn),
            },
            "DestinationSchema": {"RecordFormatType": "CSV"},
        },
        {
            "Name": "ANOMALY_SCORE_SQL_STREAM",
            "LambdaOutput": {
                "ResourceARN": "{}".format(lambda_fn_arn_sns),
                "RoleARN": "{}".format(iam_role_kinesis_arn),
            },
            "DestinationSchema": {"RecordFormatType": "CSV"},
        },
        {
            "Name": "APPROXIMATE_COUNT_SQL_STREAM",
            "KinesisStreamsOutput": {
                "ResourceARN": "{}".format(stream_arn),
                "RoleARN": "{}".format(iam_role_kinesis_arn),
            },
            "DestinationSchema": {"RecordFormatType": "CSV"},
        },
    ],
    ApplicationCode=sql_code,
)
input_id = kinesis_analytics.describe_application(ApplicationName=kinesis_data_analytics_app_name)["ApplicationDetail"]["InputDescriptions"][0]["InputId"]
kinesis_analytics.start_application(
    ApplicationName=kinesis_data_analytics_app_name,
    InputConfigurations=[{"Id": input_id, "InputStartingPositionConfiguration": {"InputStartingPosition": "NOW"}}],
)
for _ in range(400):
    status = kinesis_analytics.describe_application(ApplicationName=kinesis_data_analytics_app_name)["ApplicationDetail"]["ApplicationStatus"]
    if status == "RUNNING":
        break
    time.sleep(0.05)
print(json.dumps({"status": status}))
`;
  assert.equal((await boto3(server.endpoint, script)).json().status, 'RUNNING');

  // Reviews as the notebook's producer put them: tab-separated, one per Firehose record; one without a body
  // (Dropped by the function) and one with an impossible rating (ProcessingFailed) in each batch.
  const client = server.kinesis();
  const firehoseClient = new FirehoseClient({ endpoint: server.endpoint, region: TEST_REGION, credentials: TEST_CREDENTIALS });
  let batch = 0;
  const putter = setInterval(() => {
    const n = batch++;
    const records = [1, 2, 3, 4, 5, 4, 5, 3].map((stars, i) => `R${n}x${i}\t${stars}\tBooks\tReview ${n}-${i}\n`);
    records.push(`R${n}dropped\t5\tBooks\t\n`, `R${n}bad\t9\tBooks\tToo many stars\n`);
    void firehoseClient
      .send(new PutRecordBatchCommand({ DeliveryStreamName: 'dsoaws-kinesis-data-firehose', Records: records.map((r) => ({ Data: Buffer.from(r) })) }))
      .catch(() => undefined);
  }, 1000);
  try {
    const averages = await waitForLines(avgFile, (l) => l.length >= 1);
    // Each batch reaches the application whole, after its one pre-processing call, so every window holds whole
    // batches: only the valid ratings count (mean 3.375); the 9 was ProcessingFailed, the bodiless review Dropped.
    for (const line of averages) assert.equal(Number(line), 3.375, `average ${line}`);
    const scores = await waitForLines(anomalyFile, (l) => l.length >= 16);
    for (const line of scores) assert.ok(Number.isFinite(Number(line)) && Number(line) >= 0, `anomaly score ${line}`);
    const counts = await readStream(client, 'dsoaws-kinesis-data-stream', (t) => t.length >= 1);
    for (const text of counts) assert.match(text, /^\d+\n?$/);
    assert.ok(counts.some((t) => Number(t) > 0));
  } finally {
    clearInterval(putter);
    firehoseClient.destroy();
  }
});
