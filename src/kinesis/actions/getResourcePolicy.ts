/** GetResourcePolicy: the policy attached to a stream or a consumer (`{}` when none). */
import { lookupResource } from './resource-arn.js';
import { defineAction } from '../runtime.js';
import { validation } from '../validations/getResourcePolicy.js';

export default defineAction(validation, async ({ rt }, data) => {
  const { stream, consumer } = lookupResource(rt, data.ResourceARN);
  return { Policy: (consumer ? consumer.resourcePolicy : stream.resourcePolicy) ?? '{}' };
});
