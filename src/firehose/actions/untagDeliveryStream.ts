import { defineAction, requireStream } from '../runtime.js';
import { DELIVERY_STREAM_NAME } from '../validations/shapes.js';

export default defineAction(
  {
    types: {
      DeliveryStreamName: { ...DELIVERY_STREAM_NAME, required: true },
      TagKeys: { type: 'List', required: true, lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 50, childLengths: [1, 128], children: { type: 'String' } },
    },
  },
  async (ctx, data) => {
    const meta = requireStream(ctx, data['DeliveryStreamName']);
    const drop = new Set<string>(data['TagKeys']);
    meta.tags = meta.tags.filter((t) => !drop.has(t.Key));
    await ctx.rt.registry.save(meta);
    return {};
  },
);
