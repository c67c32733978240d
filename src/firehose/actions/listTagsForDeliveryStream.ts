import { defineAction, requireStream } from '../runtime.js';
import { DELIVERY_STREAM_NAME } from '../validations/shapes.js';

export default defineAction(
  {
    types: {
      DeliveryStreamName: { ...DELIVERY_STREAM_NAME, required: true },
      ExclusiveStartTagKey: { type: 'String', lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 128 },
      Limit: { type: 'Integer', greaterThanOrEqual: 1, lessThanOrEqual: 50 },
    },
  },
  async (ctx, data) => {
    const meta = requireStream(ctx, data['DeliveryStreamName']);
    const limit: number = data['Limit'] ?? 50;
    const after: string | undefined = data['ExclusiveStartTagKey'];
    // Tags are listed in key order, so ExclusiveStartTagKey pages through them.
    const tags = [...meta.tags].sort((a, b) => (a.Key < b.Key ? -1 : a.Key > b.Key ? 1 : 0)).filter((t) => after === undefined || t.Key > after);
    return { Tags: tags.slice(0, limit), HasMoreTags: tags.length > limit };
  },
);
