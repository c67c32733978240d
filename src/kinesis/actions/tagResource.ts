/** TagResource: tags a stream or a consumer by ARN. */
import { resolveResourceArn, findConsumer } from './resource-arn.js';
import { addTags, checkTagCharacters } from '../model/tags.js';
import { defineAction } from '../runtime.js';
import { validation } from '../validations/tagResource.js';

export default defineAction(validation, async ({ rt }, data) => {
  const { address, consumerArn } = resolveResourceArn(data.ResourceARN);
  const tags = data.Tags as Record<string, string>;
  await rt.registry.mutateAt(address, (stream) => {
    checkTagCharacters([...Object.keys(tags), ...Object.values(tags)], 'add tags to', stream.name, stream.accountId);
    if (consumerArn === undefined) return addTags(stream.tags, tags, stream.name, stream.accountId);
    const consumer = findConsumer(stream, consumerArn);
    consumer.tags ??= {};
    addTags(consumer.tags, tags, stream.name, stream.accountId);
  });
  return {};
});
