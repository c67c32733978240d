/** CreateStream: a provisioned stream with ShardCount shards, or an on-demand one with 4; CREATING for a while. */
import { AwsError } from '../../server/service.js';
import { streamAlreadyExists } from '../model/errors.js';
import { newStream, ON_DEMAND_INITIAL_SHARDS } from '../model/shards.js';
import type { StreamMode } from '../model/types.js';
import { defineAction, type KinesisRuntime } from '../runtime.js';
import { validation } from '../validations/createStream.js';

export default defineAction(validation, async ({ rt, req }, data) => {
  const mode: StreamMode = data.StreamModeDetails?.StreamMode ?? 'PROVISIONED';
  if (mode === 'PROVISIONED' && data.ShardCount === undefined) {
    throw new AwsError('ValidationException', 'ShardCount is expected when StreamMode=PROVISIONED');
  }
  if (mode === 'ON_DEMAND' && data.ShardCount !== undefined) {
    // AWS's wording (surfaced verbatim by CloudFormation).
    throw new AwsError('ValidationException', 'ShardCount is not expected when StreamMode=ON_DEMAND');
  }
  if (data.Tags && Object.keys(data.Tags).length > 50) {
    throw new AwsError('InvalidArgumentException', 'Tags map cannot contain more than 50 entries.');
  }
  const shardCount: number = mode === 'ON_DEMAND' ? ON_DEMAND_INITIAL_SHARDS : data.ShardCount;
  const { accountId, region } = req;
  const checks = (): void => {
    if (rt.registry.find(accountId, region, data.StreamName)) throw streamAlreadyExists(data.StreamName, accountId);
    rt.registry.checkShardLimit(accountId, region, shardCount);
    if (mode === 'ON_DEMAND') checkOnDemandLimit(rt, accountId, region);
  };
  // Fail fast before building a huge shard list that the limit would refuse anyway; checked again under the lock.
  checks();
  const now = rt.now();
  const stream = newStream({
    accountId,
    region,
    name: data.StreamName,
    shardCount,
    mode,
    tags: data.Tags,
    maxRecordSizeKiB: data.MaxRecordSizeInKiB,
    warmThroughputMiBps: mode === 'ON_DEMAND' ? data.WarmThroughputMiBps : undefined,
    now,
    activeAt: now + rt.options.createStreamMs,
  });
  await rt.registry.create(stream, checks);
  return {};
});

function checkOnDemandLimit(rt: KinesisRuntime, accountId: string, region: string): void {
  const count = rt.registry.list(accountId, region).filter((s) => s.mode === 'ON_DEMAND').length;
  if (count >= rt.options.onDemandStreamLimit) {
    throw new AwsError(
      'LimitExceededException',
      `This request would exceed the on-demand stream limit for the account ${accountId} in ${region}. ` +
        `Current on-demand stream count for the account: ${count}. Limit: ${rt.options.onDemandStreamLimit}.`,
    );
  }
}
