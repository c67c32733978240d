/** DeregisterStreamConsumer: the consumer turns DELETING and disappears shortly after; its subscriptions end. */
import { consumerNotFound, lookupConsumer } from '../consumers/consumer-lookup.js';
import { defineAction } from '../runtime.js';
import { validation } from '../validations/deregisterStreamConsumer.js';

export default defineAction(validation, async ({ rt }, data) => {
  const { stream, consumer } = lookupConsumer(rt, data);
  await rt.registry.mutateAt({ accountId: stream.accountId, region: stream.region, streamName: stream.name }, (s) => {
    const c = s.consumers.find((x) => x.arn === consumer.arn);
    if (!c) throw consumerNotFound(consumer.arn);
    if (c.status === 'DELETING') return;
    c.status = 'DELETING';
    c.transitionAt = rt.now() + rt.options.consumerMs;
  });
  return {};
});
