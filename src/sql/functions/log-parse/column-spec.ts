import { SqlRuntimeError } from '../../errors.js';
import type { SqlType, SqlTypeName } from '../../types.js';
import { castFunction } from '../conversions.js';
import { MS_PER_DAY, epochDay, msOfDay } from '../civil-time.js';
import { compileDatePattern, parseDatePattern } from '../simple-date-format.js';
import type { RowField } from './row-type.js';

/**
 * Column lists of VARIABLE_COLUMN_LOG_PARSE, FIXED_COLUMN_LOG_PARSE and REGEX_LOG_PARSE:
 *   <identifier> TYPE <data type> [ 'date format' ] [ NOT NULL ] [ START <n> [ FOR <len> ] ] , …
 * Unquoted identifiers are upper-cased like any SQL identifier; "quoted" ones keep their case. The keyword TYPE is
 * optional (REGEX_LOG_PARSE's grammar writes `<columnname> [ <datatype> ]`). Parsed lists are cached.
 */

export interface ColumnSpec extends RowField {
  readonly notNull: boolean;
  /** SimpleDateFormat for DATE/TIME/TIMESTAMP columns. */
  readonly format?: string;
  /** FIXED_COLUMN_LOG_PARSE: 0-based start and optional length. */
  readonly start?: number;
  readonly length?: number;
  /** Converts one field's text to the column's value; empty text of a non-character column is NULL. */
  readonly convert: (text: string) => unknown;
}

const TYPE_ALIASES: Readonly<Record<string, SqlTypeName>> = {
  INT: 'INTEGER',
  INTEGER: 'INTEGER',
  TINYINT: 'TINYINT',
  SMALLINT: 'SMALLINT',
  BIGINT: 'BIGINT',
  DECIMAL: 'DECIMAL',
  DEC: 'DECIMAL',
  NUMERIC: 'DECIMAL',
  REAL: 'REAL',
  FLOAT: 'DOUBLE',
  DOUBLE: 'DOUBLE',
  'DOUBLE PRECISION': 'DOUBLE',
  BOOLEAN: 'BOOLEAN',
  CHAR: 'CHAR',
  CHARACTER: 'CHAR',
  VARCHAR: 'VARCHAR',
  'CHARACTER VARYING': 'VARCHAR',
  'CHAR VARYING': 'VARCHAR',
  DATE: 'DATE',
  TIME: 'TIME',
  TIMESTAMP: 'TIMESTAMP',
  BINARY: 'BINARY',
  VARBINARY: 'VARBINARY',
};

function specError(spec: string, why: string): SqlRuntimeError {
  return new SqlRuntimeError('Invalid column list', `Invalid column list '${spec}': ${why}`);
}

/** Splits on commas that are outside parentheses and quotes. */
function splitTopLevel(spec: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < spec.length; i++) {
    const c = spec[i]!;
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(spec.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(spec.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}

const COLUMN_RE =
  /^("(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*)(?:\s+(?:TYPE\s+)?([A-Za-z]+(?:\s+(?:PRECISION|VARYING))?)\s*(?:\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\))?)?\s*(?:'((?:[^']|'')*)')?\s*(NOT\s+NULL)?\s*(?:START\s+(\d+)(?:\s+FOR\s+(\d+))?)?\s*$/i;

function identifier(raw: string): string {
  return raw.startsWith('"') ? raw.slice(1, -1).replace(/""/g, '"') : raw.toUpperCase();
}

/** The converter from field text to a value of `type` (optionally through a date format). */
export function fieldConverter(type: SqlType, format?: string): (text: string) => unknown {
  const character = type.name === 'CHAR' || type.name === 'VARCHAR';
  if (format !== undefined && (type.name === 'DATE' || type.name === 'TIME' || type.name === 'TIMESTAMP')) {
    const pattern = compileDatePattern(format);
    const shape = type.name === 'DATE' ? (ms: number) => epochDay(ms) * MS_PER_DAY : type.name === 'TIME' ? msOfDay : (ms: number) => ms;
    return (text) => {
      if (text.length === 0) return null;
      const ms = parseDatePattern(pattern, text);
      if (ms === undefined) throw new SqlRuntimeError('Conversion error', `Cannot parse '${text}' as ${type.name} with format '${format}'`);
      return shape(ms);
    };
  }
  const cast = castFunction({ name: 'VARCHAR', nullable: true }, type);
  if (!cast) throw new SqlRuntimeError('Invalid column list', `Unsupported column type ${type.name}`);
  return character ? (text) => cast(text) : (text) => (text.trim().length === 0 ? null : cast(text));
}

const cache = new Map<string, ColumnSpec[]>();

/** Parses (and caches) a column list. Throws SqlRuntimeError('Invalid column list') when it cannot. */
export function parseColumnSpecs(spec: string): ColumnSpec[] {
  const hit = cache.get(spec);
  if (hit) return hit;
  const columns: ColumnSpec[] = [];
  for (const part of splitTopLevel(spec)) {
    const m = COLUMN_RE.exec(part);
    if (!m) throw specError(spec, `cannot read column '${part}'`);
    // A column without a type (REGEX_LOG_PARSE's `<columnname> [ <datatype> ]`) is VARCHAR(1024).
    const typeWord = (m[2] ?? 'VARCHAR').toUpperCase().replace(/\s+/g, ' ');
    const name = TYPE_ALIASES[typeWord];
    if (!name) throw specError(spec, `unknown type ${m[2]}`);
    const precision = m[3] !== undefined ? Number(m[3]) : name === 'VARCHAR' || name === 'CHAR' ? (name === 'CHAR' ? 1 : 1024) : undefined;
    const type: SqlType = {
      name,
      nullable: m[6] === undefined,
      ...(precision !== undefined ? { precision } : {}),
      ...(m[4] !== undefined ? { scale: Number(m[4]) } : name === 'DECIMAL' ? { scale: 0 } : {}),
    };
    const format = m[5] !== undefined ? m[5].replace(/''/g, "'") : undefined;
    columns.push({
      name: identifier(m[1]!),
      type,
      notNull: m[6] !== undefined,
      ...(format !== undefined ? { format } : {}),
      ...(m[7] !== undefined ? { start: Number(m[7]) } : {}),
      ...(m[8] !== undefined ? { length: Number(m[8]) } : {}),
      convert: fieldConverter(type, format),
    });
  }
  if (columns.length === 0) throw specError(spec, 'no columns');
  if (cache.size > 256) cache.clear();
  cache.set(spec, columns);
  return columns;
}

/** Builds the ROW value from converted fields; a NOT NULL column without a value is a row error. */
export function buildRow(columns: ReadonlyArray<ColumnSpec>, texts: ReadonlyArray<string | null | undefined>): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (let i = 0; i < columns.length; i++) {
    const col = columns[i]!;
    const text = texts[i];
    const value = text === null || text === undefined ? null : col.convert(text);
    if (value === null && col.notNull) throw new SqlRuntimeError('Null value', `Column ${col.name} is NOT NULL but has no value`);
    row[col.name] = value;
  }
  return row;
}
