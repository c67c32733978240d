/** The SQL Reference's WEATHERSTREAM examples ("Windowed Aggregation on Streams"), against its published results. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { start } from './runtime-harness.js';

const READINGS: [string, string, number][] = [
  ['2018-11-01 01:00:00', 'Denver', 29], ['2018-11-01 01:00:00', 'Anchorage', 2], ['2018-11-01 06:00:00', 'Miami', 65],
  ['2018-11-01 07:00:00', 'Denver', 32], ['2018-11-01 09:00:00', 'Anchorage', 9], ['2018-11-01 13:00:00', 'Denver', 50],
  ['2018-11-01 17:00:00', 'Anchorage', 10], ['2018-11-01 18:00:00', 'Miami', 71], ['2018-11-01 19:00:00', 'Denver', 43],
  ['2018-11-02 01:00:00', 'Anchorage', 4], ['2018-11-02 01:00:00', 'Denver', 39], ['2018-11-02 07:00:00', 'Denver', 46],
  ['2018-11-02 09:00:00', 'Anchorage', 3], ['2018-11-02 13:00:00', 'Denver', 56], ['2018-11-02 17:00:00', 'Anchorage', 2],
  ['2018-11-02 19:00:00', 'Denver', 50], ['2018-11-03 01:00:00', 'Denver', 36], ['2018-11-03 01:00:00', 'Anchorage', 1],
];

function feed(sql: string) {
  const { app, out } = start(sql, { WEATHERSTREAM: { CITY: 'VARCHAR(16)', TEMP: 'INTEGER' } });
  for (const [t, city, temp] of READINGS) {
    app.advanceTime(Date.parse(t.replace(' ', 'T') + 'Z'));
    app.insert('WEATHERSTREAM', { CITY: city, TEMP: temp });
  }
  app.finish();
  return out.filter((e) => e.stream !== 'error_stream');
}

describe('SR WEATHERSTREAM', () => {
  it('global MIN/MAX over RANGE INTERVAL 1 DAY: the published first rows', () => {
    const out = feed(`CREATE STREAM o (rt TIMESTAMP, wmin_temp INTEGER, wmax_temp INTEGER);
      CREATE PUMP p AS INSERT INTO o SELECT STREAM ROWTIME, MIN(TEMP) OVER W1 AS WMIN_TEMP, MAX(TEMP) OVER W1 AS WMAX_TEMP
      FROM WEATHERSTREAM WINDOW W1 AS (RANGE INTERVAL '1' DAY PRECEDING);`);
    assert.equal(out.length, READINGS.length, 'one row per reading');
    assert.deepEqual(out.slice(0, 9).map((e) => [e.row['WMIN_TEMP'], e.row['WMAX_TEMP']]), [
      [29, 29], [2, 29], [2, 65], [2, 65], [2, 65], [2, 65], [2, 65], [2, 71], [2, 71],
    ]);
    assert.ok(out.every((e) => e.row['RT'] === e.rowtime));
  });

  it('AVG per city over RANGE 1 DAY truncates like INTEGER arithmetic', () => {
    const out = feed(`CREATE STREAM o (city VARCHAR(16), avg_temp INTEGER);
      CREATE PUMP p AS INSERT INTO o SELECT STREAM CITY, AVG(TEMP) OVER (PARTITION BY CITY RANGE INTERVAL '1' DAY PRECEDING)
      FROM WEATHERSTREAM;`);
    // Denver's second reading: (29 + 32) / 2 = 30 with the fraction dropped.
    assert.equal(out[3]!.row['AVG_TEMP'], 30);
    // Anchorage at 2018-11-02 01:00 sees 2, 9, 10 and 4 (the reading exactly one day old is inside): 25 / 4 = 6.
    assert.deepEqual(out[9]!.row, { CITY: 'Anchorage', AVG_TEMP: 6 });
    // The SR's Anchorage value at 2018-11-02 17:00: 10, 4, 3 and 2 → 19 / 4 = 4.
    assert.deepEqual(out[14]!.row, { CITY: 'Anchorage', AVG_TEMP: 4 });
  });
});
