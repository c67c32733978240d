/** What lands in error_stream, with KDA's columns: ingest errors, row errors in pumps, assignment overflow. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { of, runSql, tick, ts } from './app-harness.js';

const OUT = 'DESTINATION_SQL_STREAM';

describe('error_stream', () => {
  it('a record that does not fit the schema: coercion error, the raw record in hex, no pump', () => {
    const rows = runSql(
      `CREATE OR REPLACE STREAM "${OUT}" (t VARCHAR(4));
       CREATE OR REPLACE PUMP "P" AS INSERT INTO "${OUT}" SELECT STREAM TICKER_SYMBOL FROM "SOURCE_SQL_STREAM_001";`,
      [{ at: 1, data: { TICKER_SYMBOL: 'AMZN', SECTOR: 'TECHNOLOGY', CHANGE: 'up', PRICE: 1 } }, { at: 2, data: tick('TGT', 'RETAIL', 2) }],
    );
    const [err] = of(rows, 'error_stream');
    assert.equal(err!['ERROR_LEVEL'], 'ERROR');
    assert.equal(err!['ERROR_NAME'], 'Coercion error');
    assert.equal(err!['PUMP_NAME'], null);
    assert.equal(err!['ERROR_TIME'], ts(1));
    assert.match(Buffer.from(err!['DATA_ROW'] as string, 'hex').toString('utf8'), /"CHANGE":"up"/);
    assert.deepEqual(of(rows, OUT).map((r) => r['T']), ['TGT']);
  });

  it('arithmetic overflow and function errors divert the row; other rows flow on', () => {
    const rows = runSql(
      `CREATE OR REPLACE STREAM "${OUT}" (t VARCHAR(4), n SMALLINT, r VARCHAR(16));
       CREATE OR REPLACE PUMP "P" AS INSERT INTO "${OUT}"
         SELECT STREAM TICKER_SYMBOL, CAST(PRICE AS SMALLINT) * 2, REGEX_REPLACE(SECTOR, 'E', 'e', CAST(CHANGE AS INTEGER), 0)
         FROM "SOURCE_SQL_STREAM_001";`,
      [
        { at: 1, data: tick('AMZN', 'TECHNOLOGY', 20000, 1) }, // 40000 does not fit SMALLINT
        { at: 2, data: tick('TGT', 'RETAIL', 5, 0) }, // REGEX_REPLACE startPosition 0
        { at: 3, data: tick('QXZ', 'ENERGY', 5, 1) },
      ],
    );
    const errors = of(rows, 'error_stream');
    assert.deepEqual(errors.map((e) => [e['DATA_ROWTIME'], e['PUMP_NAME']]), [[ts(1), 'P'], [ts(2), 'P']]);
    assert.equal(errors[0]!['ERROR_NAME'], 'Overflow');
    assert.match(String(errors[1]!['MESSAGE']), /start/i);
    assert.deepEqual(of(rows, OUT).map((r) => [r['T'], r['N'], r['R']]), [['QXZ', 10, 'eNeRGY']]);
  });

  it('a value too large for the target column on INSERT is an error, VARCHAR is truncated silently', () => {
    const rows = runSql(
      `CREATE OR REPLACE STREAM "${OUT}" (t VARCHAR(2), n TINYINT);
       CREATE OR REPLACE PUMP "P" AS INSERT INTO "${OUT}" SELECT STREAM TICKER_SYMBOL, PRICE FROM "SOURCE_SQL_STREAM_001";`,
      [{ at: 1, data: tick('AMZN', 'TECHNOLOGY', 300) }, { at: 2, data: tick('TGT', 'RETAIL', 12) }],
    );
    assert.deepEqual(of(rows, OUT).map((r) => [r['T'], r['N']]), [['TG', 12]]);
    assert.equal(of(rows, 'error_stream').length, 1);
  });
});
