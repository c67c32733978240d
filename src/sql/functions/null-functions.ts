import type { SqlType } from '../types.js';
import type { ScalarFunctionDef } from './definition.js';
import { cannotApply, isNumeric, isUntyped, widerNumeric } from './type-rules.js';

/** KDA SR "Null Functions": COALESCE and NULLIF, as ordinary functions (the planner may also inline them). */

/** The common type of COALESCE's arguments: numbers widen, otherwise all must share a type family. */
function commonType(fn: string, argTypes: SqlType[]): SqlType {
  let result: SqlType | undefined;
  for (const t of argTypes) {
    if (isUntyped(t)) continue;
    if (!result) {
      result = t;
      continue;
    }
    if (isNumeric(result) && isNumeric(t)) result = widerNumeric(result, t);
    else if ((result.name === 'CHAR' || result.name === 'VARCHAR') && (t.name === 'CHAR' || t.name === 'VARCHAR')) {
      const p = Math.max(result.precision ?? 0, t.precision ?? 0);
      result = { name: 'VARCHAR', nullable: true, ...(p > 0 ? { precision: p } : {}) };
    } else if (result.name !== t.name) throw cannotApply(fn, argTypes, [`${fn}(<EQUIVALENT_TYPE>, <EQUIVALENT_TYPE>, ...)`]);
  }
  return result ?? { name: 'NULL', nullable: true };
}

const COALESCE: ScalarFunctionDef = {
  name: 'COALESCE',
  minArgs: 1,
  maxArgs: Infinity,
  returnType(argTypes) {
    const t = commonType('COALESCE', argTypes);
    // Non-null as soon as one argument cannot be null.
    return { ...t, nullable: argTypes.every((a) => a.nullable || isUntyped(a)) };
  },
  impl(...args) {
    for (const a of args) if (a !== null && a !== undefined) return a;
    return null;
  },
};

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Uint8Array && b instanceof Uint8Array) {
    return a.length === b.length && a.every((x, i) => x === b[i]);
  }
  return a === b;
}

const NULLIF: ScalarFunctionDef = {
  name: 'NULLIF',
  minArgs: 2,
  maxArgs: 2,
  returnType(argTypes) {
    commonType('NULLIF', argTypes);
    return { ...argTypes[0]!, nullable: true };
  },
  impl(a, b) {
    if (a === null || a === undefined) return null;
    return b !== null && b !== undefined && sameValue(a, b) ? null : a;
  },
};

export const nullFunctions: ScalarFunctionDef[] = [COALESCE, NULLIF];
