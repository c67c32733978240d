import { scalarFunctions } from '../../../src/sql/functions/index.js';
import { parseTimestamp } from '../../../src/sql/functions/conversions.js';
import type { SqlType, SqlTypeName } from '../../../src/sql/types.js';

/** Calls a registered scalar function by SQL name, as the engine would. */
export function call(name: string, ...args: unknown[]): unknown {
  const def = scalarFunctions.get(name);
  if (!def) throw new Error(`no function ${name}`);
  return def.impl(...args);
}

/** The result type the planner would get for these argument types. */
export function typeOf(name: string, ...argTypes: SqlType[]): SqlType {
  const def = scalarFunctions.get(name);
  if (!def) throw new Error(`no function ${name}`);
  return def.returnType(argTypes);
}

export function t(name: SqlTypeName, precision?: number, nullable = true): SqlType {
  return precision === undefined ? { name, nullable } : { name, precision, nullable };
}

export const ts = parseTimestamp;
