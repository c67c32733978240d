/** More developer guide applications on the demo stream: event-time windows, partial results, throttled alerts. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { of, runSql, tick, ts } from './app-harness.js';

describe('developer guide examples (continued)', () => {
  it('continuous query: tickers whose price changed by more than 1%', () => {
    const sql = `
      CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker_symbol VARCHAR(4), price DOUBLE);
      CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
        SELECT STREAM TICKER_SYMBOL, PRICE FROM "SOURCE_SQL_STREAM_001"
        WHERE (ABS(Change / (Price - Change)) * 100) > 1;`;
    const out = of(runSql(sql, [{ at: 1, data: tick('AMZN', 'TECHNOLOGY', 101, 1) }, { at: 2, data: tick('TGT', 'RETAIL', 52, 2) }]), 'DESTINATION_SQL_STREAM');
    assert.deepEqual(out, [{ ROWTIME: ts(2), TICKER_SYMBOL: 'TGT', PRICE: 52.0 }]);
  });

  it('tumbling window on ROWTIME and event time together (the two-window pattern)', () => {
    const schema = {
      RecordFormat: { RecordFormatType: 'JSON', MappingParameters: { JSONMappingParameters: { RecordRowPath: '$' } } },
      RecordColumns: [
        { Name: 'EVENT_TIME', SqlType: 'TIMESTAMP', Mapping: '$.EVENT_TIME' },
        { Name: 'TICKER_SYMBOL', SqlType: 'VARCHAR(4)', Mapping: '$.TICKER_SYMBOL' },
      ],
    };
    const sql = `
      CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (TICKER_SYMBOL VARCHAR(4), EVENT_TIME timestamp, TICKER_COUNT INTEGER);
      CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
        SELECT STREAM TICKER_SYMBOL, STEP(("SOURCE_SQL_STREAM_001".EVENT_TIME) BY INTERVAL '60' SECOND) AS EVENT_TIME, COUNT(*) AS TICKER_COUNT
        FROM "SOURCE_SQL_STREAM_001"
        GROUP BY STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '60' SECOND), STEP(("SOURCE_SQL_STREAM_001".EVENT_TIME) BY INTERVAL '60' SECOND), TICKER_SYMBOL;`;
    const ev = (at: number, time: string): { at: number; data: unknown } => ({ at, data: { EVENT_TIME: `2018-05-09T12:${time}.337510`, TICKER_SYMBOL: 'AMZN' } });
    // A late record (event time 12:49) arriving in the same ROWTIME minute as on-time ones makes its own row.
    const out = of(runSql(sql, [ev(1, '50:41'), ev(2, '50:55'), ev(3, '49:59')], { schema }), 'DESTINATION_SQL_STREAM');
    assert.deepEqual(out, [
      { ROWTIME: ts(60), TICKER_SYMBOL: 'AMZN', EVENT_TIME: '2018-05-09 12:50:00.0', TICKER_COUNT: 2 },
      { ROWTIME: ts(60), TICKER_SYMBOL: 'AMZN', EVENT_TIME: '2018-05-09 12:49:00.0', TICKER_COUNT: 1 },
    ]);
  });

  it('aggregating partial results: per-minute counts, then a sliding SUM per trade minute', () => {
    const sql = `
      CREATE OR REPLACE STREAM "CALC_COUNT_SQL_STREAM"(TICKER VARCHAR(4), TRADETIME TIMESTAMP, TICKERCOUNT DOUBLE);
      CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM"(TICKER VARCHAR(4), TRADETIME TIMESTAMP, TICKERCOUNT DOUBLE);
      CREATE PUMP "CALC_COUNT_SQL_PUMP_001" AS INSERT INTO "CALC_COUNT_SQL_STREAM"("TICKER","TRADETIME", "TICKERCOUNT")
        SELECT STREAM "TICKER_SYMBOL", STEP("SOURCE_SQL_STREAM_001"."ROWTIME" BY INTERVAL '1' MINUTE) as "TradeTime", COUNT(*) AS "TickerCount"
        FROM "SOURCE_SQL_STREAM_001"
        GROUP BY STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '1' MINUTE),
          STEP("SOURCE_SQL_STREAM_001"."APPROXIMATE_ARRIVAL_TIME" BY INTERVAL '1' MINUTE), TICKER_SYMBOL;
      CREATE PUMP "AGGREGATED_SQL_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM" ("TICKER","TRADETIME", "TICKERCOUNT")
        SELECT STREAM "TICKER", "TRADETIME", SUM("TICKERCOUNT") OVER W1 AS "TICKERCOUNT"
        FROM "CALC_COUNT_SQL_STREAM"
        WINDOW W1 AS (PARTITION BY "TRADETIME" RANGE INTERVAL '10' MINUTE PRECEDING);`;
    const rows = runSql(sql, [1, 2, 3, 61].map((s) => ({ at: s, data: tick('AMZN', 'TECHNOLOGY', 10) })));
    assert.deepEqual(of(rows, 'DESTINATION_SQL_STREAM'), [
      { ROWTIME: ts(60), TICKER: 'AMZN', TRADETIME: ts(0), TICKERCOUNT: 3.0 },
      { ROWTIME: ts(120), TICKER: 'AMZN', TRADETIME: ts(60), TICKERCOUNT: 1.0 },
    ]);
  });

  it('throttled alerts: a subquery with a windowed COUNT, filtered outside', () => {
    const sql = `
      CREATE OR REPLACE STREAM "CHANGE_STREAM" (ticker_symbol VARCHAR(4), sector VARCHAR(12), change DOUBLE, price DOUBLE);
      CREATE OR REPLACE PUMP "change_pump" AS INSERT INTO "CHANGE_STREAM"
        SELECT STREAM ticker_symbol, sector, change, price FROM "SOURCE_SQL_STREAM_001"
        WHERE (ABS(Change / (Price - Change)) * 100) > 1;
      CREATE OR REPLACE STREAM TRIGGER_COUNT_STREAM (ticker_symbol VARCHAR(4), change REAL, trigger_count INTEGER);
      CREATE OR REPLACE PUMP trigger_count_pump AS INSERT INTO TRIGGER_COUNT_STREAM
        SELECT STREAM ticker_symbol, change, trigger_count
        FROM (
          SELECT STREAM ticker_symbol, change, COUNT(*) OVER W1 as trigger_count
          FROM "CHANGE_STREAM"
          WINDOW W1 AS (PARTITION BY ticker_symbol RANGE INTERVAL '1' MINUTE PRECEDING)
        )
        WHERE trigger_count = 1;`;
    const rows = runSql(sql, [0, 10, 20, 70].map((s) => ({ at: s, data: tick('AMZN', 'TECHNOLOGY', 52, 2) })));
    assert.deepEqual(of(rows, 'TRIGGER_COUNT_STREAM').map((r) => [r['ROWTIME'], r['TRIGGER_COUNT']]), [[ts(0), 1]]);
    assert.equal(of(rows, 'CHANGE_STREAM').length, 4);
  });
});

describe('developer guide: anomaly detection', () => {
  it('RANDOM_CUT_FOREST into a stream, re-sorted per second by ANOMALY_SCORE', () => {
    const sql = `
      CREATE OR REPLACE STREAM "TEMP_STREAM" ("TICKER_SYMBOL" VARCHAR(4), "SECTOR" VARCHAR(16), "CHANGE" REAL, "PRICE" REAL, "ANOMALY_SCORE" DOUBLE);
      CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" ("TICKER_SYMBOL" VARCHAR(4), "SECTOR" VARCHAR(16), "CHANGE" REAL, "PRICE" REAL, "ANOMALY_SCORE" DOUBLE);
      CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "TEMP_STREAM"
        SELECT STREAM "TICKER_SYMBOL", "SECTOR", "CHANGE", "PRICE", "ANOMALY_SCORE" FROM
        TABLE(RANDOM_CUT_FOREST(CURSOR(SELECT STREAM "TICKER_SYMBOL", "SECTOR", "CHANGE", "PRICE" FROM "SOURCE_SQL_STREAM_001")));
      CREATE OR REPLACE PUMP "OUTPUT_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
        SELECT STREAM * FROM "TEMP_STREAM"
        ORDER BY FLOOR("TEMP_STREAM".ROWTIME TO SECOND), ANOMALY_SCORE DESC;`;
    const events = Array.from({ length: 30 }, (_, i) => ({ at: i / 10, data: tick('AMZN', 'TECHNOLOGY', 10 + (i % 3), 0.1) }));
    const rows = runSql(sql, events);
    const out = of(rows, 'DESTINATION_SQL_STREAM');
    assert.equal(out.length, 30, 'every row comes out');
    assert.ok(out.every((r) => r['ANOMALY_SCORE'] === 0), 'fewer rows than subSampleSize: the forest is still learning');
    // Each second's rows leave together, at the batch's last ROWTIME.
    assert.deepEqual([...new Set(out.map((r) => r['ROWTIME']))], [ts(0.9), ts(1.9), ts(2.9)]);
  });
});
