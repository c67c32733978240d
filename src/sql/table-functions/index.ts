/** The built-in table functions by upper-case SQL name. See `contract.ts` for how the engine drives them. */
import type { TableFunctionDef } from './contract.js';
import { countDistinctItemsTumbling } from './count-distinct-items-tumbling.js';
import { hotspots } from './hotspots.js';
import { randomCutForest } from './random-cut-forest.js';
import { randomCutForestWithExplanation } from './random-cut-forest-with-explanation.js';
import { topKItemsTumbling } from './top-k-items-tumbling.js';

export const tableFunctions: ReadonlyMap<string, TableFunctionDef> = new Map(
  [randomCutForest, randomCutForestWithExplanation, hotspots, topKItemsTumbling, countDistinctItemsTumbling].map(
    (fn) => [fn.name, fn] as const,
  ),
);

export type * from './contract.js';
export { TableFunctionArgumentError } from './contract.js';
