/** Output records as a destination receives them (DestinationSchema JSON or CSV). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encodeCsvRow, encodeJsonRow } from '../../src/sql/io/output-format.js';
import { columns, start } from './runtime-harness.js';

const cols = columns({
  TICKER: 'VARCHAR(4)',
  '"Price"': 'DOUBLE',
  QTY: 'INTEGER',
  AMOUNT: 'DECIMAL(8,2)',
  TS: 'TIMESTAMP',
  OK: 'BOOLEAN',
  NOTE: 'VARCHAR(32)',
}).map((c) => (c.name === '"Price"' ? { ...c, name: 'Price' } : c));

const row = { TICKER: 'AMZN', Price: 30, QTY: 7, AMOUNT: 12.5, TS: Date.UTC(2018, 10, 1, 1, 0, 0), OK: true, NOTE: 'a, "b"' };

describe('output formats', () => {
  it('JSON: stored column names as keys, Java-style doubles, DECIMAL at its scale, KDA timestamps, no separator', () => {
    assert.equal(
      encodeJsonRow(row, cols),
      '{"TICKER":"AMZN","Price":30.0,"QTY":7,"AMOUNT":12.50,"TS":"2018-11-01 01:00:00.0","OK":true,"NOTE":"a, \\"b\\""}',
    );
    assert.deepEqual(JSON.parse(encodeJsonRow({ ...row, Price: null }, cols)).Price, null);
  });

  it('CSV: one line per row, fields with commas or quotes quoted, NULL empty', () => {
    assert.equal(encodeCsvRow(row, cols), 'AMZN,30.0,7,12.50,2018-11-01 01:00:00.0,TRUE,"a, ""b"""\n');
    assert.equal(encodeCsvRow({ ...row, NOTE: null }, cols), 'AMZN,30.0,7,12.50,2018-11-01 01:00:00.0,TRUE,\n');
  });

  it('a VALUES pump emits its rows once, when the application starts', () => {
    const { app, out } = start("CREATE STREAM o (n INTEGER, s VARCHAR(4)); CREATE PUMP p AS INSERT INTO o VALUES (1, 'a'), (2, 'b');", { SOURCE_SQL_STREAM_001: { X: 'INTEGER' } });
    app.finish();
    assert.deepEqual(out.map((e) => [e.rowtime, e.row]), [[0, { N: 1, S: 'a' }], [0, { N: 2, S: 'b' }]]);
  });
});

describe('VALUES next to another pump', () => {
  it('does not hold back the rows of the other pumps writing the same stream', () => {
    const { app, out } = start(
      "CREATE STREAM o (n INTEGER); CREATE PUMP v AS INSERT INTO o VALUES (0); CREATE PUMP p AS INSERT INTO o SELECT STREAM x FROM SOURCE_SQL_STREAM_001;",
      { SOURCE_SQL_STREAM_001: { X: 'INTEGER' } },
    );
    app.advanceTime(5);
    app.insert('SOURCE_SQL_STREAM_001', { X: 7 });
    app.advanceTime(6);
    assert.deepEqual(out.map((e) => e.row['N']), [0, 7]);
  });
});
