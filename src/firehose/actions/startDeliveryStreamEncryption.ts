import { invalidArgument, resourceInUse } from '../model/errors.js';
import { defineAction, requireStream } from '../runtime.js';
import { DELIVERY_STREAM_NAME } from '../validations/shapes.js';

export default defineAction(
  {
    types: {
      DeliveryStreamName: { ...DELIVERY_STREAM_NAME, required: true },
      DeliveryStreamEncryptionConfigurationInput: {
        type: 'Structure',
        children: {
          KeyARN: { type: 'String', lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 512 },
          KeyType: { type: 'String', notNull: true, enum: ['AWS_OWNED_CMK', 'CUSTOMER_MANAGED_CMK'] },
        },
      },
    },
  },
  async (ctx, data) => {
    const meta = requireStream(ctx, data['DeliveryStreamName']);
    if (meta.type === 'KinesisStreamAsSource') {
      throw invalidArgument('Server-side encryption is not supported for delivery streams with KinesisStreamAsSource type.');
    }
    if (meta.status !== 'ACTIVE') throw resourceInUse(`Firehose ${meta.name} under account ${ctx.req.accountId} is not in ACTIVE state.`);
    const input = data['DeliveryStreamEncryptionConfigurationInput'] ?? { KeyType: 'AWS_OWNED_CMK' };
    if (input.KeyType === 'CUSTOMER_MANAGED_CMK' && !input.KeyARN) throw invalidArgument('KeyARN is required when KeyType is CUSTOMER_MANAGED_CMK.');
    if (input.KeyType === 'AWS_OWNED_CMK' && input.KeyARN) throw invalidArgument('KeyARN must not be specified when KeyType is AWS_OWNED_CMK.');
    meta.encryption = { KeyType: input.KeyType, ...(input.KeyARN ? { KeyARN: input.KeyARN } : {}), Status: 'ENABLING' };
    meta.transitionAtMs = ctx.rt.now() + ctx.rt.registry.timings.encryptionMs;
    await ctx.rt.registry.save(meta);
    return {};
  },
);
