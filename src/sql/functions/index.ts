import type { ScalarFunctionDef } from './definition.js';
import { datetimeFunctions } from './datetime-functions.js';
import { logParseFunctions } from './log-parse/index.js';
import { nullFunctions } from './null-functions.js';
import { numericFunctions } from './numeric-functions.js';
import { REGEX_REPLACE } from './regex-functions.js';
import { stringFunctions } from './string-functions.js';

/** Every scalar function of the KDA SQL dialect, keyed by upper-case name. */
export type { ScalarFunctionDef } from './definition.js';

function registry(defs: ScalarFunctionDef[]): ReadonlyMap<string, ScalarFunctionDef> {
  const map = new Map<string, ScalarFunctionDef>();
  for (const def of defs) {
    if (map.has(def.name)) throw new Error(`Scalar function ${def.name} is defined twice`);
    map.set(def.name, def);
  }
  return map;
}

export const scalarFunctions: ReadonlyMap<string, ScalarFunctionDef> = registry([
  ...stringFunctions,
  REGEX_REPLACE,
  ...numericFunctions,
  ...datetimeFunctions,
  ...nullFunctions,
  ...logParseFunctions,
]);

export { likeToRegex, similarToRegex } from './sql-patterns.js';
export { compileJavaRegex } from './java-regex.js';
