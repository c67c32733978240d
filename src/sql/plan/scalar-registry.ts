/**
 * Where the planner finds scalar functions: the functions library's `scalarFunctions` map
 * (`src/sql/functions/index.ts`), keyed by upper-case name. Loaded once, at module initialisation.
 */
import type { ScalarFunctionDef } from '../functions/definition.js';

type Registry = ReadonlyMap<string, ScalarFunctionDef>;

// The library's index is resolved at run time so the engine also builds while the library is incomplete.
const LIBRARY = '../functions/index.js';
const loaded = (await import(LIBRARY).catch(() => undefined)) as { scalarFunctions?: Registry } | undefined;
let registry: Registry = loaded?.scalarFunctions ?? new Map();

export function scalarFunction(name: string): ScalarFunctionDef | undefined {
  return registry.get(name);
}

/** Replaces the registry (tests that exercise the engine with a fixed set of functions). */
export function useScalarFunctions(functions: Registry): void {
  registry = functions;
}
