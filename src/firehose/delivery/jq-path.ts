/**
 * The jq subset Freshet runs for dynamic partitioning's MetadataExtraction queries: an object whose values are
 * paths, e.g. `{customer_id: .customer_id, device: .device.id, first: .items[0].sku, "x y": .["odd key"]}`.
 * Not supported (refused when the delivery stream is created): pipes, functions such as `strftime` or `tostring`,
 * arithmetic, alternatives (`//`), string interpolation, slices and iterators (`[]`).
 */
export type PathStep = string | number;
export type Query = Array<{ key: string; path: PathStep[] }>;

class Parser {
  i = 0;
  constructor(readonly s: string) {}
  ws(): void {
    while (/\s/.test(this.s[this.i] ?? '')) this.i++;
  }
  peek(): string | undefined {
    this.ws();
    return this.s[this.i];
  }
  expect(c: string): void {
    if (this.peek() !== c) throw new Error(`expected '${c}' at position ${this.i}`);
    this.i++;
  }
  ident(): string {
    this.ws();
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.s.slice(this.i));
    if (!m) throw new Error(`expected a name at position ${this.i}`);
    this.i += m[0].length;
    return m[0];
  }
  string(): string {
    this.ws();
    const m = /^"((?:[^"\\]|\\.)*)"/.exec(this.s.slice(this.i));
    if (!m) throw new Error(`expected a string at position ${this.i}`);
    this.i += m[0].length;
    return JSON.parse(`"${m[1]}"`) as string;
  }
  path(): PathStep[] {
    this.expect('.');
    const steps: PathStep[] = [];
    if (/[A-Za-z_]/.test(this.s[this.i] ?? '')) steps.push(this.ident());
    for (;;) {
      const c = this.s[this.i];
      if (c === '.' && /[A-Za-z_"]/.test(this.s[this.i + 1] ?? '')) {
        this.i++;
        steps.push(this.s[this.i] === '"' ? this.string() : this.ident());
      } else if (c === '[') {
        this.i++;
        const p = this.peek();
        if (p === '"') steps.push(this.string());
        else {
          this.ws();
          const m = /^-?\d+/.exec(this.s.slice(this.i));
          if (!m) throw new Error(`unsupported index at position ${this.i}`);
          this.i += m[0].length;
          steps.push(Number(m[0]));
        }
        this.expect(']');
      } else return steps;
    }
  }
}

/** Parses a MetadataExtractionQuery; throws with a message naming what is not supported. */
export function parseQuery(query: string): Query {
  const p = new Parser(query);
  p.expect('{');
  const out: Query = [];
  if (p.peek() !== '}') {
    for (;;) {
      const key = p.peek() === '"' ? p.string() : p.ident();
      p.expect(':');
      out.push({ key, path: p.path() });
      if (p.peek() === ',') {
        p.i++;
        continue;
      }
      break;
    }
  }
  p.expect('}');
  if (p.peek() !== undefined) throw new Error(`unsupported jq at position ${p.i}: only {key: .path, …} objects are supported`);
  return out;
}

function step(value: unknown, s: PathStep): unknown {
  if (value === null || value === undefined) return null;
  if (typeof s === 'number') return Array.isArray(value) ? (value.at(s) ?? null) : null;
  return typeof value === 'object' && !Array.isArray(value) ? ((value as Record<string, unknown>)[s] ?? null) : null;
}

/**
 * Runs a query on one JSON record. Values are turned into partition-key strings as Firehose does (strings as they
 * are, numbers and booleans printed); a key that evaluates to null, an object or an array is an error.
 */
export function runQuery(query: Query, record: unknown): Record<string, string> {
  const keys: Record<string, string> = {};
  for (const { key, path } of query) {
    const v = path.reduce(step, record);
    if (typeof v === 'string') keys[key] = v;
    else if (typeof v === 'number' || typeof v === 'boolean') keys[key] = String(v);
    else throw new Error(`partition key '${key}' evaluated to ${v === null ? 'null' : typeof v}`);
  }
  return keys;
}
