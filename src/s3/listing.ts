/**
 * The listing rules of ListObjects/ListObjectsV2 over a bucket's keys: keys in UTF-8 byte order, `prefix`
 * filtering, `delimiter` rolling keys up into CommonPrefixes (each counts once towards max-keys), and resuming
 * after a marker that may itself be a common prefix.
 */
export interface ListQuery {
  prefix?: string;
  delimiter?: string;
  /** Resume strictly after this key or common prefix (marker, start-after, continuation token). */
  after?: string;
  maxKeys: number;
}

export interface ListPage<T> {
  contents: T[];
  commonPrefixes: string[];
  isTruncated: boolean;
  /** The last key or common prefix returned, to resume after. */
  last?: string;
}

export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** `entries` must already be sorted with compareKeys. */
export function listPage<T extends { key: string }>(entries: readonly T[], query: ListQuery): ListPage<T> {
  const prefix = query.prefix ?? '';
  const delimiter = query.delimiter || undefined;
  const after = query.after;
  const afterIsPrefix = after !== undefined && delimiter !== undefined && after.endsWith(delimiter) && after.startsWith(prefix);
  const contents: T[] = [];
  const commonPrefixes: string[] = [];
  let last: string | undefined;
  let isTruncated = false;
  for (const entry of entries) {
    const key = entry.key;
    if (!key.startsWith(prefix)) continue;
    if (after !== undefined && (compareKeys(key, after) <= 0 || (afterIsPrefix && key.startsWith(after)))) continue;
    let rolledUp: string | undefined;
    if (delimiter) {
      const at = key.indexOf(delimiter, prefix.length);
      if (at !== -1) rolledUp = key.slice(0, at + delimiter.length);
    }
    if (rolledUp !== undefined && rolledUp === last) continue;
    if (contents.length + commonPrefixes.length >= query.maxKeys) {
      isTruncated = true;
      break;
    }
    if (rolledUp !== undefined) {
      commonPrefixes.push(rolledUp);
      last = rolledUp;
    } else {
      contents.push(entry);
      last = key;
    }
  }
  return { contents, commonPrefixes, isTruncated, last };
}
