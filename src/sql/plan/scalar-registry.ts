/**
 * Where the planner finds scalar functions: the functions library's `scalarFunctions` map, keyed by upper-case
 * name. Replaceable for tests that exercise the engine with a fixed set of functions.
 */
import type { ScalarFunctionDef } from '../functions/definition.js';
import { scalarFunctions } from '../functions/index.js';

type Registry = ReadonlyMap<string, ScalarFunctionDef>;

let registry: Registry = scalarFunctions;

export function scalarFunction(name: string): ScalarFunctionDef | undefined {
  return registry.get(name);
}

export function useScalarFunctions(functions: Registry): void {
  registry = functions;
}
