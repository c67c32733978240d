/**
 * The kinesisanalytics API through the aws CLI (v1, botocore): the actions the SDK tests do not drive through the
 * CLI elsewhere, and errors exactly as the CLI prints them.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { awsCli, type TestServer } from '../helpers/freshet.js';
import { ACCOUNT, appArn, kinesisInput, ROLE, startAnalyticsServer } from './support.js';

let server: TestServer;

before(async () => {
  server = await startAnalyticsServer();
});
after(async () => {
  await server.stop();
});

const kda = async (...args: string[]) => {
  const r = await awsCli(server.endpoint, ['kinesisanalytics', ...args]);
  // Actions with an empty response print nothing.
  return r.stdout.trim() ? r.json() : {};
};

async function cliError(...args: string[]): Promise<string> {
  try {
    await awsCli(server.endpoint, ['kinesisanalytics', ...args]);
  } catch (err) {
    return ((err as { stderr: string }).stderr ?? '').trim();
  }
  assert.fail('expected the command to fail');
}

describe('aws kinesisanalytics', () => {
  it('manages parts, tags and deletion', async () => {
    await kda('create-application', '--application-name', 'cli-app', '--inputs', JSON.stringify([kinesisInput('in', [['x', 'INTEGER']])]), '--tags', 'Key=owner,Value=ops');
    const list = await kda('list-applications');
    assert.deepEqual(list.ApplicationSummaries, [{ ApplicationName: 'cli-app', ApplicationARN: appArn('cli-app'), ApplicationStatus: 'READY' }]);
    assert.equal(list.HasMoreApplications, false);

    await kda('add-application-cloud-watch-logging-option', '--application-name', 'cli-app', '--current-application-version-id', '1', '--cloud-watch-logging-option',
      `LogStreamARN=arn:aws:logs:us-east-1:${ACCOUNT}:log-group:kda:log-stream:app,RoleARN=${ROLE}`);
    await kda('add-application-input-processing-configuration', '--application-name', 'cli-app', '--current-application-version-id', '2', '--input-id', '1.1',
      '--input-processing-configuration', JSON.stringify({ InputLambdaProcessor: { ResourceARN: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:pre`, RoleARN: ROLE } }));
    let d = (await kda('describe-application', '--application-name', 'cli-app')).ApplicationDetail;
    assert.equal(d.ApplicationVersionId, 3);
    assert.equal(d.CloudWatchLoggingOptionDescriptions[0].CloudWatchLoggingOptionId, '2.1');
    await kda('delete-application-input-processing-configuration', '--application-name', 'cli-app', '--current-application-version-id', '3', '--input-id', '1.1');
    await kda('delete-application-cloud-watch-logging-option', '--application-name', 'cli-app', '--current-application-version-id', '4', '--cloud-watch-logging-option-id', '2.1');
    d = (await kda('describe-application', '--application-name', 'cli-app')).ApplicationDetail;
    assert.deepEqual([d.ApplicationVersionId, d.CloudWatchLoggingOptionDescriptions, d.InputDescriptions[0].InputProcessingConfigurationDescription], [5, [], undefined]);

    await kda('tag-resource', '--resource-arn', appArn('cli-app'), '--tags', 'Key=stage,Value=test');
    await kda('untag-resource', '--resource-arn', appArn('cli-app'), '--tag-keys', 'owner');
    assert.deepEqual((await kda('list-tags-for-resource', '--resource-arn', appArn('cli-app'))).Tags, [{ Key: 'stage', Value: 'test' }]);

    // The CLI prints CreateTimestamp as it came; passing it back deletes the application.
    await kda('delete-application', '--application-name', 'cli-app', '--create-timestamp', String(d.CreateTimestamp));
    // DELETING lasts 20 ms here, less than a CLI start: the application is gone by the next call.
    assert.match(await cliError('describe-application', '--application-name', 'cli-app'), /\(ResourceNotFoundException\)/);
  });

  it('prints the errors AWS answers with', async () => {
    await kda('create-application', '--application-name', 'cli-errors');
    // None of these changes the application: they run side by side (each CLI start is slow).
    const [ghost, taken, stale, badCode, noOutput, noReference] = await Promise.all([
      cliError('describe-application', '--application-name', 'ghost'),
      cliError('create-application', '--application-name', 'cli-errors'),
      cliError('update-application', '--application-name', 'cli-errors', '--current-application-version-id', '7', '--application-update', 'ApplicationCodeUpdate=x'),
      cliError('update-application', '--application-name', 'cli-errors', '--current-application-version-id', '1', '--application-update', 'ApplicationCodeUpdate=SELECT STREAM * FROM nowhere'),
      cliError('delete-application-output', '--application-name', 'cli-errors', '--current-application-version-id', '1', '--output-id', '1.1'),
      cliError('delete-application-reference-data-source', '--application-name', 'cli-errors', '--current-application-version-id', '1', '--reference-id', '1.1'),
    ]);
    assert.equal(ghost, `An error occurred (ResourceNotFoundException) when calling the DescribeApplication operation: Application ghost is not found in account ${ACCOUNT}.`);
    assert.equal(taken, `An error occurred (ResourceInUseException) when calling the CreateApplication operation: Application cli-errors already exists in account ${ACCOUNT}.`);
    assert.equal(
      stale,
      'An error occurred (ConcurrentModificationException) when calling the UpdateApplication operation: Provided application version id (7) is not the current application version id (1).',
    );
    assert.match(badCode, /^An error occurred \(CodeValidationException\) when calling the UpdateApplication operation: .* at line 1, column \d+$/);
    assert.equal(noOutput, 'An error occurred (ResourceNotFoundException) when calling the DeleteApplicationOutput operation: Output id 1.1 is not found in application cli-errors.');
    assert.equal(
      noReference,
      'An error occurred (ResourceNotFoundException) when calling the DeleteApplicationReferenceDataSource operation: Reference id 1.1 is not found in application cli-errors.',
    );
  });
});
