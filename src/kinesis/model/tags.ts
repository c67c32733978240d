/** Tag rules shared by the stream and resource tagging actions (texts as AWS sends them). */
import { AwsError } from '../../server/service.js';

/** AWS's limit of tags on one stream or consumer. */
export const MAX_TAGS_PER_RESOURCE = 50;

const INVALID_TAG_CHARS = /[^\u00C0-\u1FFF\u2C00-\uD7FF\w./\-=+_ @%]/;

/**
 * Refuses tag keys/values outside AWS's character set; `%` passes the first check but not the second, with the
 * action's own wording (`verb` = "add tags to" / "remove tags from").
 */
export function checkTagCharacters(texts: string[], verb: string, streamName: string, accountId: string): void {
  if (texts.some((t) => INVALID_TAG_CHARS.test(t))) {
    throw new AwsError(
      'InvalidArgumentException',
      'Some tags contain invalid characters. Valid characters: Unicode letters, digits, white space, _ . / = + - % @.',
    );
  }
  if (texts.some((t) => t.includes('%'))) {
    throw new AwsError(
      'InvalidArgumentException',
      `Failed to ${verb} stream ${streamName} under account ${accountId} because some tags contained illegal characters. ` +
        "The allowed characters are Unicode letters, white-spaces, '_',',','/','=','+','-','@'.",
    );
  }
}

/**
 * Merges `add` into `tags` unless the result would pass the per-resource limit. The limit is 50, but AWS's message
 * still speaks of 10 (the limit it had when the text was written): kinesalite recorded that text from AWS with the
 * limit already at 50, and keeps it verbatim.
 */
export function addTags(tags: Record<string, string>, add: Record<string, string>, streamName: string, accountId: string): void {
  const keys = new Set([...Object.keys(tags), ...Object.keys(add)]);
  if (keys.size > MAX_TAGS_PER_RESOURCE) {
    throw new AwsError(
      'InvalidArgumentException',
      `Failed to add tags to stream ${streamName} under account ${accountId} because a given stream cannot have more than 10 tags associated with it.`,
    );
  }
  for (const [k, v] of Object.entries(add)) tags[k] = v;
}

export function removeTags(tags: Record<string, string>, keys: string[]): void {
  for (const k of keys) delete tags[k];
}

/** `[{Key, Value}]` sorted by key, as the List*Tags* actions answer. */
export function tagList(tags: Record<string, string>): Array<{ Key: string; Value: string }> {
  return Object.keys(tags)
    .sort()
    .map((Key) => ({ Key, Value: tags[Key]! }));
}
