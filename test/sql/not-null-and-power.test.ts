/** Row-level rules of the dialect: NOT NULL columns of CREATE STREAM, POWER's domain errors. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileApplication } from '../../src/sql/plan/compile-application.js';
import { of, runSql, tick, ts } from './app-harness.js';

const OUT = 'DESTINATION_SQL_STREAM';
const events = [
  { at: 1, data: tick('AMZN', 'TECHNOLOGY', 10) },
  { at: 2, data: { TICKER_SYMBOL: 'TGT', SECTOR: null, CHANGE: 0, PRICE: 5 } },
  { at: 3, data: tick('QXZ', 'ENERGY', 7) },
];

describe('NOT NULL columns', () => {
  it('a NULL written into a NOT NULL column sends the row to error_stream (projection folded into the INSERT)', () => {
    const rows = runSql(
      `CREATE OR REPLACE STREAM "${OUT}" (t VARCHAR(4), s VARCHAR(16) NOT NULL);
       CREATE OR REPLACE PUMP "P" AS INSERT INTO "${OUT}" SELECT STREAM TICKER_SYMBOL, SECTOR FROM "SOURCE_SQL_STREAM_001";`,
      events,
    );
    assert.deepEqual(of(rows, OUT).map((r) => r['T']), ['AMZN', 'QXZ']);
    const [err, ...more] = of(rows, 'error_stream');
    assert.deepEqual(more, []);
    assert.equal(err!['ERROR_NAME'], 'Null in NOT NULL column');
    assert.match(String(err!['MESSAGE']), /'S'/);
    assert.equal(err!['DATA_ROWTIME'], ts(2));
  });

  it('the same through a separate INSERT step (UNION ALL)', () => {
    const rows = runSql(
      `CREATE OR REPLACE STREAM "${OUT}" (s VARCHAR(16) NOT NULL);
       CREATE OR REPLACE PUMP "P" AS INSERT INTO "${OUT}"
         SELECT STREAM SECTOR FROM "SOURCE_SQL_STREAM_001" WHERE PRICE > 6
         UNION ALL
         SELECT STREAM SECTOR FROM "SOURCE_SQL_STREAM_001" WHERE PRICE <= 6;`,
      events,
    );
    assert.deepEqual(of(rows, OUT).map((r) => r['S']), ['TECHNOLOGY', 'ENERGY']);
    assert.deepEqual(of(rows, 'error_stream').map((e) => e['ERROR_NAME']), ['Null in NOT NULL column']);
  });

  it('a pump that leaves a NOT NULL column unset is invalid', () => {
    assert.throws(
      () =>
        compileApplication(
          `CREATE OR REPLACE STREAM "${OUT}" (t VARCHAR(4), s VARCHAR(16) NOT NULL);
           CREATE OR REPLACE PUMP "P" AS INSERT INTO "${OUT}" (t) SELECT STREAM TICKER_SYMBOL FROM "SOURCE_SQL_STREAM_001";`,
          { inputs: [{ name: 'SOURCE_SQL_STREAM_001', columns: [{ name: 'TICKER_SYMBOL', type: { name: 'VARCHAR', precision: 4, nullable: true } }] }] },
        ),
      /'S' of stream 'DESTINATION_SQL_STREAM' is NOT NULL and pump 'P' does not set it/,
    );
  });
});

describe('POWER', () => {
  it('zero to a negative power and a negative base to a fractional power are row errors', () => {
    const rows = runSql(
      `CREATE OR REPLACE STREAM "${OUT}" (t VARCHAR(4), p DOUBLE);
       CREATE OR REPLACE PUMP "P" AS INSERT INTO "${OUT}" SELECT STREAM TICKER_SYMBOL, POWER(PRICE, CHANGE) FROM "SOURCE_SQL_STREAM_001";`,
      [
        { at: 1, data: tick('A', 'S', 0, -1) },
        { at: 2, data: tick('B', 'S', -8, 0.5) },
        { at: 3, data: tick('C', 'S', -2, 3) },
        { at: 4, data: tick('D', 'S', 4, 0.5) },
      ],
    );
    assert.deepEqual(of(rows, OUT).map((r) => [r['T'], r['P']]), [['C', -8], ['D', 2]]);
    const errors = of(rows, 'error_stream');
    assert.deepEqual(errors.map((e) => [e['DATA_ROWTIME'], e['ERROR_NAME']]), [[ts(1), 'Invalid argument'], [ts(2), 'Invalid argument']]);
  });
});
