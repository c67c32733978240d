/** What KDA's validator rejects at CreateApplication/UpdateApplication time, with positions. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SqlCompileError } from '../../src/sql/errors.js';
import { compileApplication } from '../../src/sql/plan/compile-application.js';
import { columns } from './runtime-harness.js';

const inputs = [{ name: 'SOURCE_SQL_STREAM_001', columns: columns({ TICKER: 'VARCHAR(4)', PRICE: 'DOUBLE', heartRate: 'INTEGER' }) }];

function reject(sql: string): SqlCompileError {
  try {
    compileApplication(sql, { inputs });
  } catch (err) {
    if (err instanceof SqlCompileError) return err;
    throw err;
  }
  throw new Error('expected the code to be rejected');
}

const OUT = 'CREATE STREAM o (t VARCHAR(4), n BIGINT);\n';

describe('validation', () => {
  it('a streaming GROUP BY needs a monotonic expression', () => {
    const e = reject(OUT + 'CREATE PUMP p AS INSERT INTO o SELECT STREAM ticker, COUNT(*) FROM SOURCE_SQL_STREAM_001 GROUP BY ticker;');
    assert.equal(e.reason, 'Streaming aggregation requires at least one monotonic expression in GROUP BY clause');
    assert.deepEqual(e.position, { line: 2, column: 99 });
    // An aggregate with no GROUP BY at all makes the whole stream one group.
    assert.match(reject(OUT + 'CREATE PUMP p AS INSERT INTO o SELECT STREAM MAX(ticker), COUNT(*) FROM SOURCE_SQL_STREAM_001;').reason, /monotonic/);
    // MONOTONIC() asserts it; STEP of ROWTIME is monotonic.
    compileApplication(OUT + 'CREATE PUMP p AS INSERT INTO o SELECT STREAM ticker, COUNT(*) FROM SOURCE_SQL_STREAM_001 GROUP BY ticker, MONOTONIC(CAST(price AS BIGINT));', { inputs });
    compileApplication(OUT + "CREATE PUMP p AS INSERT INTO o SELECT STREAM ticker, COUNT(*) FROM SOURCE_SQL_STREAM_001 GROUP BY ticker, STEP(ROWTIME BY INTERVAL '1' MINUTE);", { inputs });
  });

  it('selected columns of a grouped query must be grouped', () => {
    const e = reject(OUT + "CREATE PUMP p AS INSERT INTO o SELECT STREAM ticker, COUNT(*) FROM SOURCE_SQL_STREAM_001 s GROUP BY FLOOR(s.ROWTIME TO MINUTE);");
    assert.match(e.reason, /Expression 'TICKER' is not being grouped/);
  });

  it('streaming ORDER BY must lead with a monotonic expression', () => {
    const e = reject(OUT + 'CREATE PUMP p AS INSERT INTO o SELECT STREAM ticker, 1 FROM SOURCE_SQL_STREAM_001 ORDER BY ticker;');
    assert.match(e.reason, /Streaming ORDER BY must start with a monotonic expression/);
  });

  it('COUNT(DISTINCT) is not allowed on a stream', () => {
    assert.match(reject(OUT + 'CREATE PUMP p AS INSERT INTO o SELECT STREAM ticker, COUNT(DISTINCT price) FROM SOURCE_SQL_STREAM_001 s GROUP BY ticker, FLOOR(s.ROWTIME TO MINUTE);').reason, /DISTINCT/);
  });

  it('windows must be bounded and must not order rows for aggregation', () => {
    assert.match(reject(OUT + 'CREATE PUMP p AS INSERT INTO o SELECT STREAM ticker, COUNT(*) OVER (PARTITION BY ticker) FROM SOURCE_SQL_STREAM_001;').reason, /needs RANGE/);
    assert.match(
      reject(OUT + "CREATE PUMP p AS INSERT INTO o SELECT STREAM ticker, COUNT(*) OVER (ORDER BY ROWTIME RANGE INTERVAL '1' MINUTE PRECEDING) FROM SOURCE_SQL_STREAM_001;").reason,
      /ORDER BY is not allowed/,
    );
  });

  it('positional INSERT checks the column count and assignable types', () => {
    const count = reject(OUT + 'CREATE PUMP p AS INSERT INTO o SELECT STREAM ticker FROM SOURCE_SQL_STREAM_001;');
    assert.equal(count.reason, 'Number of INSERT target columns (2) does not equal number of source items (1)');
    const type = reject(OUT + 'CREATE PUMP p AS INSERT INTO o SELECT STREAM ticker, ROWTIME FROM SOURCE_SQL_STREAM_001;');
    assert.match(type.reason, /Cannot assign to target field 'N' of type BIGINT from source field 'ROWTIME' of type TIMESTAMP/);
  });

  it('names: upper-casing of unquoted names, hints for case mismatches, unknown objects', () => {
    assert.match(reject(OUT + 'CREATE PUMP p AS INSERT INTO o SELECT STREAM ticker, heartRate FROM SOURCE_SQL_STREAM_001;').reason, /did you mean "heartRate"/);
    compileApplication(OUT + 'CREATE PUMP p AS INSERT INTO o SELECT STREAM ticker, "heartRate" FROM source_sql_stream_001;', { inputs });
    assert.match(reject(OUT + 'CREATE PUMP p AS INSERT INTO o SELECT STREAM ticker, 1 FROM "source_sql_stream_001";').reason, /Object 'source_sql_stream_001' not found; did you mean "SOURCE_SQL_STREAM_001"/);
    assert.match(reject(OUT + 'CREATE PUMP p AS INSERT INTO nowhere SELECT STREAM ticker, 1 FROM SOURCE_SQL_STREAM_001;').reason, /Object 'NOWHERE' not found/);
  });

  it('error_stream and input streams cannot be written; error_stream cannot be read', () => {
    assert.match(reject('CREATE PUMP p AS INSERT INTO SOURCE_SQL_STREAM_001 SELECT STREAM * FROM SOURCE_SQL_STREAM_001;').reason, /Cannot insert into the input stream/);
    assert.match(reject(OUT + 'CREATE PUMP p AS INSERT INTO o SELECT STREAM ERROR_NAME, 1 FROM "error_stream";').reason, /system stream/);
  });

  it('pumps must not form a cycle', () => {
    const e = reject(`CREATE STREAM a (t VARCHAR(4)); CREATE STREAM b (t VARCHAR(4));
CREATE PUMP p1 AS INSERT INTO a SELECT STREAM t FROM b;
CREATE PUMP p2 AS INSERT INTO b SELECT STREAM t FROM a;`);
    assert.match(e.reason, /^Pump 'P1' reads stream 'B', which its own output flows into/);
    assert.equal(e.position?.line, 2);
  });

  it('type errors in expressions carry their position', () => {
    const e = reject(OUT + "CREATE PUMP p AS INSERT INTO o SELECT STREAM ticker,\n  price + 'x' * 2 FROM SOURCE_SQL_STREAM_001;");
    assert.match(e.reason, /Cannot apply '\*'/);
    assert.deepEqual(e.position, { line: 3, column: 15 });
  });

  it('table-function argument checks surface as validation errors at the call', () => {
    const e = reject(
      'CREATE STREAM o (a DOUBLE, s DOUBLE);\nCREATE PUMP p AS INSERT INTO o SELECT STREAM * FROM TABLE(RANDOM_CUT_FOREST(CURSOR(SELECT STREAM price FROM SOURCE_SQL_STREAM_001), 0));',
    );
    assert.match(e.reason, /^RANDOM_CUT_FOREST: numberOfTrees must be between 1 and 1000, got 0$/);
    assert.deepEqual(e.position, { line: 2, column: 59 });
    assert.match(reject(OUT + "CREATE PUMP p AS INSERT INTO o SELECT STREAM * FROM TABLE(NO_SUCH_FN(CURSOR(SELECT STREAM * FROM SOURCE_SQL_STREAM_001)));").reason, /No match found for table function NO_SUCH_FN/);
  });
});
