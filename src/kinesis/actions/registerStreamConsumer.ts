/** RegisterStreamConsumer: a new enhanced fan-out consumer, CREATING for a moment, then ACTIVE. */
import { AwsError } from '../../server/service.js';
import { consumerArn } from '../model/arns.js';
import type { ConsumerMeta } from '../model/types.js';
import { consumerShape } from '../consumers/consumer-lookup.js';
import { checkConsumerLimits } from '../consumers/limits.js';
import { defineAction } from '../runtime.js';
import { validation } from '../validations/registerStreamConsumer.js';
import { parseStreamArn } from '../model/arns.js';

export default defineAction(validation, async ({ rt }, data) => {
  const loc = parseStreamArn(data.StreamARN);
  if (!loc) throw new AwsError('InvalidArgumentException', `Invalid StreamARN: ${data.StreamARN}`);
  const name = data.ConsumerName as string;
  const consumer = await rt.registry.mutateAt(loc, (stream) => {
    if (stream.status !== 'ACTIVE' && stream.status !== 'UPDATING') {
      throw new AwsError(
        'ResourceInUseException',
        `Stream ${stream.name} under account ${stream.accountId} not ACTIVE, instead in state ${stream.status}`,
      );
    }
    if (stream.consumers.some((c) => c.name === name)) {
      throw new AwsError(
        'ResourceInUseException',
        `Consumer ${name} under stream ${stream.name} under account ${stream.accountId} already exists.`,
      );
    }
    checkConsumerLimits(stream);
    const now = rt.now();
    const c: ConsumerMeta = {
      name,
      arn: consumerArn(stream.arn, name, now),
      status: 'CREATING',
      createdMs: now,
      transitionAt: now + rt.options.consumerMs,
    };
    if (data.Tags) c.tags = { ...data.Tags };
    stream.consumers.push(c);
    return c;
  });
  return { Consumer: consumerShape(consumer) };
});
