import type { SqlType, SqlTypeName } from '../types.js';

/** Argument-type checks for `returnType`, with messages shaped like KDA's (Farrago/Calcite lineage) validator. */

export function sqlType(name: SqlTypeName, nullable = true, precision?: number, scale?: number): SqlType {
  const t: { name: SqlTypeName; nullable: boolean; precision?: number; scale?: number } = { name, nullable };
  if (precision !== undefined) t.precision = precision;
  if (scale !== undefined) t.scale = scale;
  return t;
}

const INTEGRAL: ReadonlySet<SqlTypeName> = new Set(['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT']);
const NUMERIC: ReadonlySet<SqlTypeName> = new Set([...INTEGRAL, 'DECIMAL', 'REAL', 'DOUBLE']);
const CHARACTER: ReadonlySet<SqlTypeName> = new Set(['CHAR', 'VARCHAR']);
const DATETIME: ReadonlySet<SqlTypeName> = new Set(['DATE', 'TIME', 'TIMESTAMP']);
const INTERVAL: ReadonlySet<SqlTypeName> = new Set(['INTERVAL_YEAR_MONTH', 'INTERVAL_DAY_SECOND']);

/** NULL literals and not-yet-typed parameters fit any argument position. */
export function isUntyped(t: SqlType): boolean {
  return t.name === 'NULL' || t.name === 'ANY';
}
export const isIntegral = (t: SqlType): boolean => INTEGRAL.has(t.name) || isUntyped(t);
export const isNumeric = (t: SqlType): boolean => NUMERIC.has(t.name) || isUntyped(t);
export const isCharacter = (t: SqlType): boolean => CHARACTER.has(t.name) || isUntyped(t);
export const isBinary = (t: SqlType): boolean => t.name === 'BINARY' || t.name === 'VARBINARY' || isUntyped(t);
export const isDatetime = (t: SqlType): boolean => DATETIME.has(t.name) || isUntyped(t);
export const isTimestamp = (t: SqlType): boolean => t.name === 'TIMESTAMP' || isUntyped(t);
export const isInterval = (t: SqlType): boolean => INTERVAL.has(t.name) || isUntyped(t);
export const isBoolean = (t: SqlType): boolean => t.name === 'BOOLEAN' || isUntyped(t);
export const isAny = (): boolean => true;

/** How a type is spelt in messages: `VARCHAR(10)`, `DECIMAL(5, 2)`, `INTEGER`. */
export function typeToString(t: SqlType): string {
  switch (t.name) {
    case 'CHAR':
    case 'VARCHAR':
    case 'BINARY':
    case 'VARBINARY':
      return t.precision !== undefined ? `${t.name}(${t.precision})` : t.name;
    case 'DECIMAL':
      return t.precision !== undefined ? `DECIMAL(${t.precision}, ${t.scale ?? 0})` : 'DECIMAL';
    case 'INTERVAL_DAY_SECOND':
      return 'INTERVAL DAY TO SECOND';
    case 'INTERVAL_YEAR_MONTH':
      return 'INTERVAL YEAR TO MONTH';
    default:
      return t.name;
  }
}

/** The validator's message for a call whose argument types fit none of the function's forms. */
export function cannotApply(fn: string, argTypes: SqlType[], forms: string[]): Error {
  const actual = `${fn}(${argTypes.map((t) => `<${typeToString(t)}>`).join(', ')})`;
  return new Error(`Cannot apply '${fn}' to arguments of type '${actual}'. Supported form(s): ${forms.map((f) => `'${f}'`).join('\n')}`);
}

/** True when every argument passes its predicate (extra arguments beyond the list use the last predicate). */
export function argsMatch(argTypes: SqlType[], predicates: ReadonlyArray<(t: SqlType) => boolean>): boolean {
  for (let i = 0; i < argTypes.length; i++) {
    const p = predicates[Math.min(i, predicates.length - 1)];
    if (!p || !p(argTypes[i]!)) return false;
  }
  return true;
}

/** Checks the arguments against one form and throws the validator message when they do not fit. */
export function requireArgs(
  fn: string,
  argTypes: SqlType[],
  predicates: ReadonlyArray<(t: SqlType) => boolean>,
  form: string,
): void {
  if (!argsMatch(argTypes, predicates)) throw cannotApply(fn, argTypes, [form]);
}

/** A result is nullable when any argument is. */
export function anyNullable(argTypes: SqlType[]): boolean {
  return argTypes.some((t) => t.nullable || isUntyped(t));
}

/** The wider of numeric types for functions whose result follows the arguments (MOD, COALESCE of numbers). */
const NUMERIC_RANK: Partial<Record<SqlTypeName, number>> = {
  TINYINT: 1,
  SMALLINT: 2,
  INTEGER: 3,
  BIGINT: 4,
  DECIMAL: 5,
  REAL: 6,
  DOUBLE: 7,
};
export function widerNumeric(a: SqlType, b: SqlType): SqlType {
  if (isUntyped(a)) return b;
  if (isUntyped(b)) return a;
  return (NUMERIC_RANK[a.name] ?? 0) >= (NUMERIC_RANK[b.name] ?? 0) ? a : b;
}
