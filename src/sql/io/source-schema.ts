/**
 * KDA's SourceSchema (the InputSchema of an input, the ReferenceSchema of a reference table): RecordFormat JSON
 * (JSONPath mappings, array flattening) or CSV (row and column delimiters, positional columns), RecordEncoding
 * UTF-8, RecordColumns with SqlType strings. `recordDecoder` validates it once and turns record bytes into rows.
 */
import { SqlCompileError, SqlRuntimeError } from '../errors.js';
import type { Row } from '../plan/bound-expr.js';
import { APPROXIMATE_ARRIVAL_TIME, type ColumnInfo } from '../plan/catalog.js';
import { parseTypeText } from '../syntax/parse-type.js';
import { coerceText, jsonCoercer } from './coerce.js';
import { arrayOf, elementValue, parseJsonPath, valueAt, type JsonPath } from './json-path.js';
import { splitJsonDocuments } from './json-documents.js';

export interface SourceSchema {
  readonly RecordFormat: {
    readonly RecordFormatType: 'JSON' | 'CSV';
    readonly MappingParameters?: {
      readonly JSONMappingParameters?: { readonly RecordRowPath: string };
      readonly CSVMappingParameters?: { readonly RecordRowDelimiter: string; readonly RecordColumnDelimiter: string };
    };
  };
  readonly RecordEncoding?: string;
  readonly RecordColumns: readonly { readonly Name: string; readonly SqlType: string; readonly Mapping?: string }[];
}

export interface DecodeResult {
  readonly rows: Row[];
  /** Records (or rows of a record) that did not fit the schema: they go to error_stream. */
  readonly errors: { readonly name: string; readonly message: string }[];
}

export interface RecordDecoder {
  readonly columns: readonly ColumnInfo[];
  /** Rows of one record; with `arrivalTime`, each row also carries it as APPROXIMATE_ARRIVAL_TIME. */
  decode(data: Uint8Array | string, arrivalTime?: number): DecodeResult;
}

function schemaError(what: string, message: string): SqlCompileError {
  return new SqlCompileError(`${what}: ${message}`);
}

export function recordDecoder(raw: unknown, what = 'InputSchema'): RecordDecoder {
  const schema = raw as SourceSchema;
  if (!schema || typeof schema !== 'object') throw schemaError(what, 'expected an object with RecordFormat and RecordColumns');
  const format = schema.RecordFormat?.RecordFormatType;
  if (format !== 'JSON' && format !== 'CSV') throw schemaError(what, 'RecordFormat.RecordFormatType must be JSON or CSV');
  if (schema.RecordEncoding !== undefined && schema.RecordEncoding !== 'UTF-8') throw schemaError(what, `RecordEncoding must be UTF-8, not ${schema.RecordEncoding}`);
  const cols = schema.RecordColumns;
  if (!Array.isArray(cols) || cols.length < 1 || cols.length > 1000) throw schemaError(what, 'RecordColumns must hold 1 to 1000 columns');
  const columns: ColumnInfo[] = cols.map((c, i) => {
    if (typeof c?.Name !== 'string' || c.Name.length === 0) throw schemaError(what, `RecordColumns[${i}] needs a Name`);
    if (typeof c.SqlType !== 'string') throw schemaError(what, `column ${c.Name} needs a SqlType`);
    try {
      return { name: c.Name, type: parseTypeText(c.SqlType) };
    } catch (err) {
      throw schemaError(what, `column ${c.Name}: invalid SqlType '${c.SqlType}' (${(err as Error).message})`);
    }
  });
  const seen = new Set<string>();
  for (const c of columns) {
    if (seen.has(c.name)) throw schemaError(what, `duplicate column ${c.name}`);
    seen.add(c.name);
  }
  return format === 'JSON' ? jsonDecoder(schema, columns, what) : csvDecoder(schema, columns, what);
}

const NO_ERRORS: DecodeResult['errors'] = Object.freeze([]) as unknown as DecodeResult['errors'];

function text(data: Uint8Array | string): string {
  return typeof data === 'string' ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8');
}

function errorOf(err: unknown): { name: string; message: string } {
  if (err instanceof SqlRuntimeError) return { name: err.errorName, message: err.message };
  throw err;
}

function jsonDecoder(schema: SourceSchema, columns: ColumnInfo[], what: string): RecordDecoder {
  const rowPathText = schema.RecordFormat.MappingParameters?.JSONMappingParameters?.RecordRowPath ?? '$';
  const rowPath = parseJsonPath(rowPathText);
  const paths: JsonPath[] = schema.RecordColumns.map((c) => {
    if (typeof c.Mapping !== 'string') throw schemaError(what, `column ${c.Name} needs a Mapping (a JSONPath such as $.${c.Name}) for JSON records`);
    return parseJsonPath(c.Mapping);
  });
  const flattening = paths.filter((p) => p.tail && p.tail.length > 0);
  const arrayHead = flattening[0]?.head.join('\u0000');
  if (flattening.some((p) => p.head.join('\u0000') !== arrayHead)) throw schemaError(what, 'only one array may be flattened per schema');
  const flat = flattening[0];
  const coercers = columns.map((c) => jsonCoercer(c.type));
  const names = columns.map((c) => c.name);
  // The common schema: records at the root, plain `$.name` mappings, nothing flattened.
  const simple = !flat && rowPath.head.length === 0 && !rowPath.tail && paths.every((p) => p.head.length === 1 && !p.tail);
  const keys = paths.map((p) => p.head[0]!);
  // The simple case builds each row with one generated object literal (a fixed shape, no per-key growth), in two
  // variants: with the arrival time of a streaming record, and without (reference data).
  const literal = (withArrival: boolean) =>
    new Function(
      'F',
      `"use strict"; return function row(o, aat) { return { ${[
        ...names.map((n, i) => `${JSON.stringify(n)}: F[${i}](o[${JSON.stringify(keys[i])}])`),
        ...(withArrival ? [`${JSON.stringify(APPROXIMATE_ARRIVAL_TIME)}: aat`] : []),
      ].join(', ')} }; };`,
    )(coercers) as (o: Record<string, unknown>, aat?: number) => Row;
  const buildSimple = simple ? literal(false) : undefined;
  const buildSimpleArrived = simple ? literal(true) : undefined;

  function recordsOf(doc: unknown): unknown[] {
    if (rowPath.tail) {
      const arr = valueAt(doc, { text: rowPath.text, head: rowPath.head });
      return Array.isArray(arr) ? arr.map((e) => elementValue(e, rowPath)) : [];
    }
    return [valueAt(doc, rowPath)];
  }

  return {
    columns,
    decode(data, arrivalTime) {
      const source = text(data);
      // The common record: one flat JSON object. One parse, one row, no intermediate arrays.
      if (simple) {
        let doc: unknown;
        try {
          doc = JSON.parse(source);
        } catch {
          doc = undefined;
        }
        if (doc !== null && typeof doc === 'object' && !Array.isArray(doc)) {
          const obj = doc as Record<string, unknown>;
          try {
            return { rows: [arrivalTime === undefined ? buildSimple!(obj) : buildSimpleArrived!(obj, arrivalTime)], errors: NO_ERRORS };
          } catch (err) {
            return { rows: [], errors: [errorOf(err)] };
          }
        }
      }
      const rows: Row[] = [];
      const errors: { name: string; message: string }[] = [];
      let docs: unknown[];
      try {
        docs = splitJsonDocuments(source);
      } catch (err) {
        errors.push({ name: 'Parse error', message: `Record is not valid JSON: ${(err as Error).message}` });
        return { rows, errors };
      }
      for (const doc of docs) {
        if (simple) {
          try {
            const obj = doc !== null && typeof doc === 'object' && !Array.isArray(doc) ? (doc as Record<string, unknown>) : {};
            rows.push(arrivalTime === undefined ? buildSimple!(obj) : buildSimpleArrived!(obj, arrivalTime));
          } catch (err) {
            errors.push(errorOf(err));
          }
          continue;
        }
        for (const record of recordsOf(doc)) {
          const elements = flat ? arrayOf(record, flat)! : [undefined];
          const each = elements.length ? elements : [undefined];
          for (const element of each) {
            try {
              const row: Row = {};
              for (let i = 0; i < columns.length; i++) {
                const p = paths[i]!;
                const v = p.tail && p.tail.length > 0 ? (element === undefined ? null : elementValue(element, p)) : valueAt(record, p);
                row[names[i]!] = coercers[i]!(v);
              }
              if (arrivalTime !== undefined) row[APPROXIMATE_ARRIVAL_TIME] = arrivalTime;
              rows.push(row);
            } catch (err) {
              errors.push(errorOf(err));
            }
          }
        }
      }
      return { rows, errors };
    },
  };
}

function csvDecoder(schema: SourceSchema, columns: ColumnInfo[], what: string): RecordDecoder {
  const csv = schema.RecordFormat.MappingParameters?.CSVMappingParameters;
  const rowDelim = csv?.RecordRowDelimiter ?? '\n';
  const colDelim = csv?.RecordColumnDelimiter ?? ',';
  if (!rowDelim || !colDelim) throw schemaError(what, 'CSV needs a non-empty RecordRowDelimiter and RecordColumnDelimiter');
  return {
    columns,
    decode(data, arrivalTime) {
      const rows: Row[] = [];
      const errors: { name: string; message: string }[] = [];
      const lines = text(data).split(rowDelim);
      if (lines.length && lines[lines.length - 1] === '') lines.pop();
      for (const line of lines) {
        // A CRLF file read with "\n" delimiters keeps no stray carriage returns.
        const fields = (rowDelim === '\n' && line.endsWith('\r') ? line.slice(0, -1) : line).split(colDelim);
        try {
          const row: Row = {};
          columns.forEach((c, i) => {
            const f = fields[i];
            row[c.name] = f === undefined ? null : coerceText(f, c.type);
          });
          if (arrivalTime !== undefined) row[APPROXIMATE_ARRIVAL_TIME] = arrivalTime;
          rows.push(row);
        } catch (err) {
          errors.push(errorOf(err));
        }
      }
      return { rows, errors };
    },
  };
}
