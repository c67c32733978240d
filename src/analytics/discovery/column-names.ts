/**
 * Column names as schema discovery gives them (Developer Guide, "Using the Schema Discovery Feature"): the source
 * name is kept unless it is a reserved word, holds characters other than letters, digits and `_`, starts with a
 * digit, or is longer than 100 characters. Then it gets the prefix `COL_` with the unusable characters dropped
 * (`timestamp` → `COL_timestamp`, `USER@DOMAIN` → `COL_USERDOMAIN`), or `COL_<ordinal>` when nothing is left.
 * A name already taken gets a numeric suffix.
 */
import { RESERVED_WORDS } from './reserved-words.js';

export function discoveredName(source: string, ordinal: number): string {
  const ok = /^[A-Za-z_][A-Za-z0-9_]*$/.test(source) && source.length <= 100 && !RESERVED_WORDS.has(source.toUpperCase());
  if (ok) return source;
  const kept = source.replace(/[^A-Za-z0-9_]/g, '').slice(0, 96);
  return kept ? `COL_${kept}` : `COL_${ordinal}`;
}

export function uniqueNames(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.map((n) => {
    let name = n;
    for (let i = 2; seen.has(name); i++) name = `${n}_${i}`;
    seen.add(name);
    return name;
  });
}
