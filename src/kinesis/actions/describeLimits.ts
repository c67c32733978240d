/** DescribeLimits: the account's shard limit and usage in this region, and the on-demand stream counts. */
import { defineAction } from '../runtime.js';
import { validation } from '../validations/describeLimits.js';

export default defineAction(validation, async ({ rt, req }) => {
  const streams = rt.registry.list(req.accountId, req.region);
  return {
    ShardLimit: rt.options.shardLimit,
    OpenShardCount: rt.registry.openShardCount(req.accountId, req.region),
    OnDemandStreamCount: streams.filter((s) => s.mode === 'ON_DEMAND').length,
    OnDemandStreamCountLimit: rt.options.onDemandStreamLimit,
  };
});
