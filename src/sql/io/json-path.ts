/**
 * The JSONPath subset KDA's RecordColumn Mapping accepts (Developer Guide, "Working with JSONPath"): `$.a.b`,
 * `$["a b"]`, `$.arr[0:]` (the whole array as one value) and `$.arr[0:].field` (one row per element; at most one
 * array level, and one flattened array per schema).
 */
import { SqlCompileError } from '../errors.js';

export interface JsonPath {
  readonly text: string;
  /** Steps before the array marker (or all of them). */
  readonly head: readonly string[];
  /** Present when the path has `[0:]`: steps after it (empty for the whole-array form). */
  readonly tail?: readonly string[];
}

export function parseJsonPath(text: string): JsonPath {
  const bad = (why: string): never => {
    throw new SqlCompileError(`Invalid JSONPath '${text}': ${why}`);
  };
  if (!text.startsWith('$')) bad('it must start with $');
  const head: string[] = [];
  let tail: string[] | undefined;
  let i = 1;
  while (i < text.length) {
    const steps = tail ?? head;
    if (text[i] === '.') {
      const m = /^\.([^.[\]]+)/.exec(text.slice(i));
      if (!m) bad(`unexpected '.' at ${i}`);
      steps.push(m![1]!);
      i += m![0].length;
    } else if (text.startsWith('[0:]', i)) {
      if (tail) bad('only one array level may be flattened');
      tail = [];
      i += 4;
    } else if (text[i] === '[') {
      const m = /^\[\s*(?:'([^']*)'|"([^"]*)")\s*\]/.exec(text.slice(i));
      if (!m) bad(`unsupported step at ${i} (use .name, ["name"] or [0:])`);
      steps.push((m![1] ?? m![2])!);
      i += m![0].length;
    } else bad(`unexpected '${text[i]}' at ${i}`);
  }
  return { text, head, ...(tail ? { tail } : {}) };
}

function walk(v: unknown, steps: readonly string[]): unknown {
  let cur = v;
  for (const s of steps) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[s];
  }
  return cur;
}

/** The value at a path without array flattening (`[0:]` with no tail gives the array itself). */
export function valueAt(doc: unknown, path: JsonPath): unknown {
  const v = walk(doc, path.head);
  if (path.tail && path.tail.length > 0) return undefined;
  return v;
}

/** The array a flattening path iterates over, or undefined when the path does not flatten. */
export function arrayOf(doc: unknown, path: JsonPath): unknown[] | undefined {
  if (!path.tail || path.tail.length === 0) return undefined;
  const v = walk(doc, path.head);
  return Array.isArray(v) ? v : [];
}

export function elementValue(element: unknown, path: JsonPath): unknown {
  return walk(element, path.tail ?? []);
}
