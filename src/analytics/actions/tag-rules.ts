/** Tag rules of KDA: at most 50 user tags per application; a key given twice is refused; TagResource overwrites. */
import { invalidArgument, tooManyTags } from '../errors.js';
import type { Tag } from '../model/application.js';
import { MAX_TAGS } from './common.js';

export function mergeTags(existing: readonly Tag[], added: readonly Tag[], arn: string): Tag[] {
  const keys = added.map((t) => t.Key);
  const dup = keys.find((k, i) => keys.indexOf(k) !== i);
  if (dup !== undefined) throw invalidArgument(`Tag key ${dup} is specified more than once.`);
  const merged = new Map(existing.map((t) => [t.Key, t] as const));
  for (const t of added) merged.set(t.Key, { Key: t.Key, Value: t.Value ?? '' });
  if (merged.size > MAX_TAGS) throw tooManyTags(`Too many tags for resource ${arn}. The maximum number of tags allowed per resource is ${MAX_TAGS}.`);
  return [...merged.values()];
}
