/**
 * The kinesisanalytics control plane through @aws-sdk/client-kinesis-analytics (and raw JSON 1.1 where the exact
 * body matters): every configuration action, versions, statuses and the errors AWS answers with.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AddApplicationCloudWatchLoggingOptionCommand,
  AddApplicationInputCommand,
  AddApplicationInputProcessingConfigurationCommand,
  AddApplicationOutputCommand,
  AddApplicationReferenceDataSourceCommand,
  CreateApplicationCommand,
  DeleteApplicationCloudWatchLoggingOptionCommand,
  DeleteApplicationCommand,
  DeleteApplicationInputProcessingConfigurationCommand,
  DeleteApplicationOutputCommand,
  DeleteApplicationReferenceDataSourceCommand,
  DescribeApplicationCommand,
  ListApplicationsCommand,
  ListTagsForResourceCommand,
  StartApplicationCommand,
  StopApplicationCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateApplicationCommand,
  type KinesisAnalyticsClient,
} from '@aws-sdk/client-kinesis-analytics';
import type { TestServer } from '../helpers/freshet.js';
import {
  ACCOUNT,
  analyticsClient,
  appArn,
  assertKdaError,
  kdaJson,
  kinesisInput,
  kinesisOutput,
  ROLE,
  sdkError,
  startAnalyticsServer,
  waitForApp,
} from './support.js';

let server: TestServer;
let kda: KinesisAnalyticsClient;

before(async () => {
  server = await startAnalyticsServer();
  kda = analyticsClient(server);
});
after(async () => {
  kda.destroy();
  await server.stop();
});

const PUMP = `CREATE OR REPLACE STREAM "DEST" (x DOUBLE);
CREATE OR REPLACE PUMP "P" AS INSERT INTO "DEST" SELECT STREAM "x" FROM "SOURCE_SQL_STREAM_001";`;

const describeApp = async (name: string) => (await kda.send(new DescribeApplicationCommand({ ApplicationName: name }))).ApplicationDetail!;

describe('CreateApplication, DescribeApplication, ListApplications', () => {
  it('creates a READY application at version 1 and describes what it was given', async () => {
    const res = await kda.send(
      new CreateApplicationCommand({
        ApplicationName: 'describe-me',
        ApplicationDescription: 'two outputs',
        ApplicationCode: PUMP,
        Inputs: [kinesisInput('in', [['x', 'DOUBLE']], { InputParallelism: { Count: 2 } })],
        Outputs: [kinesisOutput('DEST', 'out'), kinesisOutput('error_stream', 'errors', 'CSV')],
        CloudWatchLoggingOptions: [{ LogStreamARN: 'arn:aws:logs:us-east-1:000000000000:log-group:g:log-stream:s', RoleARN: ROLE }],
      }),
    );
    assert.deepEqual(res.ApplicationSummary, { ApplicationName: 'describe-me', ApplicationARN: appArn('describe-me'), ApplicationStatus: 'READY' });
    const d = await describeApp('describe-me');
    assert.equal(d.ApplicationVersionId, 1);
    assert.equal(d.ApplicationStatus, 'READY');
    assert.equal(d.ApplicationDescription, 'two outputs');
    assert.equal(d.ApplicationCode, PUMP);
    assert.ok(d.CreateTimestamp instanceof Date);
    assert.equal(d.InputDescriptions![0]!.InputId, '1.1');
    assert.deepEqual(d.InputDescriptions![0]!.InAppStreamNames, ['SOURCE_SQL_STREAM_001', 'SOURCE_SQL_STREAM_002']);
    assert.deepEqual(d.InputDescriptions![0]!.InputParallelism, { Count: 2 });
    assert.equal(d.InputDescriptions![0]!.KinesisStreamsInputDescription!.ResourceARN, 'arn:aws:kinesis:us-east-1:000000000000:stream/in');
    assert.deepEqual(d.OutputDescriptions!.map((o) => [o.OutputId, o.Name, o.DestinationSchema!.RecordFormatType]), [
      ['1.1', 'DEST', 'JSON'],
      ['1.2', 'error_stream', 'CSV'],
    ]);
    assert.equal(d.CloudWatchLoggingOptionDescriptions![0]!.CloudWatchLoggingOptionId, '1.1');
  });

  it('refuses a name in use, and names that fail the model', async () => {
    await kda.send(new CreateApplicationCommand({ ApplicationName: 'taken' }));
    const e = await sdkError(kda.send(new CreateApplicationCommand({ ApplicationName: 'taken' })));
    assert.deepEqual([e.name, e.message, e.status], ['ResourceInUseException', `Application taken already exists in account ${ACCOUNT}.`, 400]);
    await assertKdaError(
      kdaJson(server.endpoint, 'CreateApplication', { ApplicationName: 'has space' }),
      'ValidationException',
      "1 validation error detected: Value 'has space' at 'applicationName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
    );
    await assertKdaError(
      kdaJson(server.endpoint, 'CreateApplication', {}),
      'ValidationException',
      "1 validation error detected: Value null at 'applicationName' failed to satisfy constraint: Member must not be null",
    );
    await assertKdaError(
      kdaJson(server.endpoint, 'CreateApplication', { ApplicationName: 'nested', Inputs: [{ ...kinesisInput('in', [['x', 'INTEGER']]), NamePrefix: 'P'.repeat(33), InputParallelism: { Count: 65 } }] }),
      'ValidationException',
      `2 validation errors detected: Value '${'P'.repeat(33)}' at 'inputs.1.member.namePrefix' failed to satisfy constraint: Member must have length less than or equal to 32; ` +
        "Value '65' at 'inputs.1.member.inputParallelism.count' failed to satisfy constraint: Member must have value less than or equal to 64",
    );
    const r = await kdaJson(server.endpoint, 'CreateApplication', { ApplicationName: 5 });
    assert.deepEqual([r.status, r.body.__type], [400, 'SerializationException']);
  });

  it('answers CodeValidationException with the line and column of bad SQL', async () => {
    const e = await sdkError(
      kda.send(
        new CreateApplicationCommand({
          ApplicationName: 'bad-sql',
          Inputs: [kinesisInput('in', [['x', 'DOUBLE']])],
          ApplicationCode: 'CREATE OR REPLACE STREAM "D" (x DOUBLE);\nCREATE OR REPLACE PUMP "P" AS INSERT INTO "D" SELECT STREAM "nope" FROM "SOURCE_SQL_STREAM_001";',
        }),
      ),
    );
    assert.equal(e.name, 'CodeValidationException');
    assert.match(e.message, /at line 2, column \d+$/);
    await assert.rejects(describeApp('bad-sql'), { name: 'ResourceNotFoundException' });
  });

  it('allows one input and three outputs, each naming exactly one source or destination', async () => {
    const two = await sdkError(kda.send(new CreateApplicationCommand({ ApplicationName: 'two-in', Inputs: [kinesisInput('a', [['x', 'INTEGER']]), kinesisInput('b', [['x', 'INTEGER']])] })));
    assert.equal(two.name, 'LimitExceededException');
    const four = await sdkError(
      kda.send(new CreateApplicationCommand({ ApplicationName: 'four-out', Outputs: ['A', 'B', 'C', 'D'].map((n) => kinesisOutput(n, 'out')) })),
    );
    assert.equal(four.name, 'LimitExceededException');
    const none = kinesisInput('a', [['x', 'INTEGER']]);
    delete none.KinesisStreamsInput;
    const e = await sdkError(kda.send(new CreateApplicationCommand({ ApplicationName: 'no-source', Inputs: [none] })));
    assert.deepEqual([e.name, e.message], ['InvalidArgumentException', 'Exactly one of KinesisStreamsInput or KinesisFirehoseInput must be specified.']);
  });

  it('answers ResourceNotFoundException for an unknown application', async () => {
    const e = await sdkError(describeApp('never-made'));
    assert.deepEqual([e.name, e.message, e.status], ['ResourceNotFoundException', `Application never-made is not found in account ${ACCOUNT}.`, 400]);
  });

  it('lists in name order, Limit at a time, after ExclusiveStartApplicationName', async () => {
    for (const n of ['list-c', 'list-a', 'list-b']) await kda.send(new CreateApplicationCommand({ ApplicationName: n }));
    const all = (await kda.send(new ListApplicationsCommand({}))).ApplicationSummaries!.map((s) => s.ApplicationName!);
    assert.deepEqual(all, [...all].sort());
    const page = await kda.send(new ListApplicationsCommand({ Limit: 2, ExclusiveStartApplicationName: 'list-a' }));
    assert.deepEqual(page.ApplicationSummaries!.map((s) => s.ApplicationName), ['list-b', 'list-c']);
    const last = await kda.send(new ListApplicationsCommand({ Limit: 50, ExclusiveStartApplicationName: 'list-b' }));
    assert.equal(last.ApplicationSummaries![0]!.ApplicationName, 'list-c');
    assert.equal(page.HasMoreApplications, all.indexOf('list-c') < all.length - 1);
  });
});

describe('versioned changes', () => {
  it('adds and deletes every kind of part, one version each, and refuses a stale version', async () => {
    const name = 'parts';
    await kda.send(new CreateApplicationCommand({ ApplicationName: name }));
    await kda.send(new AddApplicationInputCommand({ ApplicationName: name, CurrentApplicationVersionId: 1, Input: kinesisInput('in', [['x', 'DOUBLE']]) }));
    let d = await describeApp(name);
    assert.equal(d.ApplicationVersionId, 2);
    assert.equal(d.InputDescriptions![0]!.InputId, '2.1');

    const stale = await sdkError(kda.send(new AddApplicationOutputCommand({ ApplicationName: name, CurrentApplicationVersionId: 1, Output: kinesisOutput('DEST', 'out') })));
    assert.deepEqual([stale.name, stale.message], ['ConcurrentModificationException', 'Provided application version id (1) is not the current application version id (2).']);

    const second = await sdkError(kda.send(new AddApplicationInputCommand({ ApplicationName: name, CurrentApplicationVersionId: 2, Input: kinesisInput('in2', [['x', 'DOUBLE']]) })));
    assert.equal(second.name, 'InvalidArgumentException');

    await kda.send(new AddApplicationOutputCommand({ ApplicationName: name, CurrentApplicationVersionId: 2, Output: kinesisOutput('DEST', 'out') }));
    await kda.send(
      new AddApplicationReferenceDataSourceCommand({
        ApplicationName: name,
        CurrentApplicationVersionId: 3,
        ReferenceDataSource: {
          TableName: 'Countries',
          S3ReferenceDataSource: { BucketARN: 'arn:aws:s3:::refs', FileKey: 'countries.csv', ReferenceRoleARN: ROLE },
          ReferenceSchema: {
            RecordFormat: { RecordFormatType: 'CSV', MappingParameters: { CSVMappingParameters: { RecordRowDelimiter: '\n', RecordColumnDelimiter: ',' } } },
            RecordColumns: [{ Name: 'code', SqlType: 'VARCHAR(4)' }],
          },
        },
      }),
    );
    await kda.send(
      new AddApplicationInputProcessingConfigurationCommand({
        ApplicationName: name,
        CurrentApplicationVersionId: 4,
        InputId: '2.1',
        InputProcessingConfiguration: { InputLambdaProcessor: { ResourceARN: 'arn:aws:lambda:us-east-1:000000000000:function:f', RoleARN: ROLE } },
      }),
    );
    await kda.send(
      new AddApplicationCloudWatchLoggingOptionCommand({
        ApplicationName: name,
        CurrentApplicationVersionId: 5,
        CloudWatchLoggingOption: { LogStreamARN: 'arn:aws:logs:us-east-1:000000000000:log-group:g:log-stream:s', RoleARN: ROLE },
      }),
    );
    d = await describeApp(name);
    assert.equal(d.ApplicationVersionId, 6);
    assert.equal(d.OutputDescriptions![0]!.OutputId, '3.1');
    assert.equal(d.ReferenceDataSourceDescriptions![0]!.ReferenceId, '4.1');
    assert.equal(d.ReferenceDataSourceDescriptions![0]!.S3ReferenceDataSourceDescription!.FileKey, 'countries.csv');
    assert.equal(d.InputDescriptions![0]!.InputProcessingConfigurationDescription!.InputLambdaProcessorDescription!.ResourceARN, 'arn:aws:lambda:us-east-1:000000000000:function:f');
    assert.equal(d.CloudWatchLoggingOptionDescriptions![0]!.CloudWatchLoggingOptionId, '6.1');

    const missing = await sdkError(kda.send(new DeleteApplicationOutputCommand({ ApplicationName: name, CurrentApplicationVersionId: 6, OutputId: '9.9' })));
    assert.deepEqual([missing.name, missing.message], ['ResourceNotFoundException', 'Output id 9.9 is not found in application parts.']);

    await kda.send(new DeleteApplicationOutputCommand({ ApplicationName: name, CurrentApplicationVersionId: 6, OutputId: '3.1' }));
    await kda.send(new DeleteApplicationReferenceDataSourceCommand({ ApplicationName: name, CurrentApplicationVersionId: 7, ReferenceId: '4.1' }));
    await kda.send(new DeleteApplicationInputProcessingConfigurationCommand({ ApplicationName: name, CurrentApplicationVersionId: 8, InputId: '2.1' }));
    await kda.send(new DeleteApplicationCloudWatchLoggingOptionCommand({ ApplicationName: name, CurrentApplicationVersionId: 9, CloudWatchLoggingOptionId: '6.1' }));
    d = await describeApp(name);
    assert.equal(d.ApplicationVersionId, 10);
    assert.deepEqual([d.OutputDescriptions, d.ReferenceDataSourceDescriptions, d.CloudWatchLoggingOptionDescriptions], [[], [], []]);
    assert.equal(d.InputDescriptions![0]!.InputProcessingConfigurationDescription, undefined);
  });

  it('UpdateApplication changes code, outputs and parallelism in one version, and validates the new code', async () => {
    const name = 'updated';
    await kda.send(new CreateApplicationCommand({ ApplicationName: name, Inputs: [kinesisInput('in', [['x', 'DOUBLE']])], Outputs: [kinesisOutput('DEST', 'out')] }));
    const bad = await sdkError(
      kda.send(new UpdateApplicationCommand({ ApplicationName: name, CurrentApplicationVersionId: 1, ApplicationUpdate: { ApplicationCodeUpdate: 'SELECT nonsense' } })),
    );
    assert.equal(bad.name, 'CodeValidationException');
    await kda.send(
      new UpdateApplicationCommand({
        ApplicationName: name,
        CurrentApplicationVersionId: 1,
        ApplicationUpdate: {
          ApplicationCodeUpdate: PUMP,
          InputUpdates: [{ InputId: '1.1', InputParallelismUpdate: { CountUpdate: 3 } }],
          OutputUpdates: [{ OutputId: '1.1', DestinationSchemaUpdate: { RecordFormatType: 'CSV' } }],
        },
      }),
    );
    const d = await describeApp(name);
    assert.equal(d.ApplicationVersionId, 2);
    assert.equal(d.ApplicationCode, PUMP);
    assert.equal(d.InputDescriptions![0]!.InAppStreamNames!.length, 3);
    assert.equal(d.OutputDescriptions![0]!.DestinationSchema!.RecordFormatType, 'CSV');
    assert.ok(d.LastUpdateTimestamp! >= d.CreateTimestamp!);
  });
});

describe('statuses: start, stop, delete', () => {
  // Transitions wait for this gate, so each intermediate status can be seen for sure.
  let held: (() => void)[] = [];
  const release = (): void => {
    for (const r of held.splice(0)) r();
  };
  let gated: TestServer;
  let client: KinesisAnalyticsClient;
  before(async () => {
    gated = await startAnalyticsServer({ analytics: { delay: () => new Promise<void>((res) => held.push(res)) } });
    client = analyticsClient(gated);
  });
  after(async () => {
    release();
    client.destroy();
    await gated.stop();
  });
  const status = async (name: string) => (await client.send(new DescribeApplicationCommand({ ApplicationName: name }))).ApplicationDetail!.ApplicationStatus;

  it('starts READY → STARTING → RUNNING, updates through UPDATING, refuses to start twice, stops RUNNING → STOPPING → READY', async () => {
    const name = 'lifecycle';
    await client.send(new CreateApplicationCommand({ ApplicationName: name, ApplicationCode: PUMP, Inputs: [kinesisInput('nowhere', [['x', 'DOUBLE']])] }));
    const noConfig = await sdkError(
      client.send(new StartApplicationCommand({ ApplicationName: name, InputConfigurations: [{ Id: '7.7', InputStartingPositionConfiguration: { InputStartingPosition: 'NOW' } }] })),
    );
    assert.deepEqual([noConfig.name, noConfig.message], ['InvalidArgumentException', 'Input id 7.7 does not exist in application lifecycle.']);
    await client.send(new StartApplicationCommand({ ApplicationName: name, InputConfigurations: [{ Id: '1.1', InputStartingPositionConfiguration: { InputStartingPosition: 'TRIM_HORIZON' } }] }));
    assert.equal(await status(name), 'STARTING');
    const again = await sdkError(
      client.send(new StartApplicationCommand({ ApplicationName: name, InputConfigurations: [{ Id: '1.1', InputStartingPositionConfiguration: { InputStartingPosition: 'NOW' } }] })),
    );
    assert.deepEqual([again.name, again.message], ['ResourceInUseException', 'Application lifecycle is in STARTING state. Only an application in READY state can be started.']);
    const busy = await sdkError(client.send(new UpdateApplicationCommand({ ApplicationName: name, CurrentApplicationVersionId: 1, ApplicationUpdate: { ApplicationCodeUpdate: PUMP } })));
    assert.equal(busy.name, 'ResourceInUseException');
    release();
    await waitForApp(client, name, 'RUNNING');
    assert.deepEqual(
      (await client.send(new DescribeApplicationCommand({ ApplicationName: name }))).ApplicationDetail!.InputDescriptions![0]!.InputStartingPositionConfiguration,
      { InputStartingPosition: 'TRIM_HORIZON' },
    );
    // A change while running applies live: UPDATING, then RUNNING again.
    await client.send(new UpdateApplicationCommand({ ApplicationName: name, CurrentApplicationVersionId: 1, ApplicationUpdate: { ApplicationCodeUpdate: PUMP + '\n' } }));
    assert.equal(await status(name), 'UPDATING');
    release();
    await waitForApp(client, name, 'RUNNING');
    await client.send(new StopApplicationCommand({ ApplicationName: name }));
    assert.equal(await status(name), 'STOPPING');
    release();
    await waitForApp(client, name, 'READY');
  });

  it('refuses to start without an input', async () => {
    await client.send(new CreateApplicationCommand({ ApplicationName: 'no-input' }));
    const e = await sdkError(client.send(new StartApplicationCommand({ ApplicationName: 'no-input', InputConfigurations: [] })));
    assert.deepEqual([e.name, e.message], ['InvalidApplicationConfigurationException', 'Application no-input has no input. Add an input before starting it.']);
  });

  it('deletes only with the CreateTimestamp DescribeApplication gave: DELETING, then gone', async () => {
    await client.send(new CreateApplicationCommand({ ApplicationName: 'doomed' }));
    const created = (await client.send(new DescribeApplicationCommand({ ApplicationName: 'doomed' }))).ApplicationDetail!.CreateTimestamp!;
    const wrong = await sdkError(client.send(new DeleteApplicationCommand({ ApplicationName: 'doomed', CreateTimestamp: new Date(created.getTime() - 5000) })));
    assert.equal(wrong.name, 'ConcurrentModificationException');
    await client.send(new DeleteApplicationCommand({ ApplicationName: 'doomed', CreateTimestamp: created }));
    assert.equal(await status('doomed'), 'DELETING');
    release();
    for (let i = 0; i < 400; i++) {
      const e = await sdkError(status('doomed')).catch(() => undefined);
      if (e?.name === 'ResourceNotFoundException') return;
      await new Promise((res) => setTimeout(res, 10));
    }
    assert.fail('the application was not deleted');
  });
});

describe('tags', () => {
  it('tags at creation, overwrites, removes, and keeps at most 50', async () => {
    await kda.send(new CreateApplicationCommand({ ApplicationName: 'tagged', Tags: [{ Key: 'team', Value: 'a' }] }));
    const arn = appArn('tagged');
    await kda.send(new TagResourceCommand({ ResourceARN: arn, Tags: [{ Key: 'team', Value: 'b' }, { Key: 'env', Value: 'dev' }] }));
    assert.deepEqual((await kda.send(new ListTagsForResourceCommand({ ResourceARN: arn }))).Tags, [
      { Key: 'team', Value: 'b' },
      { Key: 'env', Value: 'dev' },
    ]);
    await kda.send(new UntagResourceCommand({ ResourceARN: arn, TagKeys: ['team', 'absent'] }));
    assert.deepEqual((await kda.send(new ListTagsForResourceCommand({ ResourceARN: arn }))).Tags, [{ Key: 'env', Value: 'dev' }]);
    const many = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    const e = await sdkError(kda.send(new TagResourceCommand({ ResourceARN: arn, Tags: many })));
    assert.deepEqual([e.name, e.message], ['TooManyTagsException', `Too many tags for resource ${arn}. The maximum number of tags allowed per resource is 50.`]);
    const dup = await sdkError(kda.send(new TagResourceCommand({ ResourceARN: arn, Tags: [{ Key: 'x', Value: '1' }, { Key: 'x', Value: '2' }] })));
    assert.deepEqual([dup.name, dup.message], ['InvalidArgumentException', 'Tag key x is specified more than once.']);
    // Tags are not configuration: the version does not move.
    assert.equal((await describeApp('tagged')).ApplicationVersionId, 1);
    const gone = await sdkError(kda.send(new ListTagsForResourceCommand({ ResourceARN: appArn('no-such-app') })));
    assert.deepEqual([gone.name, gone.message], ['ResourceNotFoundException', `Resource ${appArn('no-such-app')} is not found.`]);
  });
});
