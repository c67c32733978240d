/** RemoveTagsFromStream: removes the named tags (unknown keys are ignored). */
import { checkTagCharacters, removeTags } from '../model/tags.js';
import { defineAction } from '../runtime.js';
import { validation } from '../validations/removeTagsFromStream.js';

export default defineAction(validation, async ({ rt, req }, data) => {
  const keys = data.TagKeys as string[];
  await rt.registry.mutate(req, data, (stream) => {
    checkTagCharacters(keys, 'remove tags from', stream.name, stream.accountId);
    removeTags(stream.tags, keys);
  });
  return {};
});
