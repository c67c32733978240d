/** ListTagsForStream: tags by key, paged by Limit (default 100… but at most 50 by the model) and ExclusiveStartTagKey. */
import { tagList } from '../model/tags.js';
import { defineAction } from '../runtime.js';
import { validation } from '../validations/listTagsForStream.js';

export default defineAction(validation, async ({ rt, req }, data) => {
  const stream = rt.registry.get(req, data);
  let tags = tagList(stream.tags);
  if (data.ExclusiveStartTagKey !== undefined) tags = tags.filter((t) => t.Key > data.ExclusiveStartTagKey);
  const limit: number = data.Limit ?? 100;
  return { Tags: tags.slice(0, limit), HasMoreTags: tags.length > limit };
});
