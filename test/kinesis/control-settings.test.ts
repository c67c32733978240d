/**
 * Stream settings: encryption, enhanced monitoring, record size, capacity mode, warm throughput, resource
 * policies, and the account settings.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateStreamCommand,
  DeleteResourcePolicyCommand,
  DescribeAccountSettingsCommand,
  DescribeStreamCommand,
  DescribeStreamSummaryCommand,
  DisableEnhancedMonitoringCommand,
  EnableEnhancedMonitoringCommand,
  GetResourcePolicyCommand,
  KinesisClient,
  PutResourcePolicyCommand,
  StartStreamEncryptionCommand,
  StopStreamEncryptionCommand,
  UpdateAccountSettingsCommand,
  UpdateMaxRecordSizeCommand,
  UpdateStreamModeCommand,
  UpdateStreamWarmThroughputCommand,
} from '@aws-sdk/client-kinesis';
import { startTestServer, type TestServer } from '../helpers/freshet.js';
import { assertAwsError, kinesisJson, waitForStatus } from './control-support.js';

let server: TestServer;
let kinesis: KinesisClient;
let ep: string;
const ARN = 'arn:aws:kinesis:us-east-1:000000000000:stream/conf';
const ALL = [
  'IncomingBytes',
  'IncomingRecords',
  'OutgoingBytes',
  'OutgoingRecords',
  'WriteProvisionedThroughputExceeded',
  'ReadProvisionedThroughputExceeded',
  'IteratorAgeMilliseconds',
];

before(async () => {
  server = await startTestServer();
  ep = server.endpoint;
  kinesis = server.kinesis();
  await kinesis.send(new CreateStreamCommand({ StreamName: 'conf', ShardCount: 2 }));
  await waitForStatus(ep, 'conf', 'ACTIVE');
});
after(() => server.stop());

describe('encryption', () => {
  it('starts and stops KMS encryption, UPDATING in between', async () => {
    await kinesis.send(new StartStreamEncryptionCommand({ StreamName: 'conf', EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' }));
    const d = (await kinesis.send(new DescribeStreamCommand({ StreamName: 'conf' }))).StreamDescription!;
    assert.equal(d.EncryptionType, 'KMS');
    assert.equal(d.KeyId, 'alias/aws/kinesis');
    await waitForStatus(ep, 'conf', 'ACTIVE');
    await kinesis.send(new StopStreamEncryptionCommand({ StreamName: 'conf', EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' }));
    await waitForStatus(ep, 'conf', 'ACTIVE');
    const s = (await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'conf' }))).StreamDescriptionSummary!;
    assert.equal(s.EncryptionType, 'NONE');
    assert.equal(s.KeyId, undefined);
  });

  it('requires both members', async () => {
    await assertAwsError(
      kinesisJson(ep, 'StartStreamEncryption', { StreamName: 'conf' }),
      'ValidationException',
      "2 validation errors detected: Value null at 'encryptionType' failed to satisfy constraint: Member must not be null; " +
        "Value null at 'keyId' failed to satisfy constraint: Member must not be null",
    );
  });
});

describe('enhanced monitoring', () => {
  it('expands ALL and reports current and desired metrics', async () => {
    const on = await kinesis.send(new EnableEnhancedMonitoringCommand({ StreamName: 'conf', ShardLevelMetrics: ['IncomingBytes'] }));
    assert.deepEqual(on.CurrentShardLevelMetrics, []);
    assert.deepEqual(on.DesiredShardLevelMetrics, ['IncomingBytes']);
    assert.equal(on.StreamName, 'conf');
    assert.equal(on.StreamARN, ARN);
    const all = await kinesis.send(new EnableEnhancedMonitoringCommand({ StreamName: 'conf', ShardLevelMetrics: ['ALL'] }));
    assert.deepEqual(all.CurrentShardLevelMetrics, ['IncomingBytes']);
    assert.deepEqual(all.DesiredShardLevelMetrics, ALL);
    const off = await kinesis.send(new DisableEnhancedMonitoringCommand({ StreamName: 'conf', ShardLevelMetrics: ['IncomingBytes', 'OutgoingBytes'] }));
    assert.deepEqual(off.DesiredShardLevelMetrics, ALL.filter((m) => m !== 'IncomingBytes' && m !== 'OutgoingBytes'));
    const d = (await kinesis.send(new DescribeStreamCommand({ StreamName: 'conf' }))).StreamDescription!;
    assert.deepEqual(d.EnhancedMonitoring, [{ ShardLevelMetrics: off.DesiredShardLevelMetrics }]);
    await kinesis.send(new DisableEnhancedMonitoringCommand({ StreamName: 'conf', ShardLevelMetrics: ['ALL'] }));
  });
});

describe('record size, mode and warm throughput', () => {
  it('updates the maximum record size', async () => {
    await kinesis.send(new UpdateMaxRecordSizeCommand({ StreamARN: ARN, MaxRecordSizeInKiB: 4096 }));
    await waitForStatus(ep, 'conf', 'ACTIVE');
    const s = (await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'conf' }))).StreamDescriptionSummary!;
    assert.equal(s.MaxRecordSizeInKiB, 4096);
    await assertAwsError(
      kinesisJson(ep, 'UpdateMaxRecordSize', { StreamARN: ARN, MaxRecordSizeInKiB: 100 }),
      'ValidationException',
      "1 validation error detected: Value '100' at 'maxRecordSizeInKiB' failed to satisfy constraint: Member must have value greater than or equal to 1024",
    );
  });

  it('switches capacity mode and sets warm throughput on on-demand streams only', async () => {
    await assertAwsError(
      kinesisJson(ep, 'UpdateStreamWarmThroughput', { StreamName: 'conf', WarmThroughputMiBps: 5 }),
      'InvalidArgumentException',
      /not in ON_DEMAND mode/,
    );
    await kinesis.send(new UpdateStreamModeCommand({ StreamARN: ARN, StreamModeDetails: { StreamMode: 'ON_DEMAND' } }));
    await waitForStatus(ep, 'conf', 'ACTIVE');
    const w = await kinesis.send(new UpdateStreamWarmThroughputCommand({ StreamARN: ARN, WarmThroughputMiBps: 25 }));
    assert.deepEqual(w.WarmThroughput, { TargetMiBps: 25, CurrentMiBps: 25 });
    assert.equal(w.StreamName, 'conf');
    const s = (await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'conf' }))).StreamDescriptionSummary!;
    assert.deepEqual(s.StreamModeDetails, { StreamMode: 'ON_DEMAND' });
    assert.deepEqual(s.WarmThroughput, { TargetMiBps: 25, CurrentMiBps: 25 });
    await assertAwsError(
      kinesisJson(ep, 'UpdateStreamMode', { StreamARN: ARN, StreamModeDetails: { StreamMode: 'ON_DEMAND' } }),
      'InvalidArgumentException',
      /already in ON_DEMAND mode/,
    );
    await assertAwsError(
      kinesisJson(ep, 'UpdateStreamMode', { StreamModeDetails: { StreamMode: 'PROVISIONED' } }),
      'ValidationException',
      "1 validation error detected: Value null at 'streamARN' failed to satisfy constraint: Member must not be null",
    );
  });
});

describe('resource policies', () => {
  const policy = JSON.stringify({ Version: '2012-10-17', Statement: [] });
  it('puts, gets and deletes a stream policy', async () => {
    await kinesis.send(new PutResourcePolicyCommand({ ResourceARN: ARN, Policy: policy }));
    assert.equal((await kinesis.send(new GetResourcePolicyCommand({ ResourceARN: ARN }))).Policy, policy);
    await kinesis.send(new DeleteResourcePolicyCommand({ ResourceARN: ARN }));
    assert.equal((await kinesis.send(new GetResourcePolicyCommand({ ResourceARN: ARN }))).Policy, '{}');
  });
  it('refuses a policy that is not a JSON object', async () => {
    await assertAwsError(kinesisJson(ep, 'PutResourcePolicy', { ResourceARN: ARN, Policy: 'nope' }), 'InvalidArgumentException', /policy/i);
  });
});

describe('account settings', () => {
  it('enables and disables the minimum throughput billing commitment', async () => {
    const before = await kinesis.send(new DescribeAccountSettingsCommand({}));
    assert.deepEqual(before.MinimumThroughputBillingCommitment, { Status: 'DISABLED' });
    const on = await kinesis.send(new UpdateAccountSettingsCommand({ MinimumThroughputBillingCommitment: { Status: 'ENABLED' } }));
    assert.equal(on.MinimumThroughputBillingCommitment!.Status, 'ENABLED');
    assert.ok(on.MinimumThroughputBillingCommitment!.StartedAt instanceof Date);
    assert.ok(on.MinimumThroughputBillingCommitment!.EarliestAllowedEndAt! > on.MinimumThroughputBillingCommitment!.StartedAt!);
    const off = await kinesis.send(new UpdateAccountSettingsCommand({ MinimumThroughputBillingCommitment: { Status: 'DISABLED' } }));
    assert.equal(off.MinimumThroughputBillingCommitment!.Status, 'ENABLED_UNTIL_EARLIEST_ALLOWED_END');
    const now = await kinesis.send(new DescribeAccountSettingsCommand({}));
    assert.equal(now.MinimumThroughputBillingCommitment!.Status, 'ENABLED_UNTIL_EARLIEST_ALLOWED_END');
  });
});
