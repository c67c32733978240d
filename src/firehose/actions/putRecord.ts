import { defineAction } from '../runtime.js';
import { DELIVERY_STREAM_NAME } from '../validations/shapes.js';
import { newRecordId, streamForPut } from './put-rules.js';

export default defineAction(
  {
    types: {
      DeliveryStreamName: { ...DELIVERY_STREAM_NAME, required: true },
      Record: { type: 'Structure', notNull: true, children: { Data: { type: 'Blob', notNull: true, lengthLessThanOrEqual: 1024000 } } },
    },
  },
  async (ctx, data) => {
    const meta = streamForPut(ctx, data['DeliveryStreamName']);
    ctx.rt.throttle(meta, 1);
    await ctx.rt.ingest(meta, [data['Record'].Data]);
    return { RecordId: newRecordId(), Encrypted: meta.encryption.Status === 'ENABLED' };
  },
);
