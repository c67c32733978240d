/**
 * DiscoverInputSchema: the workshop's traffic messages give the schema its console showed; CSV delimiters and a
 * header row; KDA's column renaming; the API over a stream sample (aws CLI) and over a local file; its errors.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { DiscoverInputSchemaCommand } from '@aws-sdk/client-kinesis-analytics';
import { CreateFunctionCommand } from '@aws-sdk/client-lambda';
import { lambdaClient, zipOf } from '../lambda/support.js';
import { discoveredName } from '../../src/analytics/discovery/column-names.js';
import { inferSchema, varcharLength } from '../../src/analytics/discovery/infer-schema.js';
import { awsCli, type TestServer } from '../helpers/freshet.js';
import { analyticsClient, assertKdaError, createStreams, kdaJson, ROLE, startAnalyticsServer, streamArn } from './support.js';
import { trafficMessages } from './traffic.js';

const WORKSHOP_COLUMNS = [
  ['color', '$.color', 'VARCHAR(8)'],
  ['licenseplate', '$.licenseplate', 'VARCHAR(8)'],
  ['manufacturer', '$.manufacturer', 'VARCHAR(16)'],
  ['model', '$.model', 'VARCHAR(8)'],
  ['latitude', '$.latitude', 'VARCHAR(16)'],
  ['longitude', '$.longitude', 'DOUBLE'],
  ['roadNumber', '$.roadNumber', 'VARCHAR(4)'],
  ['speed', '$.speed', 'INTEGER'],
  ['COL_timestamp', '$.timestamp', 'VARCHAR(32)'],
  ['country', '$.country', 'VARCHAR(4)'],
];

describe('schema inference', () => {
  it('types the traffic messages as the workshop console showed them', () => {
    const inferred = inferSchema(trafficMessages(5).map((m) => JSON.stringify(m)))!;
    assert.deepEqual(
      inferred.schema.RecordColumns.map((c) => [c.Name, c.Mapping, c.SqlType]),
      WORKSHOP_COLUMNS,
    );
    assert.deepEqual(inferred.schema.RecordFormat, { RecordFormatType: 'JSON', MappingParameters: { JSONMappingParameters: { RecordRowPath: '$' } } });
    assert.deepEqual(inferred.parsed[0], ['black', 'PC-90-13', 'BMW', '7 series', '52.0604741', '5.100614', 'A12', '80', '2018-04-19T21:08:00', 'NL']);
  });

  it('rounds VARCHAR lengths up to a power of two, at least 4', () => {
    assert.deepEqual([1, 4, 5, 9, 35, 64, 65].map(varcharLength), [4, 4, 8, 16, 64, 64, 128]);
  });

  it('renames reserved words and unusable names with COL_', () => {
    assert.deepEqual(
      ['timestamp', 'USER', 'year', 'USER@DOMAIN', '@@', '1st', 'speed', 'roadNumber'].map((n, i) => discoveredName(n, i)),
      ['COL_timestamp', 'COL_USER', 'COL_year', 'COL_USERDOMAIN', 'COL_4', 'COL_1st', 'speed', 'roadNumber'],
    );
  });

  it('detects CSV delimiters and a header row, whose own lengths do not count', () => {
    const inferred = inferSchema(['state,energy_source,amount\r\nAK,Coal,12\r\nAL,Gas,7\r\n'])!;
    assert.deepEqual(inferred.schema.RecordFormat.MappingParameters, { CSVMappingParameters: { RecordRowDelimiter: '\r\n', RecordColumnDelimiter: ',' } });
    assert.deepEqual(
      inferred.schema.RecordColumns.map((c) => [c.Name, c.SqlType]),
      [['state', 'VARCHAR(4)'], ['energy_source', 'VARCHAR(4)'], ['amount', 'INTEGER']],
    );
    assert.deepEqual(inferred.parsed[0], ['state', 'energy_source', 'amount']);
    const plain = inferSchema(['a|1\n', 'b|2\n'])!;
    assert.deepEqual(plain.schema.RecordColumns.map((c) => [c.Name, c.SqlType]), [['COL1', 'VARCHAR(4)'], ['COL2', 'INTEGER']]);
  });
});

describe('the DiscoverInputSchema API', () => {
  let server: TestServer;
  let dir: string;
  before(async () => {
    server = await startAnalyticsServer();
    dir = await mkdtemp(join(tmpdir(), 'freshet-kda-discover-'));
  });
  after(async () => {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('samples a stream from NOW with the aws CLI, as the console did', async () => {
    await createStreams(server.kinesis(), ['traffic-message-stream']);
    const messages = trafficMessages(5);
    await server.kinesis().send(
      new PutRecordsCommand({ StreamName: 'traffic-message-stream', Records: messages.map((m) => ({ Data: Buffer.from(JSON.stringify(m)), PartitionKey: m.licenseplate })) }),
    );
    const res = (
      await awsCli(server.endpoint, [
        'kinesisanalytics',
        'discover-input-schema',
        '--resource-arn',
        streamArn('traffic-message-stream'),
        '--role-arn',
        ROLE,
        '--input-starting-position-configuration',
        'InputStartingPosition=NOW',
      ])
    ).json();
    assert.deepEqual(
      res.InputSchema.RecordColumns.map((c: any) => [c.Name, c.Mapping, c.SqlType]),
      WORKSHOP_COLUMNS,
    );
    assert.equal(res.InputSchema.RecordEncoding, 'UTF-8');
    assert.deepEqual(res.RawInputRecords, messages.map((m) => JSON.stringify(m)));
    assert.deepEqual(res.ProcessedInputRecords, res.RawInputRecords);
    assert.equal(res.ParsedInputRecords.length, 5);
    assert.equal(res.ParsedInputRecords[2][1], '7-RTR-58');
  });

  it('samples a local file named by S3Configuration', async () => {
    const file = join(dir, 'sample.csv');
    await writeFile(file, 'NL,Netherlands\nBE,Belgium\n');
    const kda = analyticsClient(server);
    try {
      const r = await kda.send(new DiscoverInputSchemaCommand({ S3Configuration: { RoleARN: ROLE, BucketARN: 'arn:aws:s3:::local', FileKey: pathToFileURL(file).href } }));
      assert.deepEqual(r.InputSchema!.RecordColumns, [{ Name: 'COL1', SqlType: 'VARCHAR(4)' }, { Name: 'COL2', SqlType: 'VARCHAR(16)' }]);
      assert.deepEqual(r.InputSchema!.RecordFormat!.MappingParameters!.CSVMappingParameters, { RecordRowDelimiter: '\n', RecordColumnDelimiter: ',' });
      assert.deepEqual(r.ParsedInputRecords, [['NL', 'Netherlands'], ['BE', 'Belgium']]);
    } finally {
      kda.destroy();
    }
  });

  it('discovers the schema of the records the InputLambdaProcessor returns', async () => {
    const lambda = lambdaClient(server.endpoint);
    try {
      await lambda.send(new CreateFunctionCommand({
        FunctionName: 'pipes-to-json', Runtime: 'nodejs20.x', Role: ROLE, Handler: 'index.handler',
        Code: { ZipFile: zipOf({ 'index.js': `exports.handler = async (e) => ({ records: e.records.map((r) => {
          const [code, name] = Buffer.from(r.data, 'base64').toString().trim().split('|');
          return { recordId: r.recordId, result: 'Ok', data: Buffer.from(JSON.stringify({ code, name })).toString('base64') };
        }) });` }) },
      }));
    } finally {
      lambda.destroy();
    }
    const file = join(dir, 'pipes.txt');
    await writeFile(file, 'NL|Netherlands\nBE|Belgium\n');
    const reply = await kdaJson(server.endpoint, 'DiscoverInputSchema', {
      S3Configuration: { RoleARN: ROLE, BucketARN: 'arn:aws:s3:::local', FileKey: pathToFileURL(file).href },
      InputProcessingConfiguration: { InputLambdaProcessor: { ResourceARN: 'arn:aws:lambda:us-east-1:000000000000:function:pipes-to-json', RoleARN: ROLE } },
    });
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    assert.deepEqual(reply.body.RawInputRecords, ['NL|Netherlands\n', 'BE|Belgium\n']);
    assert.deepEqual(reply.body.ProcessedInputRecords, ['{"code":"NL","name":"Netherlands"}', '{"code":"BE","name":"Belgium"}']);
    assert.equal(reply.body.InputSchema.RecordFormat.RecordFormatType, 'JSON');
    assert.deepEqual(reply.body.ParsedInputRecords, [['NL', 'Netherlands'], ['BE', 'Belgium']]);
  });

  it('sends the sampled records with UnableToDetectSchemaException, as AWS does', async () => {
    const file = join(dir, 'broken.json');
    await writeFile(file, '{"a":1\n{"b":\n');
    const reply = await kdaJson(server.endpoint, 'DiscoverInputSchema', {
      S3Configuration: { RoleARN: ROLE, BucketARN: 'arn:aws:s3:::local', FileKey: pathToFileURL(file).href },
    });
    assert.equal(reply.status, 400);
    assert.equal(reply.body.__type, 'UnableToDetectSchemaException');
    assert.deepEqual(reply.body.RawInputRecords, ['{"a":1\n', '{"b":\n']);
    assert.deepEqual(reply.body.ProcessedInputRecords, reply.body.RawInputRecords);
  });

  it('answers UnableToDetectSchemaException for an empty stream and InvalidArgumentException without a source', async () => {
    await createStreams(server.kinesis(), ['empty-stream']);
    await assertKdaError(
      kdaJson(server.endpoint, 'DiscoverInputSchema', {
        ResourceARN: streamArn('empty-stream'),
        RoleARN: ROLE,
        InputStartingPositionConfiguration: { InputStartingPosition: 'TRIM_HORIZON' },
      }),
      'UnableToDetectSchemaException',
      'No data was found in the source to discover a schema from.',
    );
    await assertKdaError(
      kdaJson(server.endpoint, 'DiscoverInputSchema', {}),
      'InvalidArgumentException',
      'Either ResourceARN and RoleARN, or S3Configuration, must be specified.',
    );
    await assertKdaError(
      kdaJson(server.endpoint, 'DiscoverInputSchema', {
        ResourceARN: streamArn('no-such-stream'),
        RoleARN: ROLE,
        InputStartingPositionConfiguration: { InputStartingPosition: 'NOW' },
      }),
      'InvalidArgumentException',
      `Stream ${streamArn('no-such-stream')} does not exist.`,
    );
  });
});
