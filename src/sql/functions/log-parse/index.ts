import type { ScalarFunctionDef } from '../definition.js';

export const logParseFunctions: ScalarFunctionDef[] = [];
