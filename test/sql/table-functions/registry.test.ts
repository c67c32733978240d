/** The registry the engine looks table functions up in. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tableFunctions } from '../../../src/sql/table-functions/index.js';

describe('tableFunctions', () => {
  it('holds the five KDA analytics functions under their upper-case SQL names', () => {
    assert.deepEqual([...tableFunctions.keys()].sort(), [
      'COUNT_DISTINCT_ITEMS_TUMBLING',
      'HOTSPOTS',
      'RANDOM_CUT_FOREST',
      'RANDOM_CUT_FOREST_WITH_EXPLANATION',
      'TOP_K_ITEMS_TUMBLING',
    ]);
    for (const [name, def] of tableFunctions) assert.equal(def.name, name);
  });

  it('gives independent instances: state does not leak between create() calls', () => {
    const bound = tableFunctions.get('COUNT_DISTINCT_ITEMS_TUMBLING')!.bind([{ name: 'k', type: { name: 'VARCHAR', nullable: true } }], ['k', 1]);
    const a = bound.create();
    const b = bound.create();
    const seen: Array<[string, unknown]> = [];
    a.push({ k: 'x' }, 0, (row) => seen.push(['a', row.NUMBER_OF_DISTINCT_ITEMS]));
    a.push({ k: 'y' }, 1, (row) => seen.push(['a', row.NUMBER_OF_DISTINCT_ITEMS]));
    b.push({ k: 'z' }, 2, (row) => seen.push(['b', row.NUMBER_OF_DISTINCT_ITEMS]));
    a.advanceTime(1000, (row) => seen.push(['a', row.NUMBER_OF_DISTINCT_ITEMS]));
    b.advanceTime(1000, (row) => seen.push(['b', row.NUMBER_OF_DISTINCT_ITEMS]));
    assert.deepEqual(seen, [
      ['a', 2],
      ['b', 1],
    ]);
  });
});
