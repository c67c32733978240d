/**
 * A record payload may hold several JSON documents back to back (KDA writes its own JSON output that way, and a
 * preprocessing Lambda may return several): `{"a":1}{"a":2}` or one per line.
 */
export function splitJsonDocuments(text: string): unknown[] {
  try {
    return [JSON.parse(text)];
  } catch {
    // several documents, or none: split below
  }
  const trimmed = text.trim();
  if (trimmed === '') return [];
  const docs: unknown[] = [];
  let depth = 0;
  let inString = false;
  let start = -1;
  for (let i = 0; i < trimmed.length; i++) {
    const c = trimmed[i]!;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      if (depth === 0) start = i;
      depth++;
    } else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) {
        docs.push(JSON.parse(trimmed.slice(start, i + 1)));
        start = -1;
      }
      if (depth < 0) throw new SyntaxError(`unbalanced '${c}' at ${i}`);
    } else if (depth === 0 && !/\s/.test(c)) {
      throw new SyntaxError(`unexpected '${c}' at ${i} between documents`);
    }
  }
  if (depth !== 0) throw new SyntaxError('unterminated document');
  return docs;
}
