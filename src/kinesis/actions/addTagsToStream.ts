/** AddTagsToStream: adds or overwrites tags (at most 50 per stream). */
import { addTags, checkTagCharacters } from '../model/tags.js';
import { defineAction } from '../runtime.js';
import { validation } from '../validations/addTagsToStream.js';

export default defineAction(validation, async ({ rt, req }, data) => {
  const tags = data.Tags as Record<string, string>;
  await rt.registry.mutate(req, data, (stream) => {
    checkTagCharacters([...Object.keys(tags), ...Object.values(tags)], 'add tags to', stream.name, stream.accountId);
    addTags(stream.tags, tags, stream.name, stream.accountId);
  });
  return {};
});
