/** COUNT_DISTINCT_ITEMS_TUMBLING: parameter checks, exact counts up to 10,000, HyperLogLog within 1% beyond. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TableFunctionArgumentError } from '../../../src/sql/table-functions/index.js';
import { DistinctCounter } from '../../../src/sql/table-functions/count-distinct/distinct-counter.js';
import { HyperLogLog } from '../../../src/sql/table-functions/count-distinct/hyperloglog.js';
import { bind, column, run } from './run-table-function.js';

const FN = 'COUNT_DISTINCT_ITEMS_TUMBLING';
const reviews = [column('review_id', 'VARCHAR'), column('star_rating', 'INTEGER')];
const T0 = Date.UTC(2024, 0, 1);

describe('COUNT_DISTINCT_ITEMS_TUMBLING binding', () => {
  it('outputs NUMBER_OF_DISTINCT_ITEMS BIGINT', () => {
    assert.deepEqual(
      bind(FN, reviews, ['review_id', 5]).outputColumns.map((c) => [c.name, c.type.name]),
      [['NUMBER_OF_DISTINCT_ITEMS', 'BIGINT']],
    );
  });

  it('checks the column, windowSize (1..3600 seconds) and the arity', () => {
    assert.doesNotThrow(() => bind(FN, reviews, ['review_id', 1]));
    assert.doesNotThrow(() => bind(FN, reviews, ['REVIEW_ID', 3600]));
    const cases: Array<[unknown[], RegExp]> = [
      [['review_id', 0], /windowSize must be between 1 and 3600/],
      [['review_id', 3601], /windowSize must be between 1 and 3600/],
      [['review_id', '5'], /windowSize must be an integer/],
      [['missing', 5], /column 'missing' is not in the cursor's columns/],
      [['review_id'], /expects 2 arguments/],
    ];
    for (const [args, message] of cases) {
      assert.throws(() => bind(FN, reviews, args), (e: unknown) => e instanceof TableFunctionArgumentError && message.test(e.message), JSON.stringify(args));
    }
  });
});

describe('COUNT_DISTINCT_ITEMS_TUMBLING counting', () => {
  it('counts exactly up to 10,000 distinct items, ignoring NULLs, one row per window at its end', () => {
    const rows: Array<{ row: Record<string, unknown>; rowtime: number }> = [];
    // window [0s, 5s): 10,000 distinct ids, each seen twice, plus NULLs
    for (let i = 0; i < 20_000; i++) rows.push({ row: { review_id: `R${i % 10_000}`, star_rating: 5 }, rowtime: T0 + Math.floor(i / 5) });
    rows.push({ row: { review_id: null, star_rating: 1 }, rowtime: T0 + 4_999 });
    // window [5s, 10s): 3 ids; nothing in [10s, 15s); window [15s, 20s): 1 id
    for (const [id, at] of [['A', 5_000], ['B', 6_000], ['A', 7_000], ['C', 9_999], ['D', 15_000]] as const) {
      rows.push({ row: { review_id: id, star_rating: 3 }, rowtime: T0 + at });
    }
    const out = run(FN, reviews, ['review_id', 5], rows, { finalTime: T0 + 20_000 });
    assert.deepEqual(
      out.map((o) => [o.row.NUMBER_OF_DISTINCT_ITEMS, o.rowtime - T0]),
      [
        [10_000, 5_000],
        [3, 10_000],
        [1, 20_000],
      ],
    );
  });

  it('counts a numeric column, telling 1 and 1.5 apart', () => {
    const out = run(FN, reviews, ['star_rating', 60], [1, 2, 1, 1.5, 2].map((v, i) => ({ row: { review_id: 'x', star_rating: v }, rowtime: T0 + i })), {
      finalTime: T0 + 60_000,
    });
    assert.deepEqual(out.map((o) => o.row.NUMBER_OF_DISTINCT_ITEMS), [3]);
  });

  it('is within 1% at 100,000 distinct items in a window', () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => ({
      row: { review_id: `R${(i * 7919) % 1_000_003}`, star_rating: 4 },
      rowtime: T0 + Math.floor(i / 100),
    }));
    const [result] = run(FN, reviews, ['review_id', 3600], rows, { finalTime: T0 + 3_600_000 });
    const estimate = result!.row.NUMBER_OF_DISTINCT_ITEMS as number;
    assert.ok(Math.abs(estimate - 100_000) <= 1_000, `estimate ${estimate}`);
    assert.ok(Number.isInteger(estimate));
  });

  it('switches from exact to HyperLogLog just past 10,000 items and stays close', () => {
    const counter = new DistinctCounter();
    for (let i = 0; i < 10_000; i++) counter.add(`k${i}`);
    assert.equal(counter.isExact, true);
    assert.equal(counter.count(), 10_000);
    counter.add('k10000');
    assert.equal(counter.isExact, false);
    assert.ok(Math.abs(counter.count() - 10_001) <= 100, String(counter.count()));
  });

  it('HyperLogLog stays within 1% across a range of cardinalities and key shapes', () => {
    for (const n of [20_000, 60_000, 250_000]) {
      for (const key of [(i: number) => `n${i}`, (i: number) => `s${(i * 2654435761) % 4294967296}-x`]) {
        const hll = new HyperLogLog(16);
        for (let i = 0; i < n; i++) hll.add(key(i));
        const error = Math.abs(hll.estimate() / n - 1);
        assert.ok(error < 0.01, `n=${n}: ${(error * 100).toFixed(2)}%`);
      }
    }
  });
});
