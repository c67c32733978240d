import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileApplication } from '../../src/sql/plan/compile-application.js';
import { columns, start } from './runtime-harness.js';

const S = { SOURCE_SQL_STREAM_001: { CITY: 'VARCHAR(16)', TEMP: 'INTEGER' } };

describe('time, pumps and merging', () => {
  it('ROWTIME comes from the injected clock and never goes back', () => {
    const { app, out } = start('CREATE STREAM o (c VARCHAR(16), t TIMESTAMP); CREATE PUMP p AS INSERT INTO o SELECT STREAM city, ROWTIME FROM SOURCE_SQL_STREAM_001;', S);
    app.advanceTime(5000);
    app.insert('SOURCE_SQL_STREAM_001', { CITY: 'a', TEMP: 1 });
    app.advanceTime(4000); // ignored: the clock only moves forward
    app.insert('SOURCE_SQL_STREAM_001', { CITY: 'b', TEMP: 1 });
    assert.deepEqual(out.map((e) => [e.rowtime, e.row['T']]), [[5000, 5000], [5000, 5000]]);
  });

  it('a tumbling window closes on a rowtime bound with no new rows', () => {
    const { app, out } = start(
      `CREATE STREAM o (c VARCHAR(16), n BIGINT);
       CREATE PUMP p AS INSERT INTO o SELECT STREAM city, COUNT(*) FROM SOURCE_SQL_STREAM_001 GROUP BY city, FLOOR(SOURCE_SQL_STREAM_001.ROWTIME TO MINUTE);`,
      S,
    );
    app.advanceTime(1000);
    app.insert('SOURCE_SQL_STREAM_001', { CITY: 'a', TEMP: 1 });
    app.advanceTime(59_999);
    assert.equal(out.length, 0);
    app.advanceTime(60_000);
    assert.deepEqual(out.map((e) => [e.rowtime, e.row]), [[60_000, { C: 'a', N: 1 }]]);
  });

  it('integer AVG truncates and SUM/COUNT keep integer division (SR WEATHERSTREAM)', () => {
    const { app, out } = start(
      `CREATE STREAM o (city VARCHAR(16), avg_t INTEGER, q INTEGER);
       CREATE PUMP p AS INSERT INTO o SELECT STREAM city, AVG(temp), SUM(temp) / COUNT(temp) FROM SOURCE_SQL_STREAM_001 s
       GROUP BY city, FLOOR(s.ROWTIME TO DAY);`,
      S,
    );
    for (const t of [29, 32]) app.insert('SOURCE_SQL_STREAM_001', { CITY: 'Denver', TEMP: t });
    for (const t of [38, 39, 38, 39]) app.insert('SOURCE_SQL_STREAM_001', { CITY: 'Miami', TEMP: t });
    app.finish();
    assert.deepEqual(out.map((e) => e.row), [{ CITY: 'Denver', AVG_T: 30, Q: 30 }, { CITY: 'Miami', AVG_T: 38, Q: 38 }]);
    assert.equal(out[0]!.rowtime, 86_400_000);
  });

  it('several pumps into one stream are merged in ROWTIME order', () => {
    const { app, out } = start(
      `CREATE STREAM o (kind VARCHAR(8), c VARCHAR(16));
       CREATE PUMP raw AS INSERT INTO o SELECT STREAM 'row', city FROM SOURCE_SQL_STREAM_001;
       CREATE PUMP agg AS INSERT INTO o SELECT STREAM 'minute', city FROM SOURCE_SQL_STREAM_001
         GROUP BY city, STEP(SOURCE_SQL_STREAM_001.ROWTIME BY INTERVAL '60' SECOND);`,
      S,
    );
    for (const t of [10_000, 50_000, 65_000, 130_000]) {
      app.advanceTime(t);
      app.insert('SOURCE_SQL_STREAM_001', { CITY: `c${t}`, TEMP: 0 });
    }
    app.finish();
    const times = out.map((e) => e.rowtime);
    assert.deepEqual(times, [...times].sort((a, b) => a - b));
    assert.deepEqual(out.map((e) => [e.rowtime, e.row['KIND']]), [
      [10_000, 'row'], [50_000, 'row'], [60_000, 'minute'], [60_000, 'minute'], [65_000, 'row'], [120_000, 'minute'], [130_000, 'row'], [180_000, 'minute'],
    ]);
  });

  it('UNION ALL merges two streams by ROWTIME', () => {
    const { app, out } = start(
      `CREATE STREAM o (c VARCHAR(16));
       CREATE PUMP p AS INSERT INTO o SELECT STREAM city FROM A UNION ALL SELECT STREAM city FROM B;`,
      { A: { CITY: 'VARCHAR(16)' }, B: { CITY: 'VARCHAR(16)' } },
    );
    app.advanceTime(1);
    app.insert('A', { CITY: 'a1' });
    app.advanceTime(2);
    app.insert('B', { CITY: 'b2' });
    app.insert('A', { CITY: 'a2' });
    app.finish();
    assert.deepEqual(out.map((e) => e.row['C']), ['a1', 'b2', 'a2']);
  });

  it('ORDER BY after UNION ALL sorts the whole union, not its last SELECT', () => {
    for (const evaluator of ['codegen', 'interpreter'] as const) {
      const { app, out } = start(
        `CREATE STREAM o (c VARCHAR(16), t INTEGER);
         CREATE PUMP p AS INSERT INTO o
           SELECT STREAM city, temp FROM A
           UNION ALL
           SELECT STREAM city, temp FROM B
           ORDER BY FLOOR(ROWTIME TO SECOND), 2 DESC, city;`,
        { A: { CITY: 'VARCHAR(16)', TEMP: 'INTEGER' }, B: { CITY: 'VARCHAR(16)', TEMP: 'INTEGER' } },
        evaluator,
      );
      app.advanceTime(100);
      app.insert('A', { CITY: 'a', TEMP: 3 });
      app.insert('B', { CITY: 'b', TEMP: 9 });
      app.insert('A', { CITY: 'c', TEMP: 9 });
      app.insert('B', { CITY: 'd', TEMP: 1 });
      app.advanceTime(1500);
      app.insert('A', { CITY: 'e', TEMP: 0 });
      app.insert('B', { CITY: 'f', TEMP: 7 });
      app.finish();
      assert.deepEqual(out.map((e) => [e.row['C'], e.row['T']]), [['b', 9], ['c', 9], ['a', 3], ['d', 1], ['f', 7], ['e', 0]], evaluator);
    }
  });

  it('streaming ORDER BY sorts each second by the remaining keys', () => {
    const { app, out } = start(
      `CREATE STREAM o (c VARCHAR(16), t INTEGER);
       CREATE PUMP p AS INSERT INTO o SELECT STREAM city, temp FROM SOURCE_SQL_STREAM_001 s ORDER BY FLOOR(s.ROWTIME TO SECOND), temp DESC;`,
      S,
    );
    app.advanceTime(100);
    for (const t of [3, 9, 1]) app.insert('SOURCE_SQL_STREAM_001', { CITY: 'x', TEMP: t });
    app.advanceTime(1500);
    app.insert('SOURCE_SQL_STREAM_001', { CITY: 'y', TEMP: 5 });
    app.finish();
    assert.deepEqual(out.map((e) => e.row['T']), [9, 3, 1, 5]);
  });

  it('CURRENT_ROW_TIMESTAMP reads the injected clock', () => {
    const { app, out } = start('CREATE STREAM o (t TIMESTAMP); CREATE PUMP p AS INSERT INTO o SELECT STREAM CURRENT_ROW_TIMESTAMP FROM SOURCE_SQL_STREAM_001;', S);
    app.advanceTime(1234);
    app.insert('SOURCE_SQL_STREAM_001', { CITY: 'a', TEMP: 1 });
    assert.equal(out[0]!.row['T'], 1234);
  });

  it('GROUP_RANK ranks the rows that share a ROWTIME', () => {
    const { app, out } = start(
      `CREATE STREAM o (c VARCHAR(16), t INTEGER, "groupRank" INTEGER);
       CREATE PUMP p AS INSERT INTO o SELECT STREAM * FROM TABLE(GROUP_RANK(CURSOR(SELECT STREAM * FROM SOURCE_SQL_STREAM_001), 'TEMP', 'groupRank', 'desc', 'asc', 1000, 0));`,
      S,
    );
    app.advanceTime(10);
    for (const [c, t] of [['a', 5], ['b', 7], ['c', 6]] as const) app.insert('SOURCE_SQL_STREAM_001', { CITY: c, TEMP: t });
    app.finish();
    assert.deepEqual(out.map((e) => [e.row['C'], e.row['groupRank']]), [['b', 1], ['c', 2], ['a', 3]]);
  });
});

describe('T-sort', () => {
  it('ORDER BY ts WITHIN slack reorders rows by event time, which becomes ROWTIME; late rows go to error_stream', () => {
    const { app, out } = start(
      `CREATE STREAM o (c VARCHAR(16));
       CREATE PUMP p AS INSERT INTO o SELECT STREAM s.EVENT_TIME AS ROWTIME, s.CITY FROM SOURCE_SQL_STREAM_001 s
       ORDER BY s.EVENT_TIME WITHIN INTERVAL '2' SECOND;`,
      { SOURCE_SQL_STREAM_001: { CITY: 'VARCHAR(16)', EVENT_TIME: 'TIMESTAMP' } },
    );
    const feed: [number, string, number][] = [[1000, 'b', 900], [1100, 'a', 500], [1500, 'c', 1400], [5000, 'late', 100], [5100, 'd', 4000]];
    for (const [t, c, ev] of feed) {
      app.advanceTime(t);
      app.insert('SOURCE_SQL_STREAM_001', { CITY: c, EVENT_TIME: ev });
    }
    app.finish();
    assert.deepEqual(out.filter((e) => e.stream === 'O').map((e) => [e.rowtime, e.row['C']]), [[500, 'a'], [900, 'b'], [1400, 'c'], [4000, 'd']]);
    assert.deepEqual(out.filter((e) => e.stream === 'error_stream').map((e) => e.row['ERROR_NAME']), ['Out of order row']);
  });

  it('requires the sort key selected AS ROWTIME', () => {
    assert.throws(
      () => start("CREATE STREAM o (c VARCHAR(16)); CREATE PUMP p AS INSERT INTO o SELECT STREAM s.CITY FROM SOURCE_SQL_STREAM_001 s ORDER BY s.EVENT_TIME WITHIN INTERVAL '2' SECOND;", {
        SOURCE_SQL_STREAM_001: { CITY: 'VARCHAR(16)', EVENT_TIME: 'TIMESTAMP' },
      }),
      /selected AS ROWTIME/,
    );
  });
});

describe('replacing the code of a running application', () => {
  it('continues the clock; the new pumps see the rows inserted after the switch', () => {
    const { app, out } = start('CREATE STREAM o (c VARCHAR(16)); CREATE PUMP p AS INSERT INTO o SELECT STREAM city FROM SOURCE_SQL_STREAM_001;', S);
    app.advanceTime(1000);
    app.insert('SOURCE_SQL_STREAM_001', { CITY: 'old', TEMP: 1 });
    const next = app.replaceCode(
      compileApplication("CREATE OR REPLACE STREAM o (c VARCHAR(16)); CREATE OR REPLACE PUMP p AS INSERT INTO o SELECT STREAM city || '!' FROM SOURCE_SQL_STREAM_001;", {
        inputs: [{ name: 'SOURCE_SQL_STREAM_001', columns: columns(S.SOURCE_SQL_STREAM_001) }],
      }),
    );
    const after: [number, unknown][] = [];
    next.subscribe('O', (row, rowtime) => after.push([rowtime, row['C']]));
    next.insert('SOURCE_SQL_STREAM_001', { CITY: 'new', TEMP: 1 });
    assert.deepEqual(out.map((e) => e.row['C']), ['old']);
    assert.deepEqual(after, [[1000, 'new!']]);
  });
});
