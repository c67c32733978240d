/**
 * Schema inference over sample records, the way KDA's discovery typed them (workshop and DG examples): integers
 * INTEGER (BIGINT beyond 32 bits), other numbers DOUBLE, booleans BOOLEAN, strings VARCHAR(n) with n the longest
 * value rounded up to a power of two, at least 4 (`"black"` → VARCHAR(8), `"2018-04-19T21:08:06"` → VARCHAR(32)) —
 * strings stay strings even when they hold numbers or dates. JSON objects are flattened to `$.a.b` mappings.
 * CSV: the row delimiter is `\r\n` or `\n`, the column delimiter the one of `,` `\t` `|` `;` that splits every
 * row into the same number of fields; a first row of names (when the other rows have a non-text column there)
 * names the columns, else they are COL1, COL2…
 */
import { splitJsonDocuments } from '../../sql/io/json-documents.js';
import type { SourceSchemaShape } from '../model/application.js';
import { discoveredName, uniqueNames } from './column-names.js';

export interface Inferred {
  schema: SourceSchemaShape;
  /** One list of field texts per parsed row. */
  parsed: string[][];
}

type Kind = 'int' | 'bigint' | 'double' | 'boolean' | 'string' | 'null';

class ColumnStats {
  kinds = new Set<Kind>();
  maxLength = 0;

  add(v: unknown): void {
    if (v === null || v === undefined) return void this.kinds.add('null');
    if (typeof v === 'boolean') return void this.kinds.add('boolean');
    if (typeof v === 'number') {
      if (Number.isInteger(v)) this.kinds.add(Math.abs(v) <= 2147483647 ? 'int' : 'bigint');
      else this.kinds.add('double');
      this.maxLength = Math.max(this.maxLength, String(v).length);
      return;
    }
    const s = typeof v === 'string' ? v : JSON.stringify(v);
    this.kinds.add('string');
    this.maxLength = Math.max(this.maxLength, s.length);
  }

  sqlType(): string {
    const k = new Set(this.kinds);
    k.delete('null');
    if (k.size === 0) return 'VARCHAR(4)';
    if (k.has('string') || (k.has('boolean') && k.size > 1)) return `VARCHAR(${varcharLength(this.maxLength)})`;
    if (k.has('boolean')) return 'BOOLEAN';
    if (k.has('double')) return 'DOUBLE';
    if (k.has('bigint')) return 'BIGINT';
    return 'INTEGER';
  }
}

export function varcharLength(n: number): number {
  let len = 4;
  while (len < n) len *= 2;
  return len;
}

function fieldText(v: unknown): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** Leaf paths of a JSON object: `[['a'], ['b', 'c']]` for {"a":1,"b":{"c":2}}. */
function leaves(obj: Record<string, unknown>, prefix: string[] = [], out: string[][] = []): string[][] {
  for (const [k, v] of Object.entries(obj)) {
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length) leaves(v as Record<string, unknown>, [...prefix, k], out);
    else out.push([...prefix, k]);
  }
  return out;
}

function at(obj: unknown, path: readonly string[]): unknown {
  let cur = obj;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

function jsonPath(path: readonly string[]): string {
  return '$' + path.map((p) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(p) ? `.${p}` : `["${p}"]`)).join('');
}

export function inferJson(records: readonly string[]): Inferred | undefined {
  const docs: Record<string, unknown>[] = [];
  for (const r of records) {
    let parsed: unknown[];
    try {
      parsed = splitJsonDocuments(r);
    } catch {
      return undefined;
    }
    for (const d of parsed) {
      if (d === null || typeof d !== 'object' || Array.isArray(d)) return undefined;
      docs.push(d as Record<string, unknown>);
    }
  }
  if (!docs.length) return undefined;
  const paths: string[][] = [];
  const seen = new Set<string>();
  for (const d of docs) {
    for (const p of leaves(d)) {
      const key = JSON.stringify(p);
      if (!seen.has(key)) {
        seen.add(key);
        paths.push(p);
      }
    }
  }
  if (!paths.length) return undefined;
  const stats = paths.map(() => new ColumnStats());
  for (const d of docs) paths.forEach((p, i) => stats[i]!.add(at(d, p)));
  const names = uniqueNames(paths.map((p, i) => discoveredName(p[p.length - 1]!, i)));
  return {
    schema: {
      RecordFormat: { RecordFormatType: 'JSON', MappingParameters: { JSONMappingParameters: { RecordRowPath: '$' } } },
      RecordEncoding: 'UTF-8',
      RecordColumns: paths.map((p, i) => ({ Name: names[i]!, Mapping: jsonPath(p), SqlType: stats[i]!.sqlType() })),
    },
    parsed: docs.map((d) => paths.map((p) => fieldText(at(d, p)))),
  };
}

function csvValue(s: string): unknown {
  const t = s.trim();
  if (/^[+-]?\d+$/.test(t)) return Number(t);
  if (/^[+-]?(\d+\.\d*|\.\d+|\d+)([eE][+-]?\d+)?$/.test(t)) return Number(t);
  return s;
}

export function inferCsv(records: readonly string[]): Inferred | undefined {
  const text = records.join(records.every((r) => /\r?\n$/.test(r)) ? '' : '\n');
  const rowDelimiter = text.includes('\r\n') ? '\r\n' : '\n';
  const rows = text.split(rowDelimiter).filter((r) => r !== '');
  if (!rows.length) return undefined;
  const columnDelimiter = [',', '\t', '|', ';'].find((d) => {
    const n = rows[0]!.split(d).length;
    return n > 1 && rows.every((r) => r.split(d).length === n);
  });
  if (!columnDelimiter) return undefined;
  const fields = rows.map((r) => r.split(columnDelimiter));
  const width = fields[0]!.length;
  // A header: every field of the first row is a plain word, and some column is numeric in the other rows.
  const body = fields.slice(1);
  const numericBelow = (i: number): boolean => body.length > 0 && body.every((f) => typeof csvValue(f[i]!) === 'number');
  const header =
    body.length > 0 &&
    fields[0]!.every((f) => /^[A-Za-z_][A-Za-z0-9_ -]*$/.test(f.trim())) &&
    fields[0]!.some((_, i) => numericBelow(i));
  const data = header ? body : fields;
  const stats = Array.from({ length: width }, () => new ColumnStats());
  for (const f of data) f.forEach((v, i) => stats[i]!.add(csvValue(v)));
  const names = uniqueNames(header ? fields[0]!.map((n, i) => discoveredName(n.trim(), i)) : fields[0]!.map((_, i) => `COL${i + 1}`));
  return {
    schema: {
      RecordFormat: {
        RecordFormatType: 'CSV',
        MappingParameters: { CSVMappingParameters: { RecordRowDelimiter: rowDelimiter, RecordColumnDelimiter: columnDelimiter } },
      },
      RecordEncoding: 'UTF-8',
      RecordColumns: names.map((n, i) => ({ Name: n, SqlType: stats[i]!.sqlType() })),
    },
    parsed: fields,
  };
}

/** JSON when every record is JSON objects, else CSV; undefined when neither fits. */
export function inferSchema(records: readonly string[]): Inferred | undefined {
  return inferJson(records) ?? inferCsv(records);
}
