import { invalidArgument, resourceInUse } from '../model/errors.js';
import { defineAction, requireStream } from '../runtime.js';
import { DELIVERY_STREAM_NAME } from '../validations/shapes.js';

export default defineAction(
  { types: { DeliveryStreamName: { ...DELIVERY_STREAM_NAME, required: true } } },
  async (ctx, data) => {
    const meta = requireStream(ctx, data['DeliveryStreamName']);
    if (meta.type === 'KinesisStreamAsSource') {
      throw invalidArgument('Server-side encryption is not supported for delivery streams with KinesisStreamAsSource type.');
    }
    if (meta.status !== 'ACTIVE') throw resourceInUse(`Firehose ${meta.name} under account ${ctx.req.accountId} is not in ACTIVE state.`);
    if (meta.encryption.Status === 'DISABLED' || meta.encryption.Status === 'DISABLING') return {};
    meta.encryption = { ...meta.encryption, Status: 'DISABLING' };
    meta.transitionAtMs = ctx.rt.now() + ctx.rt.registry.timings.encryptionMs;
    await ctx.rt.registry.save(meta);
    return {};
  },
);
