/** Checks shared by the table functions: literal arguments, column lookup, numeric columns, output names. */
import type { SqlType, SqlTypeName } from '../types.js';
import { TableFunctionArgumentError, type ColumnDef } from './contract.js';

/** Number of literal arguments must lie in [min, max]. */
export function checkArity(fn: string, args: ReadonlyArray<unknown>, min: number, max: number): void {
  if (args.length < min || args.length > max) {
    const expected = min === max ? `${min}` : `${min} to ${max}`;
    throw new TableFunctionArgumentError(fn, `expects ${expected} arguments after the CURSOR, got ${args.length}`);
  }
}

function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  return undefined;
}

/** An integer argument in [min, max]; `fallback` when absent or NULL (undefined fallback = required). */
export function integerArg(
  fn: string,
  args: ReadonlyArray<unknown>,
  index: number,
  name: string,
  min: number,
  max: number,
  fallback?: number,
): number {
  const raw = args[index];
  if (raw === undefined || raw === null) {
    if (fallback !== undefined) return fallback;
    throw new TableFunctionArgumentError(fn, `${name} is required`);
  }
  const n = asNumber(raw);
  if (n === undefined || !Number.isInteger(n)) {
    throw new TableFunctionArgumentError(fn, `${name} must be an integer, got ${describe(raw)}`);
  }
  if (n < min || n > max) {
    throw new TableFunctionArgumentError(fn, `${name} must be between ${min} and ${max}, got ${n}`);
  }
  return n;
}

/** A positive double argument. */
export function positiveNumberArg(fn: string, args: ReadonlyArray<unknown>, index: number, name: string): number {
  const raw = args[index];
  const n = asNumber(raw);
  if (raw === undefined || raw === null) throw new TableFunctionArgumentError(fn, `${name} is required`);
  if (n === undefined || !Number.isFinite(n)) {
    throw new TableFunctionArgumentError(fn, `${name} must be a number, got ${describe(raw)}`);
  }
  if (n <= 0) throw new TableFunctionArgumentError(fn, `${name} must be greater than 0, got ${n}`);
  return n;
}

/** A BOOLEAN argument; `fallback` when absent or NULL. */
export function booleanArg(
  fn: string,
  args: ReadonlyArray<unknown>,
  index: number,
  name: string,
  fallback: boolean,
): boolean {
  const raw = args[index];
  if (raw === undefined || raw === null) return fallback;
  if (typeof raw !== 'boolean') {
    throw new TableFunctionArgumentError(fn, `${name} must be TRUE or FALSE, got ${describe(raw)}`);
  }
  return raw;
}

/**
 * A column-name argument, written as a string literal ('TICKER'), resolved against the cursor's columns: an exact
 * match first, then a unique case-insensitive one (unquoted column names are stored upper-case).
 */
export function columnArg(
  fn: string,
  args: ReadonlyArray<unknown>,
  index: number,
  name: string,
  columns: ReadonlyArray<ColumnDef>,
): ColumnDef {
  const raw = args[index];
  if (typeof raw !== 'string') {
    throw new TableFunctionArgumentError(fn, `${name} must be a column name in single quotes, got ${describe(raw)}`);
  }
  const exact = columns.find((c) => c.name === raw);
  if (exact) return exact;
  const folded = columns.filter((c) => c.name.toUpperCase() === raw.toUpperCase());
  if (folded.length === 1) return folded[0]!;
  throw new TableFunctionArgumentError(fn, `column '${raw}' is not in the cursor's columns`);
}

/** The SQL types RCF and HOTSPOTS accept as point coordinates. DECIMAL is deliberately absent, as in KDA. */
const NUMERIC_TYPES: ReadonlySet<SqlTypeName> = new Set(['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'REAL', 'DOUBLE']);

export function isPointType(type: SqlType): boolean {
  return NUMERIC_TYPES.has(type.name);
}

/** The cursor columns that form the point, in cursor order; at least one and at most `max`. */
export function pointColumns(fn: string, columns: ReadonlyArray<ColumnDef>, max: number): ColumnDef[] {
  const numeric = columns.filter((c) => isPointType(c.type));
  if (numeric.length === 0) {
    throw new TableFunctionArgumentError(
      fn,
      'the cursor has no numeric column (DOUBLE, INTEGER, FLOAT, TINYINT, SMALLINT, REAL or BIGINT; DECIMAL is not supported, use DOUBLE)',
    );
  }
  if (numeric.length > max) {
    throw new TableFunctionArgumentError(fn, `at most ${max} numeric columns are supported, the cursor has ${numeric.length}`);
  }
  return numeric;
}

/** The cursor's columns followed by the added ones; an added name must not clash with a cursor column. */
export function appendColumns(
  fn: string,
  columns: ReadonlyArray<ColumnDef>,
  added: ReadonlyArray<ColumnDef>,
): ColumnDef[] {
  for (const a of added) {
    if (columns.some((c) => c.name.toUpperCase() === a.name)) {
      throw new TableFunctionArgumentError(fn, `the cursor already has a column named ${a.name}`);
    }
  }
  return [...columns, ...added];
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (value === null || value === undefined) return 'NULL';
  return String(value);
}
