/**
 * The SQL of the tutorials Freshet must serve (shared seeds 002: the AMIS traffic workshop, 003: the
 * data-science-on-aws notebook), run as written, table functions included.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SqlCompileError } from '../../src/sql/errors.js';
import { runOffline } from '../../src/sql/runner/offline-run.js';
import { of, runSql } from './app-harness.js';

/** What the workshop's schema discovery produced, plus the country code its queries read. */
const TRAFFIC_SCHEMA = {
  RecordFormat: { RecordFormatType: 'JSON', MappingParameters: { JSONMappingParameters: { RecordRowPath: '$' } } },
  RecordEncoding: 'UTF-8',
  RecordColumns: [
    ['color', 'VARCHAR(8)'], ['licenseplate', 'VARCHAR(8)'], ['manufacturer', 'VARCHAR(16)'], ['model', 'VARCHAR(8)'],
    ['latitude', 'VARCHAR(16)'], ['longitude', 'DOUBLE'], ['roadNumber', 'VARCHAR(4)'], ['speed', 'INTEGER'],
    ['COL_timestamp', 'VARCHAR(32)', '$.timestamp'], ['country', 'VARCHAR(4)'],
  ].map(([Name, SqlType, Mapping]) => ({ Name, SqlType, Mapping: Mapping ?? `$.${Name}` })),
};

const car = (manufacturer: string, country = 'NL'): Record<string, unknown> => ({
  color: 'black', licenseplate: 'PC-90-13', manufacturer, model: '7 series', latitude: '52.0604741', longitude: 5.100614,
  roadNumber: 'A12', speed: 136, timestamp: '2018-04-19T21:08:06', country,
});

describe('seed 002: AMIS traffic workshop', () => {
  it('simple streaming pump', () => {
    const sql = `CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
    carname varchar(20),
    carmodel varchar(20),
    licenseplate varchar(10),
    country varchar(20));
CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO
"DESTINATION_SQL_STREAM"
SELECT STREAM "manufacturer", "model", "licenseplate", "country"
FROM "SOURCE_SQL_STREAM_001"`;
    const out = of(runSql(sql, [{ at: 1, data: car('BMW') }], { schema: TRAFFIC_SCHEMA }), 'DESTINATION_SQL_STREAM');
    assert.deepEqual(out, [{ ROWTIME: '2018-05-01 17:00:01.0', CARNAME: 'BMW', CARMODEL: '7 series', LICENSEPLATE: 'PC-90-13', COUNTRY: 'NL' }]);
  });

  it('GROUP BY manufacturer with STEP 60 s: counts per minute at the minute end, names cut to VARCHAR(8)', () => {
    const sql = `CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (manufacturer
VARCHAR(8), manufacturer_count INTEGER);

-- CREATE OR REPLACE PUMP to insert into output
CREATE OR REPLACE PUMP "STREAM_PUMP" AS
    INSERT INTO "DESTINATION_SQL_STREAM"
        SELECT STREAM "manufacturer", COUNT(*) AS manufacturer_count
        FROM "SOURCE_SQL_STREAM_001"
        GROUP BY "manufacturer",
                STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '60'
SECOND);`;
    const events = [
      { at: '2018-05-01T17:46:10Z', data: car('Renault') },
      { at: '2018-05-01T17:47:05Z', data: car('Volkswagen') },
      { at: '2018-05-01T17:47:30Z', data: car('Renault') },
      { at: '2018-05-01T17:47:59.999Z', data: car('Volkswagen') },
    ];
    const out = of(runSql(sql, events, { schema: TRAFFIC_SCHEMA }), 'DESTINATION_SQL_STREAM');
    assert.deepEqual(out, [
      { ROWTIME: '2018-05-01 17:47:00.0', MANUFACTURER: 'Renault', MANUFACTURER_COUNT: 1 },
      { ROWTIME: '2018-05-01 17:48:00.0', MANUFACTURER: 'Volkswag', MANUFACTURER_COUNT: 2 },
      { ROWTIME: '2018-05-01 17:48:00.0', MANUFACTURER: 'Renault', MANUFACTURER_COUNT: 1 },
    ]);
  });

  it('reference data: LEFT JOIN "Countries" loaded from the workshop CSV', () => {
    const sql = `CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (carname varchar(20),
carmodel varchar(20),
licenseplate varchar(10),
country varchar(20)
);

CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
SELECT STREAM "manufacturer", "model", "licenseplate", "c"."countryname"
FROM "SOURCE_SQL_STREAM_001" left join "Countries" as "c"
ON "SOURCE_SQL_STREAM_001"."country" = "c"."countrycode"`;
    const references = [{
      table: 'Countries',
      schema: {
        RecordFormat: { RecordFormatType: 'CSV', MappingParameters: { CSVMappingParameters: { RecordRowDelimiter: '\n', RecordColumnDelimiter: ',' } } },
        RecordEncoding: 'UTF-8',
        RecordColumns: [{ Name: 'countrycode', SqlType: 'VARCHAR(5)' }, { Name: 'countryname', SqlType: 'VARCHAR(64)' }],
      },
      content: 'NL,Netherlands\nBE,Belgium\nDE,Germany\n',
    }];
    const out = of(runSql(sql, [{ at: 1, data: car('Volvo', 'BE') }, { at: 2, data: car('Seat', 'XX') }], { schema: TRAFFIC_SCHEMA, references }), 'DESTINATION_SQL_STREAM');
    assert.deepEqual(out.map((r) => [r['CARNAME'], r['COUNTRY']]), [['Volvo', 'Belgium'], ['Seat', null]]);
  });

  it('top-K items: TOP_K_ITEMS_TUMBLING, the two commonest manufacturers per minute', () => {
    const sql = `CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ITEM VARCHAR(1024),
ITEM_COUNT DOUBLE);
CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO
"DESTINATION_SQL_STREAM"
SELECT STREAM ITEM, ITEM_COUNT FROM TABLE(TOP_K_ITEMS_TUMBLING(
    CURSOR(SELECT STREAM * FROM "SOURCE_SQL_STREAM_001"),
    'manufacturer', -- name of column in single quotes
    2, -- number of top items
    60 -- tumbling window size in seconds
)
);`;
    const makes = ['BMW', 'Volvo', 'BMW', 'Renault', 'Volvo', 'BMW', 'Seat'];
    const out = of(runSql(sql, makes.map((m, i) => ({ at: i, data: car(m) })), { schema: TRAFFIC_SCHEMA }), 'DESTINATION_SQL_STREAM');
    assert.deepEqual(out, [
      { ROWTIME: '2018-05-01 17:01:00.0', ITEM: 'BMW', ITEM_COUNT: 3.0 },
      { ROWTIME: '2018-05-01 17:01:00.0', ITEM: 'Volvo', ITEM_COUNT: 2.0 },
    ]);
  });
});

describe('seed 003: reviews notebook (Firehose input, tab-separated CSV)', () => {
  const schema = {
    RecordFormat: { RecordFormatType: 'CSV', MappingParameters: { CSVMappingParameters: { RecordRowDelimiter: '\n', RecordColumnDelimiter: '\t' } } },
    RecordColumns: [
      { Name: 'review_id', Mapping: 'review_id', SqlType: 'VARCHAR(14)' },
      { Name: 'star_rating', Mapping: 'star_rating', SqlType: 'INTEGER' },
      { Name: 'product_category', Mapping: 'product_category', SqlType: 'VARCHAR(24)' },
      { Name: 'review_body', Mapping: 'review_body', SqlType: 'VARCHAR(65535)' },
    ],
  };
  // The notebook's Python string, with its line continuations, as the API received it.
  const avgPump = ` CREATE OR REPLACE STREAM "AVG_STAR_RATING_SQL_STREAM" (             avg_star_rating DOUBLE);         CREATE OR REPLACE PUMP "AVG_STAR_RATING_SQL_STREAM_PUMP" AS             INSERT INTO "AVG_STAR_RATING_SQL_STREAM"                 SELECT STREAM AVG(CAST("star_rating" AS DOUBLE)) AS avg_star_rating                 FROM "SOURCE_SQL_STREAM_001"                 GROUP BY                 STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '5' SECOND);          `;
  const mlPumps = `CREATE OR REPLACE STREAM "ANOMALY_SCORE_SQL_STREAM" (anomaly_score DOUBLE);         CREATE OR REPLACE PUMP "ANOMALY_SCORE_STREAM_PUMP" AS             INSERT INTO "ANOMALY_SCORE_SQL_STREAM"             SELECT STREAM anomaly_score             FROM TABLE(RANDOM_CUT_FOREST(                 CURSOR(SELECT STREAM "star_rating"                     FROM "SOURCE_SQL_STREAM_001"             )           )         );                  CREATE OR REPLACE STREAM "APPROXIMATE_COUNT_SQL_STREAM" (number_of_distinct_items BIGINT);         CREATE OR REPLACE PUMP "APPROXIMATE_COUNT_STREAM_PUMP" AS             INSERT INTO "APPROXIMATE_COUNT_SQL_STREAM"             SELECT STREAM number_of_distinct_items             FROM TABLE(COUNT_DISTINCT_ITEMS_TUMBLING(                 CURSOR(SELECT STREAM "review_id" FROM "SOURCE_SQL_STREAM_001"),                 'review_id',                 5               )         );     `;
  const line = (at: string, id: string, stars: number): string => JSON.stringify({ arrival: at, data: `${id}\t${stars}\tBooks\tA review, with "quotes"\n` });

  it('the windowed AVG pump: 5-second buckets of CAST(star_rating AS DOUBLE)', () => {
    const records = runOffline({
      sql: avgPump,
      inputs: [{ stream: 'SOURCE_SQL_STREAM_001', schema, source: 'reviews', lines: [line('2020-01-01T00:00:01Z', 'R1', 5), line('2020-01-01T00:00:02Z', 'R2', 2), line('2020-01-01T00:00:06Z', 'R3', 4)] }],
    });
    assert.deepEqual(records.map((r) => [r.stream, r.rowtime - Date.UTC(2020, 0, 1), r.row['AVG_STAR_RATING']]), [
      ['AVG_STAR_RATING_SQL_STREAM', 5000, 3.5],
      ['AVG_STAR_RATING_SQL_STREAM', 10000, 4],
    ]);
  });

  it('the whole application runs: AVG pump, RANDOM_CUT_FOREST scores (0 while learning), distinct review counts', () => {
    const lines = Array.from({ length: 12 }, (_, i) => line(`2020-01-01T00:00:0${Math.floor(i / 2)}Z`, `R${i % 9}`, 1 + (i % 5)));
    const records = runOffline({ sql: avgPump + mlPumps, inputs: [{ stream: 'SOURCE_SQL_STREAM_001', schema, source: 'reviews', lines }] });
    const by = (s: string): Record<string, unknown>[] => records.filter((r) => r.stream === s).map((r) => r.row);
    assert.equal(by('ANOMALY_SCORE_SQL_STREAM').length, 12, 'one score per review');
    assert.ok(by('ANOMALY_SCORE_SQL_STREAM').every((r) => r['ANOMALY_SCORE'] === 0), 'fewer rows than subSampleSize: still learning');
    assert.deepEqual(by('APPROXIMATE_COUNT_SQL_STREAM'), [{ NUMBER_OF_DISTINCT_ITEMS: 9 }, { NUMBER_OF_DISTINCT_ITEMS: 2 }]);
    assert.deepEqual(by('error_stream'), []);
  });
});
