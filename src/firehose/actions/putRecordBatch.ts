import { invalidArgument } from '../model/errors.js';
import { defineAction } from '../runtime.js';
import { DELIVERY_STREAM_NAME } from '../validations/shapes.js';
import { newRecordId, streamForPut } from './put-rules.js';

/** A batch may carry at most 4 MiB of record data. */
const MAX_BATCH_BYTES = 4 * 1024 * 1024;

export default defineAction(
  {
    types: {
      DeliveryStreamName: { ...DELIVERY_STREAM_NAME, required: true },
      Records: {
        type: 'List',
        notNull: true,
        lengthGreaterThanOrEqual: 1,
        lengthLessThanOrEqual: 500,
        children: { type: 'Structure', children: { Data: { type: 'Blob', notNull: true, lengthLessThanOrEqual: 1024000 } } },
      },
    },
  },
  async (ctx, data) => {
    const meta = streamForPut(ctx, data['DeliveryStreamName']);
    const records: Array<{ Data: Buffer }> = data['Records'];
    const bytes = records.reduce((n, r) => n + r.Data.length, 0);
    if (bytes > MAX_BATCH_BYTES) {
      throw invalidArgument(`Records size exceeds ${MAX_BATCH_BYTES} bytes limit`);
    }
    // Records over the stream's rate limit fail one by one, the way AWS reports throttling inside a batch.
    const accepted = ctx.rt.throttle(meta, records.length, true);
    await ctx.rt.ingest(meta, records.slice(0, accepted).map((r) => r.Data));
    const responses = records.map((_, i) =>
      i < accepted ? { RecordId: newRecordId() } : { ErrorCode: 'ServiceUnavailableException', ErrorMessage: 'Slow down.' },
    );
    return { FailedPutCount: records.length - accepted, Encrypted: meta.encryption.Status === 'ENABLED', RequestResponses: responses };
  },
);
