/** Nexmark queries written in the KDA SQL dialect, over the BID in-application input stream. */

export const BID_SCHEMA = {
  RecordFormat: { RecordFormatType: 'JSON', MappingParameters: { JSONMappingParameters: { RecordRowPath: '$' } } },
  RecordEncoding: 'UTF-8',
  RecordColumns: [
    { Name: 'auction', SqlType: 'BIGINT', Mapping: '$.auction' },
    { Name: 'bidder', SqlType: 'BIGINT', Mapping: '$.bidder' },
    { Name: 'price', SqlType: 'BIGINT', Mapping: '$.price' },
    { Name: 'channel', SqlType: 'VARCHAR(32)', Mapping: '$.channel' },
    { Name: 'url', SqlType: 'VARCHAR(128)', Mapping: '$.url' },
    { Name: 'dateTime', SqlType: 'TIMESTAMP', Mapping: '$.dateTime' },
    { Name: 'extra', SqlType: 'VARCHAR(64)', Mapping: '$.extra' },
  ],
};

export interface BenchQuery {
  readonly name: string;
  readonly what: string;
  readonly sql: string;
  readonly windowed: boolean;
}

export const QUERIES: readonly BenchQuery[] = [
  {
    name: 'q0',
    what: 'pass-through',
    windowed: false,
    sql: `CREATE OR REPLACE STREAM "OUT" (auction BIGINT, bidder BIGINT, price BIGINT, "dateTime" TIMESTAMP, extra VARCHAR(64));
CREATE OR REPLACE PUMP "Q0" AS INSERT INTO "OUT"
  SELECT STREAM "auction", "bidder", "price", "dateTime", "extra" FROM "BID";`,
  },
  {
    name: 'q1',
    what: 'currency conversion (0.908 * price, exact DECIMAL)',
    windowed: false,
    sql: `CREATE OR REPLACE STREAM "OUT" (auction BIGINT, bidder BIGINT, price DECIMAL(19,3), "dateTime" TIMESTAMP);
CREATE OR REPLACE PUMP "Q1" AS INSERT INTO "OUT"
  SELECT STREAM "auction", "bidder", 0.908 * "price", "dateTime" FROM "BID";`,
  },
  {
    name: 'q2',
    what: 'selection (MOD(auction, 123) = 0)',
    windowed: false,
    sql: `CREATE OR REPLACE STREAM "OUT" (auction BIGINT, price BIGINT);
CREATE OR REPLACE PUMP "Q2" AS INSERT INTO "OUT"
  SELECT STREAM "auction", "price" FROM "BID" WHERE MOD("auction", 123) = 0;`,
  },
  {
    name: 'q12',
    what: 'processing-time tumbling window: bids per bidder per 10 s',
    windowed: true,
    sql: `CREATE OR REPLACE STREAM "OUT" (bidder BIGINT, bid_count BIGINT, starttime TIMESTAMP);
CREATE OR REPLACE PUMP "Q12" AS INSERT INTO "OUT"
  SELECT STREAM "bidder", COUNT(*), STEP("BID".ROWTIME BY INTERVAL '10' SECOND)
  FROM "BID"
  GROUP BY "bidder", STEP("BID".ROWTIME BY INTERVAL '10' SECOND);`,
  },
  {
    name: 'q5s',
    what: 'sliding window: bids per auction over the last 10 s (RANGE, OVER)',
    windowed: true,
    sql: `CREATE OR REPLACE STREAM "OUT" (auction BIGINT, num BIGINT);
CREATE OR REPLACE PUMP "Q5S" AS INSERT INTO "OUT"
  SELECT STREAM "auction", COUNT(*) OVER (PARTITION BY "auction" RANGE INTERVAL '10' SECOND PRECEDING)
  FROM "BID";`,
  },
];
