import { resourceInUse } from '../model/errors.js';
import { defineAction, requireStream } from '../runtime.js';
import { DELIVERY_STREAM_NAME } from '../validations/shapes.js';

export default defineAction(
  { types: { DeliveryStreamName: { ...DELIVERY_STREAM_NAME, required: true }, AllowForceDelete: { type: 'Boolean' } } },
  async (ctx, data) => {
    const meta = requireStream(ctx, data['DeliveryStreamName']);
    if (meta.status === 'CREATING') {
      throw resourceInUse(`Firehose ${meta.name} under account ${ctx.req.accountId} cannot be deleted in ${meta.status} state`);
    }
    if (meta.status === 'DELETING') return {};
    meta.status = 'DELETING';
    meta.transitionAtMs = ctx.rt.now() + ctx.rt.registry.timings.deleteMs;
    await ctx.rt.registry.save(meta, true);
    return {};
  },
);
