/** DescribeStreamConsumer: one consumer, named by ConsumerARN or StreamARN + ConsumerName. */
import { consumerShape, lookupConsumer } from '../consumers/consumer-lookup.js';
import { defineAction } from '../runtime.js';
import { validation } from '../validations/describeStreamConsumer.js';

export default defineAction(validation, async ({ rt }, data) => {
  const { stream, consumer } = lookupConsumer(rt, data);
  return { ConsumerDescription: consumerShape(consumer, stream.arn) };
});
