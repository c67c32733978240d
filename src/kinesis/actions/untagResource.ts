/** UntagResource: removes tags from a stream or a consumer by ARN. */
import { resolveResourceArn, findConsumer } from './resource-arn.js';
import { checkTagCharacters, removeTags } from '../model/tags.js';
import { defineAction } from '../runtime.js';
import { validation } from '../validations/untagResource.js';

export default defineAction(validation, async ({ rt }, data) => {
  const { address, consumerArn } = resolveResourceArn(data.ResourceARN);
  const keys = data.TagKeys as string[];
  await rt.registry.mutateAt(address, (stream) => {
    checkTagCharacters(keys, 'remove tags from', stream.name, stream.accountId);
    if (consumerArn === undefined) return removeTags(stream.tags, keys);
    removeTags(findConsumer(stream, consumerArn).tags ?? {}, keys);
  });
  return {};
});
