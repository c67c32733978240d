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

  it('reads cursor values under the columns\' row keys when the engine keys rows differently from names', () => {
    const columns = [
      { name: 'x', key: '$0', type: { name: 'DOUBLE', nullable: true } },
      { name: 'label', key: '$1', type: { name: 'VARCHAR', nullable: true } },
    ] as const;
    const rcf = tableFunctions.get('RANDOM_CUT_FOREST')!.bind(columns, [5, 10, 100]);
    assert.deepEqual(rcf.outputColumns.slice(0, 2), columns, 'cursor columns keep their keys');
    const instance = rcf.create({ seed: 1 });
    const scores: number[] = [];
    for (let i = 0; i < 12; i++) instance.push({ $0: i % 3, $1: 'a' }, i, (row) => scores.push(row.ANOMALY_SCORE as number));
    instance.push({ $0: 50, $1: 'b' }, 12, (row) => scores.push(row.ANOMALY_SCORE as number));
    assert.ok(scores[12]! > scores[11]!, 'the far value is read from its key and scores higher');

    const topK = tableFunctions.get('TOP_K_ITEMS_TUMBLING')!.bind(columns, ['label', 1, 1]).create();
    const out: unknown[] = [];
    topK.push({ $0: 1, $1: 'b' }, 10, (row) => out.push(row.ITEM));
    assert.equal(topK.nextDeadline(), 1000, 'the open window ends at 1 s');
    topK.advanceTime(1000, (row) => out.push(row.ITEM));
    assert.deepEqual(out, ['b']);
    assert.equal(topK.nextDeadline(), undefined, 'nothing held once the window closed');
  });
});
