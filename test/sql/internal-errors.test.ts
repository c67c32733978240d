/**
 * A function that fails with something other than SqlRuntimeError (a defect) must not stop the application: the
 * row goes to error_stream as an internal error and the next rows flow on.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { scalarFunctions, type ScalarFunctionDef } from '../../src/sql/functions/index.js';
import { registerLibraryTableFunction } from '../../src/sql/plan/table-functions.js';
import { of, runSql, tick, ts } from './app-harness.js';

const OUT = 'DESTINATION_SQL_STREAM';
const registry = scalarFunctions as Map<string, ScalarFunctionDef>;

const faultyScalar: ScalarFunctionDef = {
  name: 'FAULTY_UPPER',
  minArgs: 1,
  maxArgs: 1,
  returnType: () => ({ name: 'VARCHAR', precision: 16, nullable: true }),
  impl(s) {
    if (s === 'TGT') throw new TypeError('cannot read properties of undefined');
    return String(s).toUpperCase();
  },
};

describe('internal errors in functions', () => {
  before(() => {
    registry.set(faultyScalar.name, faultyScalar);
    registerLibraryTableFunction({
      name: 'FAULTY_TABLE_FUNCTION',
      bind: (columns) => ({
        outputColumns: columns,
        create: () => ({
          push(row, rowtime, emit) {
            if (row['PRICE'] === 13) throw 'thirteen'; // not even an Error
            emit(row, rowtime);
          },
          advanceTime() {},
          nextDeadline: () => undefined,
        }),
      }),
    });
  });
  after(() => registry.delete(faultyScalar.name));

  it('a scalar function that throws a TypeError diverts its row as an internal error', () => {
    const rows = runSql(
      `CREATE OR REPLACE STREAM "${OUT}" (t VARCHAR(16));
       CREATE OR REPLACE PUMP "P" AS INSERT INTO "${OUT}" SELECT STREAM FAULTY_UPPER(SECTOR) FROM "SOURCE_SQL_STREAM_001";`,
      [{ at: 1, data: tick('AMZN', 'tech', 1) }, { at: 2, data: tick('X', 'TGT', 2) }, { at: 3, data: tick('Y', 'retail', 3) }],
    );
    assert.deepEqual(of(rows, OUT).map((r) => r['T']), ['TECH', 'RETAIL']);
    const errors = of(rows, 'error_stream');
    assert.equal(errors.length, 1);
    assert.equal(errors[0]!['ERROR_NAME'], 'Internal error');
    assert.match(String(errors[0]!['MESSAGE']), /TypeError: cannot read properties of undefined/);
    assert.equal(errors[0]!['DATA_ROWTIME'], ts(2));
    assert.equal(errors[0]!['PUMP_NAME'], 'P');
  });

  it('a table function that throws diverts the cursor row as an internal error', () => {
    const rows = runSql(
      `CREATE OR REPLACE STREAM "${OUT}" (t VARCHAR(4), p REAL);
       CREATE OR REPLACE PUMP "P" AS INSERT INTO "${OUT}"
         SELECT STREAM TICKER_SYMBOL, PRICE FROM TABLE(FAULTY_TABLE_FUNCTION(CURSOR(SELECT STREAM * FROM "SOURCE_SQL_STREAM_001")));`,
      [{ at: 1, data: tick('A', 'S', 12) }, { at: 2, data: tick('B', 'S', 13) }, { at: 3, data: tick('C', 'S', 14) }],
    );
    assert.deepEqual(of(rows, OUT).map((r) => r['T']), ['A', 'C']);
    const [err, ...more] = of(rows, 'error_stream');
    assert.deepEqual(more, []);
    assert.equal(err!['ERROR_NAME'], 'Internal error');
    assert.match(String(err!['MESSAGE']), /thirteen/);
    assert.match(Buffer.from(String(err!['DATA_ROW']), 'hex').toString('utf8'), /"B"/);
  });
});
