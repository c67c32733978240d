/** Enable/DisableEnhancedMonitoring share everything but the set operation. */
import { streamNotActive } from '../model/errors.js';
import type { ActionContext } from '../runtime.js';
import { SHARD_LEVEL_METRICS } from '../validations/enableEnhancedMonitoring.js';

/** `ALL` stands for every metric; results keep AWS's metric order. */
function expand(requested: string[]): Set<string> {
  return new Set(requested.includes('ALL') ? SHARD_LEVEL_METRICS : requested);
}

export async function changeMonitoring(
  { rt, req }: ActionContext,
  data: Record<string, any>,
  enable: boolean,
): Promise<Record<string, unknown>> {
  return rt.registry.mutate(req, data, (stream) => {
    if (stream.status !== 'ACTIVE') throw streamNotActive(stream.name, stream.accountId, stream.status);
    const current = [...stream.shardLevelMetrics];
    const change = expand(data.ShardLevelMetrics as string[]);
    const desired = SHARD_LEVEL_METRICS.filter((m) => (enable ? current.includes(m) || change.has(m) : current.includes(m) && !change.has(m)));
    stream.shardLevelMetrics = desired;
    return {
      StreamName: stream.name,
      CurrentShardLevelMetrics: current,
      DesiredShardLevelMetrics: desired,
      StreamARN: stream.arn,
    };
  });
}
