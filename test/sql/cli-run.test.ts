/** `freshet sql run`: files in, JSON lines out, byte-identical across runs; clear failures for bad input. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { checkCommand, runCommand } from '../../src/cli/commands/sql.js';
import { DEMO_SCHEMA } from './app-harness.js';

const dir = mkdtempSync(join(tmpdir(), 'freshet-sql-'));
const file = (name: string, content: string): string => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

const app = file(
  'app.sql',
  `CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (TICKER_SYMBOL VARCHAR(4), TICKER_COUNT INTEGER, AVG_PRICE DOUBLE);
CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
  SELECT STREAM TICKER_SYMBOL, COUNT(*), AVG(PRICE / CHANGE)
  FROM "SOURCE_SQL_STREAM_001"
  GROUP BY TICKER_SYMBOL, STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '10' SECOND);
`,
);
const schema = file('schema.json', JSON.stringify({ InputSchema: DEMO_SCHEMA }));
const records = file(
  'records.jsonl',
  [
    { arrival: '2018-05-01T17:00:01Z', data: { TICKER_SYMBOL: 'AMZN', SECTOR: 'TECHNOLOGY', CHANGE: 2, PRICE: 84 } },
    { arrival: '2018-05-01T17:00:02Z', data_base64: Buffer.from(JSON.stringify({ TICKER_SYMBOL: 'AMZN', SECTOR: 'TECHNOLOGY', CHANGE: 4, PRICE: 86 })).toString('base64') },
    { arrival: '2018-05-01T17:00:03Z', data: { TICKER_SYMBOL: 'TGT', SECTOR: 'RETAIL', CHANGE: 0, PRICE: 40 } },
  ]
    .map((r) => JSON.stringify(r))
    .join('\n'),
);
const flags = { input: [`SOURCE_SQL_STREAM_001=${records}`], inputSchema: [`SOURCE_SQL_STREAM_001=${schema}`], reference: [], referenceSchema: [], output: [], format: 'jsonl' as const, evaluator: 'codegen' as const };

describe('freshet sql run', () => {
  it('prints one JSON object per row in emission order, error_stream rows included', async () => {
    const out = await runCommand(app, flags);
    const lines = out.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(lines.map((l) => [l['stream'], l['ROWTIME'], l['TICKER_SYMBOL'] ?? l['ERROR_NAME'], l['AVG_PRICE'] ?? null]), [
      ['error_stream', '2018-05-01 17:00:03.0', 'Division by zero', null],
      ['DESTINATION_SQL_STREAM', '2018-05-01 17:00:10.0', 'AMZN', 31.75],
    ]);
    assert.equal(await runCommand(app, flags), out, 'identical input gives identical output');
    assert.equal(await runCommand(app, { ...flags, evaluator: 'interpreter' }), out);
  });

  it('prints tables', async () => {
    const out = await runCommand(app, { ...flags, format: 'table' });
    assert.match(out, /^DESTINATION_SQL_STREAM\nROWTIME +\| TICKER_SYMBOL \| TICKER_COUNT \| AVG_PRICE\n[-+]+\n2018-05-01 17:00:10\.0 \| AMZN +\| 2 +\| 31\.75$/m);
  });

  it('fails with the file, line and column of bad SQL, and names bad schema files', async () => {
    const bad = file('bad.sql', 'CREATE STREAM o (a INTEGER);\nCREATE PUMP p AS INSERT INTO o SELECT STREAM nope FROM SOURCE_SQL_STREAM_001;');
    await assert.rejects(runCommand(bad, flags), new RegExp(`${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:46: Column 'NOPE' not found in any table`));
    const badSchema = file('bad-schema.json', '{"RecordFormat": {"RecordFormatType": "XML"}}');
    await assert.rejects(runCommand(app, { ...flags, inputSchema: [`SOURCE_SQL_STREAM_001=${badSchema}`] }), /InputSchema of SOURCE_SQL_STREAM_001: RecordFormat.RecordFormatType must be JSON or CSV/);
    const badLine = file('bad.jsonl', '{"arrival": "yesterday", "data": {}}');
    await assert.rejects(runCommand(app, { ...flags, input: [`SOURCE_SQL_STREAM_001=${badLine}`] }), /bad.jsonl:1: invalid "arrival"/);
  });

  it('check validates the code against the schemas and outlines each pump', async () => {
    const out = await checkCommand(app, { inputSchema: [`SOURCE_SQL_STREAM_001=${schema}`], referenceSchema: [] });
    assert.match(out, /: valid \(1 pump\)\nPUMP STREAM_PUMP → DESTINATION_SQL_STREAM\n  Select \(GROUP BY\) → INSERT \[/);
    await assert.rejects(checkCommand(app, { inputSchema: [], referenceSchema: [] }), /app\.sql:4:8: Object 'SOURCE_SQL_STREAM_001' not found \(declare input streams/);
  });

  it('exits non-zero with a one-line message from the command line', () => {
    const bad = file('bad2.sql', 'CREATE PUMP;');
    const res = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'sql', 'run', bad, '--input-schema', `SOURCE_SQL_STREAM_001=${schema}`], { encoding: 'utf8' });
    assert.equal(res.status, 1);
    assert.match(res.stderr, /^freshet: .*bad2\.sql:1:12: /);
  });
});
