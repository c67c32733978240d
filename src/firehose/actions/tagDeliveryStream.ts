import { limitExceeded } from '../model/errors.js';
import { defineAction, requireStream } from '../runtime.js';
import { DELIVERY_STREAM_NAME, TAG, tagProblem } from '../validations/shapes.js';

const MAX_TAGS = 50;

export default defineAction(
  {
    types: {
      DeliveryStreamName: { ...DELIVERY_STREAM_NAME, required: true },
      Tags: { type: 'List', required: true, lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 50, children: TAG },
    },
    custom: (data) => tagProblem(data['Tags'], 'tags'),
  },
  async (ctx, data) => {
    const meta = requireStream(ctx, data['DeliveryStreamName']);
    const tags = new Map(meta.tags.map((t) => [t.Key, t.Value]));
    for (const t of data['Tags'] as Array<{ Key: string; Value?: string }>) tags.set(t.Key, t.Value);
    if (tags.size > MAX_TAGS) throw limitExceeded(`A delivery stream cannot have more than ${MAX_TAGS} tags.`);
    meta.tags = [...tags].map(([Key, Value]) => (Value === undefined ? { Key } : { Key, Value }));
    await ctx.rt.registry.save(meta);
    return {};
  },
);
