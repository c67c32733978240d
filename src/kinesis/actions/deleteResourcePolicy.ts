/** DeleteResourcePolicy: removes the policy of a stream or a consumer. */
import { findConsumer, resolveResourceArn } from './resource-arn.js';
import { defineAction } from '../runtime.js';
import { validation } from '../validations/deleteResourcePolicy.js';

export default defineAction(validation, async ({ rt }, data) => {
  const { address, consumerArn } = resolveResourceArn(data.ResourceARN);
  await rt.registry.mutateAt(address, (stream) => {
    if (consumerArn === undefined) delete stream.resourcePolicy;
    else delete findConsumer(stream, consumerArn).resourcePolicy;
  });
  return {};
});
