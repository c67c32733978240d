/** ROW-valued log parsers reached through dotted names: `T.REC.COLUMN1` and the `AS l(r)` column-alias form. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { of, runSql } from './app-harness.js';

const schema = {
  RecordFormat: { RecordFormatType: 'CSV', MappingParameters: { CSVMappingParameters: { RecordRowDelimiter: '\n', RecordColumnDelimiter: '\u0001' } } },
  RecordColumns: [{ Name: 'LOG', SqlType: 'VARCHAR(512)' }],
};
const line = '192.168.254.30 - John [24/May/2004:22:01:02 -0700] "GET /icons/apache_pb.gif HTTP/1.1" 200 2326';

describe('ROW results of log parsers', () => {
  it('W3C_LOG_PARSE read through AS l(r) and l.r.COLUMNn', () => {
    const sql = `
      CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (host VARCHAR(32), ident VARCHAR(8), auth VARCHAR(16), ts VARCHAR(64), request VARCHAR(128), status VARCHAR(8), size VARCHAR(16));
      CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
        SELECT STREAM l.r.COLUMN1, l.r.COLUMN2, l.r.COLUMN3, l.r.COLUMN4, l.r.COLUMN5, l.r.COLUMN6, l.r.COLUMN7
        FROM (SELECT STREAM W3C_LOG_PARSE(LOG, 'COMMON') FROM "SOURCE_SQL_STREAM_001") AS l(r);`;
    const [row] = of(runSql(sql, [{ at: 1, data: line }], { schema }), 'DESTINATION_SQL_STREAM');
    assert.equal(row!['HOST'], '192.168.254.30');
    assert.equal(row!['AUTH'], 'John');
    assert.equal(row!['REQUEST'], 'GET /icons/apache_pb.gif HTTP/1.1');
    assert.equal(String(row!['SIZE']), '2326');
  });

  it('REGEX_LOG_PARSE read through T.REC.COLUMNn; no match gives NULL fields', () => {
    const sql = `
      CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (logMsg VARCHAR(512), match1 VARCHAR(64), match2 VARCHAR(64));
      CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
        SELECT STREAM T.LOG, T.REC.COLUMN1, T.REC.COLUMN2
        FROM (SELECT STREAM LOG, REGEX_LOG_PARSE(LOG, '(\\w.+) - (\\w+) .*') AS REC FROM SOURCE_SQL_STREAM_001) AS T;`;
    const out = of(runSql(sql, [{ at: 1, data: line }, { at: 2, data: 'nothing to see' }], { schema }), 'DESTINATION_SQL_STREAM');
    assert.deepEqual(out.map((r) => [r['MATCH1'], r['MATCH2']]), [['192.168.254.30', 'John'], [null, null]]);
  });
});
