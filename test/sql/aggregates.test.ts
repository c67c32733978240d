/** Aggregates in GROUP BY and OVER windows: statistics, positional functions, EXP_AVG, NULL handling. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { start } from './runtime-harness.js';

const S = { SOURCE_SQL_STREAM_001: { K: 'VARCHAR(4)', X: 'DOUBLE', N: 'INTEGER' } };

function feed(app: ReturnType<typeof start>['app'], rows: [number, string, number | null, number | null][]): void {
  for (const [t, k, x, n] of rows) {
    app.advanceTime(t);
    app.insert('SOURCE_SQL_STREAM_001', { K: k, X: x, N: n });
  }
  app.finish();
}

for (const evaluator of ['codegen', 'interpreter'] as const) {
  describe(`aggregates (${evaluator})`, () => {
    it('variance and deviation, MIN/MAX/SUM/COUNT ignoring NULLs, FIRST_VALUE/LAST_VALUE per group', () => {
      const { app, out } = start(
        `CREATE STREAM o (k VARCHAR(4), vp DOUBLE, vs DOUBLE, sp DOUBLE, ss DOUBLE, lo DOUBLE, hi DOUBLE, s DOUBLE, c BIGINT, cs BIGINT, f DOUBLE, l DOUBLE);
         CREATE PUMP p AS INSERT INTO o SELECT STREAM k, VAR_POP(x), VAR_SAMP(x), STDDEV_POP(x), STDDEV_SAMP(x), MIN(x), MAX(x), SUM(x), COUNT(x), COUNT(*),
           FIRST_VALUE(x), LAST_VALUE(x)
         FROM SOURCE_SQL_STREAM_001 s GROUP BY k, FLOOR(s.ROWTIME TO MINUTE);`,
        S,
        evaluator,
      );
      feed(app, [[0, 'a', 2, 0], [1, 'a', 4, 0], [2, 'a', null, 0], [3, 'a', 4, 0], [4, 'a', 4, 0], [5, 'a', 5, 0], [6, 'a', 5, 0], [7, 'a', 7, 0], [8, 'a', 9, 0], [9, 'b', 1, 0]]);
      const a = out.find((e) => e.row['K'] === 'a')!.row;
      assert.deepEqual(a, { K: 'a', VP: 4, VS: 32 / 7, SP: 2, SS: Math.sqrt(32 / 7), LO: 2, HI: 9, S: 40, C: 8, CS: 9, F: 2, L: 9 });
      const b = out.find((e) => e.row['K'] === 'b')!.row;
      assert.equal(b['VS'], null, 'VAR_SAMP of one value is NULL');
    });

    it('LAG with IGNORE NULLS and a default, NTH_VALUE, FIRST_VALUE over a window', () => {
      const { app, out } = start(
        `CREATE STREAM o (n INTEGER, prev INTEGER, prev_nn INTEGER, prev2 INTEGER, second INTEGER, first INTEGER);
         CREATE PUMP p AS INSERT INTO o SELECT STREAM n, LAG(n) OVER w, LAG(n) IGNORE NULLS OVER w, LAG(n, 2, -1) OVER w,
           NTH_VALUE(n, 2) OVER w, FIRST_VALUE(n) OVER w
         FROM SOURCE_SQL_STREAM_001 WINDOW w AS (ROWS 3 PRECEDING);`,
        S,
        evaluator,
      );
      feed(app, [[0, 'a', 0, 1], [1, 'a', 0, null], [2, 'a', 0, 3], [3, 'a', 0, 4], [4, 'a', 0, 5]]);
      assert.deepEqual(out.map((e) => [e.row['N'], e.row['PREV'], e.row['PREV_NN'], e.row['PREV2'], e.row['SECOND'], e.row['FIRST']]), [
        [1, null, null, -1, null, 1],
        [null, 1, 1, -1, null, 1],
        [3, null, 1, 1, null, 1],
        [4, 3, 3, null, null, 1],
        [5, 4, 4, 3, 3, null],
      ]);
    });

    it('EXP_AVG halves the weight per full half-life of age', () => {
      const { app, out } = start(
        `CREATE STREAM o (e DOUBLE);
         CREATE PUMP p AS INSERT INTO o SELECT STREAM EXP_AVG(x, INTERVAL '10' SECOND) OVER (RANGE INTERVAL '30' SECOND PRECEDING) FROM SOURCE_SQL_STREAM_001;`,
        S,
        evaluator,
      );
      feed(app, [[0, 'a', 10, 0], [10_000, 'a', 40, 0]]);
      // At 10 s: the first value is one half-life old (weight 1/2), the second is new (weight 1).
      assert.deepEqual(out.map((e) => e.row['E']), [10, (0.5 * 10 + 40) / 1.5]);
    });

    it('HAVING filters groups; a grouped query can select ROWTIME (the end of the bucket)', () => {
      const { app, out } = start(
        `CREATE STREAM o (k VARCHAR(4), c BIGINT, t TIMESTAMP);
         CREATE PUMP p AS INSERT INTO o SELECT STREAM k, COUNT(*), ROWTIME FROM SOURCE_SQL_STREAM_001
         GROUP BY k, STEP(ROWTIME BY INTERVAL '10' SECOND) HAVING COUNT(*) > 1;`,
        S,
        evaluator,
      );
      feed(app, [[0, 'a', 0, 0], [1, 'a', 0, 0], [2, 'b', 0, 0]]);
      assert.deepEqual(out.map((e) => e.row), [{ K: 'a', C: 2, T: 10_000 }]);
    });

    it('a nested GROUP BY over a grouped subquery (exact distinct count per minute)', () => {
      const { app, out } = start(
        `CREATE STREAM o (n BIGINT);
         CREATE PUMP p AS INSERT INTO o SELECT STREAM COUNT(*) FROM
           (SELECT STREAM DISTINCT FLOOR(s.ROWTIME TO MINUTE) AS m, k FROM SOURCE_SQL_STREAM_001 s) AS d
         GROUP BY FLOOR(d.ROWTIME TO MINUTE);`,
        S,
        evaluator,
      );
      feed(app, [[0, 'a', 0, 0], [1, 'b', 0, 0], [2, 'a', 0, 0], [61_000, 'a', 0, 0]]);
      assert.deepEqual(out.map((e) => [e.rowtime, e.row['N']]), [[60_000, 2], [120_000, 1]]);
    });
  });
}

describe('aggregates named in several clauses', () => {
  it('HAVING and ORDER BY can use aggregates, including ones not selected', () => {
    const { app, out } = start(
      `CREATE STREAM o (k VARCHAR(4), c BIGINT);
       CREATE PUMP p AS INSERT INTO o SELECT STREAM k, COUNT(*) FROM SOURCE_SQL_STREAM_001 s
       GROUP BY k, FLOOR(s.ROWTIME TO MINUTE) HAVING COUNT(*) >= 1
       ORDER BY FLOOR(s.ROWTIME TO MINUTE), MAX(x) DESC;`,
      S,
    );
    feed(app, [[0, 'a', 1, 0], [1, 'b', 9, 0], [2, 'a', 2, 0], [3, 'c', 5, 0]]);
    assert.deepEqual(out.map((e) => [e.row['K'], e.row['C']]), [['b', 1], ['c', 1], ['a', 2]]);
  });
});
