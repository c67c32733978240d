/** PutResourcePolicy: attaches a JSON resource policy to a stream or a consumer (stored, not enforced). */
import { AwsError } from '../../server/service.js';
import { findConsumer, resolveResourceArn } from './resource-arn.js';
import { defineAction } from '../runtime.js';
import { validation } from '../validations/putResourcePolicy.js';

export default defineAction(validation, async ({ rt }, data) => {
  const policy: string = data.Policy;
  let parsed: unknown;
  try {
    parsed = JSON.parse(policy);
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new AwsError('InvalidArgumentException', 'Invalid policy document: the policy must be a JSON object.');
  }
  const { address, consumerArn } = resolveResourceArn(data.ResourceARN);
  await rt.registry.mutateAt(address, (stream) => {
    if (consumerArn === undefined) stream.resourcePolicy = policy;
    else findConsumer(stream, consumerArn).resourcePolicy = policy;
  });
  return {};
});
