/** ListTagsForResource: the tags of a stream or a consumer by ARN. */
import { lookupResource } from './resource-arn.js';
import { tagList } from '../model/tags.js';
import { defineAction } from '../runtime.js';
import { validation } from '../validations/listTagsForResource.js';

export default defineAction(validation, async ({ rt }, data) => {
  const { stream, consumer } = lookupResource(rt, data.ResourceARN);
  return { Tags: tagList(consumer ? (consumer.tags ?? {}) : stream.tags) };
});
