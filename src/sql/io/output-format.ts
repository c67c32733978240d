/**
 * How rows of an output stream are written to a destination (DestinationSchema RecordFormatType): JSON objects
 * keyed by the stored column names, or CSV lines. Values print as KDA shows them: TIMESTAMP `2018-05-01 17:47:00.0`,
 * DOUBLE in Java's form (`30.0`), DECIMAL with its scale. JSON records carry no separator (KDA wrote concatenated
 * JSON); the offline runner adds a newline per line itself.
 */
import { formatDecimal, formatNumber, valueToString } from '../functions/conversions.js';
import type { Row } from '../plan/bound-expr.js';
import type { ColumnInfo } from '../plan/catalog.js';
import type { SqlType } from '../types.js';

/** One value as JSON text. */
export function jsonValue(v: unknown, type: SqlType): string {
  if (v === null || v === undefined) return 'null';
  switch (type.name) {
    case 'BOOLEAN':
      return v ? 'true' : 'false';
    case 'TINYINT':
    case 'SMALLINT':
    case 'INTEGER':
    case 'BIGINT':
      return String(v);
    case 'DECIMAL':
      return formatDecimal(v as number, type.scale ?? 0);
    case 'REAL':
    case 'DOUBLE':
      return Number.isFinite(v as number) ? formatNumber(v as number, type) : 'null';
    case 'ROW':
      return JSON.stringify(v);
    default:
      if (typeof v === 'number' && type.name !== 'TIMESTAMP' && type.name !== 'DATE' && type.name !== 'TIME' && !type.name.startsWith('INTERVAL')) return String(v);
      return JSON.stringify(typeof v === 'string' ? v : valueToString(v, type));
  }
}

export function encodeJsonRow(row: Row, columns: readonly ColumnInfo[]): string {
  return '{' + columns.map((c) => `${JSON.stringify(c.name)}:${jsonValue(row[c.name], c.type)}`).join(',') + '}';
}

function csvField(v: unknown, type: SqlType): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'string' ? v : type.name === 'ROW' ? JSON.stringify(v) : valueToString(v, type);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV line with its newline; fields holding a comma, quote or newline are quoted (RFC 4180). */
export function encodeCsvRow(row: Row, columns: readonly ColumnInfo[]): string {
  return columns.map((c) => csvField(row[c.name], c.type)).join(',') + '\n';
}

/** A value as display text (tables, messages). */
export function displayValue(v: unknown, type: SqlType): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'string') return v;
  return type.name === 'ROW' ? JSON.stringify(v) : valueToString(v, type);
}
