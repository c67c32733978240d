/** Golden tests rebuilt from the AWS developer guide's examples on the stock-ticker demo stream. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { of, runSql, tick, ts } from './app-harness.js';

const DEST = 'DESTINATION_SQL_STREAM';

describe('developer guide examples on the demo stream', () => {
  it('getting started: a continuous filter pump with SIMILAR TO', () => {
    const sql = `
      CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker_symbol VARCHAR(4), sector VARCHAR(12), change DOUBLE, price DOUBLE);
      CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
        SELECT STREAM ticker_symbol, sector, change, price
        FROM "SOURCE_SQL_STREAM_001"
        WHERE sector SIMILAR TO '%TECH%';`;
    const out = of(runSql(sql, [
      { at: 1, data: tick('AMZN', 'TECHNOLOGY', 84.51, -0.5) },
      { at: 2, data: tick('TGT', 'RETAIL', 42.25, 0.25) },
      { at: 3, data: tick('QXZ', 'BIOTECH', 12.5, 1) },
    ]), DEST);
    assert.deepEqual(out, [
      { ROWTIME: ts(1), TICKER_SYMBOL: 'AMZN', SECTOR: 'TECHNOLOGY', CHANGE: -0.5, PRICE: Math.fround(84.51) },
      { ROWTIME: ts(3), TICKER_SYMBOL: 'QXZ', SECTOR: 'BIOTECH', CHANGE: 1.0, PRICE: 12.5 },
    ]);
  });

  it('tumbling window: COUNT per ticker per minute, emitted at the end of each minute', () => {
    const sql = `
      CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (TICKER_SYMBOL VARCHAR(4), TICKER_COUNT INTEGER);
      CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
        SELECT STREAM TICKER_SYMBOL, COUNT(*) AS TICKER_COUNT
        FROM "SOURCE_SQL_STREAM_001"
        GROUP BY TICKER_SYMBOL, STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '60' SECOND);`;
    const out = of(runSql(sql, [
      { at: 5, data: tick('AMZN', 'TECHNOLOGY', 10) },
      { at: 20, data: tick('TGT', 'RETAIL', 10) },
      { at: 40, data: tick('AMZN', 'TECHNOLOGY', 11) },
      { at: 70, data: tick('AMZN', 'TECHNOLOGY', 12) },
    ]), DEST);
    assert.deepEqual(out, [
      { ROWTIME: ts(60), TICKER_SYMBOL: 'AMZN', TICKER_COUNT: 2 },
      { ROWTIME: ts(60), TICKER_SYMBOL: 'TGT', TICKER_COUNT: 1 },
      // The last minute closes at end of input, when the clock runs on.
      { ROWTIME: ts(120), TICKER_SYMBOL: 'AMZN', TICKER_COUNT: 1 },
    ]);
  });

  it('sliding window: average price per ticker over the last 10 seconds, one row per input row', () => {
    const sql = `
      CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker_symbol VARCHAR(4), avg_price DOUBLE);
      CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
        SELECT STREAM ticker_symbol, AVG(price) OVER W1 AS avg_price
        FROM "SOURCE_SQL_STREAM_001"
        WINDOW W1 AS (PARTITION BY ticker_symbol RANGE INTERVAL '10' SECOND PRECEDING);`;
    const out = of(runSql(sql, [
      { at: 0, data: tick('AMZN', 'TECHNOLOGY', 10) },
      { at: 5, data: tick('AMZN', 'TECHNOLOGY', 20) },
      { at: 6, data: tick('TGT', 'RETAIL', 100) },
      { at: 10, data: tick('AMZN', 'TECHNOLOGY', 30) }, // the row at 0 is exactly 10 s old: still inside
      { at: 11, data: tick('AMZN', 'TECHNOLOGY', 40) }, // now it has left
    ]), DEST);
    assert.deepEqual(out.map((r) => [r['ROWTIME'], r['TICKER_SYMBOL'], r['AVG_PRICE']]), [
      [ts(0), 'AMZN', 10.0],
      [ts(5), 'AMZN', 15.0],
      [ts(6), 'TGT', 100.0],
      [ts(10), 'AMZN', 20.0],
      [ts(11), 'AMZN', 30.0],
    ]);
  });

  it('sliding window with ROWS and several aggregates', () => {
    const sql = `
      CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker_symbol VARCHAR(4), n INTEGER, lo REAL, hi REAL, prev REAL);
      CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
        SELECT STREAM ticker_symbol, COUNT(*) OVER w, MIN(price) OVER w, MAX(price) OVER w, LAG(price, 1) OVER w
        FROM "SOURCE_SQL_STREAM_001"
        WINDOW w AS (PARTITION BY ticker_symbol ROWS 2 PRECEDING);`;
    const out = of(runSql(sql, [5, 3, 9, 1].map((p, i) => ({ at: i, data: tick('AMZN', 'TECHNOLOGY', p) }))), DEST);
    assert.deepEqual(out.map((r) => [r['N'], r['LO'], r['HI'], r['PREV']]), [
      [1, 5, 5, null],
      [2, 3, 5, 5],
      [3, 3, 9, 3],
      [3, 1, 9, 9],
    ]);
  });

  it('stagger window: one row per key, at the window open time plus the range', () => {
    const schema = {
      RecordFormat: { RecordFormatType: 'JSON', MappingParameters: { JSONMappingParameters: { RecordRowPath: '$' } } },
      RecordColumns: [
        { Name: 'EVENT_TIME', SqlType: 'TIMESTAMP', Mapping: '$.EVENT_TIME' },
        { Name: 'TICKER', SqlType: 'VARCHAR(4)', Mapping: '$.TICKER' },
        { Name: 'PRICE', SqlType: 'REAL', Mapping: '$.PRICE' },
      ],
    };
    const sql = `
      CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (event_time TIMESTAMP, ticker_symbol VARCHAR(4), ticker_count INTEGER);
      CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
        SELECT STREAM EVENT_TIME, TICKER, COUNT(TICKER) AS ticker_count
        FROM "SOURCE_SQL_STREAM_001"
        WINDOWED BY STAGGER (PARTITION BY TICKER, EVENT_TIME RANGE INTERVAL '1' MINUTE);`;
    const ev = (at: number, time: string, ticker: string): { at: number; data: unknown } => ({
      at,
      data: { EVENT_TIME: `2018-08-01T11:00:${time}.000000`, TICKER: ticker, PRICE: 1 },
    });
    const out = of(runSql(sql, [ev(20, '00', 'AMZN'), ev(30, '00', 'AMZN'), ev(35, '00', 'ABC'), ev(50, '00', 'AMZN'), ev(85, '00', 'AMZN')], { schema }), DEST);
    assert.deepEqual(out, [
      { ROWTIME: ts(80), EVENT_TIME: '2018-08-01 11:00:00.0', TICKER_SYMBOL: 'AMZN', TICKER_COUNT: 3 },
      { ROWTIME: ts(95), EVENT_TIME: '2018-08-01 11:00:00.0', TICKER_SYMBOL: 'ABC', TICKER_COUNT: 1 },
      { ROWTIME: ts(145), EVENT_TIME: '2018-08-01 11:00:00.0', TICKER_SYMBOL: 'AMZN', TICKER_COUNT: 1 },
    ]);
  });

  it('reference data: LEFT JOIN with an S3 CSV table (header row read as data, as KDA does)', () => {
    const sql = `
      CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker_symbol VARCHAR(4), "Company" varchar(20), sector VARCHAR(12), change DOUBLE, price DOUBLE);
      CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
        SELECT STREAM ticker_symbol, "c"."Company", sector, change, price
        FROM "SOURCE_SQL_STREAM_001" LEFT JOIN "CompanyName" AS "c"
        ON "SOURCE_SQL_STREAM_001".ticker_symbol = "c"."Ticker";`;
    const references = [{
      table: 'CompanyName',
      schema: {
        RecordFormat: { RecordFormatType: 'CSV', MappingParameters: { CSVMappingParameters: { RecordRowDelimiter: '\n', RecordColumnDelimiter: ',' } } },
        RecordEncoding: 'UTF-8',
        RecordColumns: [{ Name: 'Ticker', SqlType: 'VARCHAR(4)' }, { Name: 'Company', SqlType: 'VARCHAR(15)' }],
      },
      content: 'Ticker,Company\nAMZN,Amazon\nASD,SomeCompanyA\nMMB,SomeCompanyB\nWAS,SomeCompanyC\n',
    }];
    const out = of(runSql(sql, [{ at: 1, data: tick('AMZN', 'TECHNOLOGY', 5) }, { at: 2, data: tick('XYZ', 'RETAIL', 6) }], { references }), DEST);
    assert.deepEqual(out.map((r) => [r['TICKER_SYMBOL'], r['Company']]), [['AMZN', 'Amazon'], ['XYZ', null]]);
  });

  it('error stream: division by zero diverts the whole row, with the pump name and the row in hex', () => {
    const sql = `
      CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker_symbol VARCHAR(4), sector VARCHAR(12), change DOUBLE, price DOUBLE);
      CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
        SELECT STREAM ticker_symbol, sector, change, (price / 0) AS ProblemColumn
        FROM "SOURCE_SQL_STREAM_001"
        WHERE sector SIMILAR TO '%TECH%';`;
    const rows = runSql(sql, [{ at: 1, data: tick('AMZN', 'TECHNOLOGY', 5) }]);
    assert.deepEqual(of(rows, DEST), []);
    const [err] = of(rows, 'error_stream');
    assert.equal(err!['ERROR_NAME'], 'Division by zero');
    assert.equal(err!['PUMP_NAME'], 'STREAM_PUMP');
    assert.equal(err!['DATA_ROWTIME'], ts(1));
    const original = JSON.parse(Buffer.from(err!['DATA_ROW'] as string, 'hex').toString('utf8')) as Record<string, unknown>;
    assert.equal(original['TICKER_SYMBOL'], 'AMZN');
  });

  it('several in-application streams chained by pumps', () => {
    const sql = `
      CREATE OR REPLACE STREAM "TECH_STREAM" (ticker_symbol VARCHAR(4), price DOUBLE);
      CREATE OR REPLACE PUMP "P1" AS INSERT INTO "TECH_STREAM"
        SELECT STREAM ticker_symbol, price FROM "SOURCE_SQL_STREAM_001" WHERE sector = 'TECHNOLOGY';
      CREATE OR REPLACE STREAM "EXPENSIVE" (ticker_symbol VARCHAR(4), price DOUBLE);
      CREATE OR REPLACE PUMP "P2" AS INSERT INTO "EXPENSIVE"
        SELECT STREAM ticker_symbol, price FROM "TECH_STREAM" WHERE price > 50`;
    const rows = runSql(sql, [{ at: 1, data: tick('AMZN', 'TECHNOLOGY', 84) }, { at: 2, data: tick('XYZ', 'TECHNOLOGY', 5) }, { at: 3, data: tick('TGT', 'RETAIL', 90) }]);
    assert.deepEqual(of(rows, 'EXPENSIVE'), [{ ROWTIME: ts(1), TICKER_SYMBOL: 'AMZN', PRICE: 84.0 }]);
    assert.equal(of(rows, 'TECH_STREAM').length, 2);
  });
});
