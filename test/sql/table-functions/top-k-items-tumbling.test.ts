/** TOP_K_ITEMS_TUMBLING: parameter checks, exact top-K per tumbling window, window closing, Space-Saving bounds. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TableFunctionArgumentError } from '../../../src/sql/table-functions/index.js';
import { Prng } from '../../../src/sql/table-functions/prng.js';
import { FrequentItems } from '../../../src/sql/table-functions/top-k/frequent-items.js';
import { SpaceSaving } from '../../../src/sql/table-functions/top-k/space-saving.js';
import { bind, column, run } from './run-table-function.js';

const FN = 'TOP_K_ITEMS_TUMBLING';
const tickers = [column('TICKER', 'VARCHAR'), column('PRICE', 'DOUBLE')];
const T0 = Date.UTC(2024, 0, 1, 12, 0, 0);

function trade(ticker: string | null, secondsIn: number) {
  return { row: { TICKER: ticker, PRICE: 1 }, rowtime: T0 + secondsIn * 1000 };
}

/** A Zipf-distributed stream over `universe` items (exponent s), seeded. */
function zipfStream(seed: number, length: number, universe: number, s: number): number[] {
  const rng = new Prng(seed);
  const cumulative: number[] = [];
  let total = 0;
  for (let i = 1; i <= universe; i++) cumulative.push((total += 1 / i ** s));
  return Array.from({ length }, () => {
    const u = rng.nextDouble() * total;
    let lo = 0;
    let hi = universe - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  });
}

describe('TOP_K_ITEMS_TUMBLING binding', () => {
  it('outputs ITEM (the column type) and ITEM_COUNT BIGINT', () => {
    const bound = bind(FN, tickers, ['TICKER', 5, 60]);
    assert.deepEqual(
      bound.outputColumns.map((c) => [c.name, c.type.name]),
      [
        ['ITEM', 'VARCHAR'],
        ['ITEM_COUNT', 'BIGINT'],
      ],
    );
  });

  it('resolves the column name exactly, then case-insensitively', () => {
    assert.doesNotThrow(() => bind(FN, tickers, ['ticker', 5, 60]));
    assert.throws(() => bind(FN, tickers, ['SYMBOL', 5, 60]), /column 'SYMBOL' is not in the cursor's columns/);
  });

  it('checks K (1..100000), windowSize (1..3600 seconds) and the arity', () => {
    assert.doesNotThrow(() => bind(FN, tickers, ['TICKER', 1, 1]));
    assert.doesNotThrow(() => bind(FN, tickers, ['TICKER', 100000, 3600]));
    const cases: Array<[unknown[], RegExp]> = [
      [['TICKER', 0, 60], /K must be between 1 and 100000/],
      [['TICKER', 100001, 60], /K must be between 1 and 100000/],
      [['TICKER', 2.5, 60], /K must be an integer/],
      [['TICKER', 5, 0], /windowSize must be between 1 and 3600/],
      [['TICKER', 5, 3601], /windowSize must be between 1 and 3600/],
      [[5, 5, 60], /columnName must be a column name in single quotes/],
      [['TICKER', 5], /expects 3 arguments/],
    ];
    for (const [args, message] of cases) {
      assert.throws(() => bind(FN, tickers, args), (e: unknown) => e instanceof TableFunctionArgumentError && message.test(e.message), JSON.stringify(args));
    }
  });
});

describe('TOP_K_ITEMS_TUMBLING windows', () => {
  it('emits the exact top K of a window, most frequent first, at the window end', () => {
    const rows = [
      ...['AMZN', 'MSFT', 'AMZN', 'INTC', 'TBV', 'AMZN', 'MSFT', 'INTC', 'AAPL', 'MSFT', 'AMZN'].map((t, i) => trade(t, i)),
      trade(null, 30),
    ];
    const out = run(FN, tickers, ['TICKER', 3, 60], rows, { finalTime: T0 + 60_000 });
    assert.deepEqual(
      out.map((o) => [o.row.ITEM, o.row.ITEM_COUNT, o.rowtime]),
      [
        ['AMZN', 4, T0 + 60_000],
        ['MSFT', 3, T0 + 60_000],
        ['INTC', 2, T0 + 60_000],
      ],
    );
  });

  it('breaks ties by first appearance and returns fewer rows when fewer items were seen', () => {
    const out = run(FN, tickers, ['TICKER', 5, 60], ['B', 'A', 'A', 'B', 'C'].map((t, i) => trade(t, i)), {
      finalTime: T0 + 60_000,
    });
    assert.deepEqual(
      out.map((o) => [o.row.ITEM, o.row.ITEM_COUNT]),
      [
        ['B', 2],
        ['A', 2],
        ['C', 1],
      ],
    );
  });

  it('closes a window when a later row arrives, or when time passes with no new row', () => {
    const rows = [trade('A', 1), trade('A', 2), trade('B', 59.999), trade('B', 60), trade('C', 125)];
    const instance = bind(FN, tickers, ['TICKER', 1, 60]).create();
    const out: Array<[unknown, unknown, number]> = [];
    const emit = (row: Record<string, unknown>, rowtime: number) => out.push([row.ITEM, row.ITEM_COUNT, rowtime]);
    for (const r of rows.slice(0, 3)) instance.push(r.row, r.rowtime, emit);
    instance.advanceTime(T0 + 59_999, emit);
    assert.deepEqual(out, [], 'the window [0s, 60s) is still open');
    instance.push(rows[3]!.row, rows[3]!.rowtime, emit);
    assert.deepEqual(out, [['A', 2, T0 + 60_000]]);
    instance.advanceTime(T0 + 120_000, emit);
    assert.deepEqual(out.at(-1), ['B', 1, T0 + 120_000], 'closed by the clock alone');
    instance.push(rows[4]!.row, rows[4]!.rowtime, emit);
    instance.advanceTime(T0 + 180_000, emit);
    assert.deepEqual(out, [
      ['A', 2, T0 + 60_000],
      ['B', 1, T0 + 120_000],
      ['C', 1, T0 + 180_000],
    ], 'the empty window [120s, 180s) before C emits nothing; C closes at 180s');
  });

  it('counts numbers and strings as different items', () => {
    const cols = [column('V', 'VARCHAR')];
    const rows = [1, '1', 1, 2].map((v, i) => ({ row: { V: v }, rowtime: T0 + i }));
    const out = run(FN, cols, ['V', 3, 10], rows, { finalTime: T0 + 10_000 });
    assert.deepEqual(
      out.map((o) => [o.row.ITEM, o.row.ITEM_COUNT]),
      [
        [1, 2],
        ['1', 1],
        [2, 1],
      ],
    );
  });
});

describe('Space-Saving', () => {
  const N = 200_000;
  const stream = zipfStream(5, N, 50_000, 1.1);
  const truth = new Map<number, number>();
  for (const x of stream) truth.set(x, (truth.get(x) ?? 0) + 1);

  it('keeps its error guarantees on a large skewed stream', () => {
    const capacity = 500;
    const summary = new SpaceSaving(capacity);
    for (const x of stream) summary.offer(String(x), x);
    const items = summary.items();
    assert.equal(items.length, capacity);
    assert.ok(summary.minCount <= N / capacity, `min counter ${summary.minCount}`);
    for (const item of items) {
      const exact = truth.get(item.value as number)!;
      assert.ok(item.count >= exact, 'estimates never undercount');
      assert.ok(item.count - item.error <= exact, 'count − error is a lower bound');
      assert.ok(item.count - exact <= N / capacity, 'overcount at most N/capacity');
    }
    const kept = new Set(items.map((i) => i.value));
    for (const [value, count] of truth) if (count > N / capacity) assert.ok(kept.has(value), `frequent item ${value} kept`);
    const trueTop = [...truth.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([v]) => v);
    assert.deepEqual(items.slice(0, 10).map((i) => i.value), trueTop);
  });

  it('takes over from exact counting with the same guarantees', () => {
    const items = new FrequentItems({ exactLimit: 2_000, capacity: 500 });
    for (const x of stream) items.add(String(x), x);
    assert.equal(items.isExact, false);
    const top = items.top(20);
    const trueTop = [...truth.entries()].sort((a, b) => b[1] - a[1]).slice(0, 20);
    assert.deepEqual(top.map((i) => i.value), trueTop.map(([v]) => v));
    for (const item of top) {
      const exact = truth.get(item.value as number)!;
      assert.ok(item.count >= exact && item.count - item.error <= exact && item.count - exact <= N / 500);
    }
  });
});
