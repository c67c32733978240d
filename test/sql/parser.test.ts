import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SqlCompileError } from '../../src/sql/errors.js';
import { tokenize } from '../../src/sql/syntax/lexer.js';
import { parseExpressionText, parseScript } from '../../src/sql/syntax/parser.js';
import { parseTypeText } from '../../src/sql/syntax/parse-type.js';

function compileError(fn: () => unknown): SqlCompileError {
  try {
    fn();
  } catch (err) {
    if (err instanceof SqlCompileError) return err;
    throw err;
  }
  throw new Error('expected a SqlCompileError');
}

describe('lexer', () => {
  it('upper-cases unquoted identifiers and keeps quoted ones exactly, "" escaping a quote', () => {
    const t = tokenize('exampleStream "exampleStream" "a""b"');
    assert.deepEqual(t.map((x) => [x.type, x.value]), [['word', 'EXAMPLESTREAM'], ['qident', 'exampleStream'], ['qident', 'a"b'], ['eof', '']]);
  });

  it('skips --, /* */ and // comments and counts lines and columns', () => {
    const t = tokenize('-- one\n/* two\n three */ a // four\n  b');
    assert.deepEqual(t.map((x) => [x.value, x.pos.line, x.pos.column]), [['A', 3, 11], ['B', 4, 3], ['', 4, 4]]);
  });

  it('reads strings, Unicode strings, binary and numeric literals', () => {
    assert.equal(parseExpressionText("'it''s'").kind === 'Literal' && (parseExpressionText("'it''s'") as { value: unknown }).value, "it's");
    assert.equal((parseExpressionText("U&'\\0009'") as { value: unknown }).value, '\t');
    assert.equal((parseExpressionText("U&'!0041' UESCAPE '!'") as { value: unknown }).value, 'A');
    assert.deepEqual([...((parseExpressionText("X'3F67'") as { value: Uint8Array }).value)], [0x3f, 0x67]);
    assert.equal((parseExpressionText('1.5E3') as { type: { name: string } }).type.name, 'DOUBLE');
    assert.equal((parseExpressionText('1.50') as { type: { scale?: number } }).type.scale, 2);
  });

  it('limits identifiers to 128 characters', () => {
    assert.equal(tokenize('A'.repeat(128))[0]!.value.length, 128);
    assert.match(compileError(() => tokenize('x ' + 'A'.repeat(129))).message, /longer than 128 characters at line 1, column 3/);
    assert.throws(() => tokenize(`"${'a'.repeat(129)}"`), /longer than 128/);
  });

  it('reports an unterminated string at its start', () => {
    const e = compileError(() => tokenize("SELECT\n  'abc"));
    assert.deepEqual(e.position, { line: 2, column: 3 });
  });
});

describe('parser', () => {
  it('parses interval literals to milliseconds or months', () => {
    const v = (s: string): unknown => (parseExpressionText(s) as { value: unknown }).value;
    assert.equal(v("INTERVAL '10' SECOND"), 10_000);
    assert.equal(v("INTERVAL '1' MINUTE"), 60_000);
    assert.equal(v("INTERVAL '1 02:03:04.5' DAY TO SECOND"), 86_400_000 + 2 * 3_600_000 + 3 * 60_000 + 4_500);
    assert.equal(v("INTERVAL '1-2' YEAR TO MONTH"), 14);
    assert.equal(v("INTERVAL -'5' MINUTE"), -300_000);
  });

  it('parses CREATE STREAM with types, NOT NULL and DESCRIPTION, and a last statement without semicolon', () => {
    const s = parseScript(`CREATE OR REPLACE STREAM "S" (a INTEGER NOT NULL, "b" VARCHAR(8), c DECIMAL(10,2), d DOUBLE PRECISION, e CHARACTER VARYING(5)) DESCRIPTION 'x';
      CREATE PUMP p AS INSERT INTO "S" SELECT STREAM * FROM SOURCE_SQL_STREAM_001`);
    const cs = s.statements[0]!;
    assert.equal(cs.kind, 'CreateStream');
    if (cs.kind !== 'CreateStream') return;
    assert.deepEqual(cs.columns.map((c) => [c.name, c.type.name, c.type.precision, c.type.scale, c.type.nullable]), [
      ['A', 'INTEGER', undefined, undefined, false],
      ['b', 'VARCHAR', 8, undefined, true],
      ['C', 'DECIMAL', 10, 2, true],
      ['D', 'DOUBLE', undefined, undefined, true],
      ['E', 'VARCHAR', 5, undefined, true],
    ]);
    assert.equal(cs.description, 'x');
    assert.equal(s.statements[1]!.kind, 'CreatePump');
  });

  it('parses the clauses of a streaming SELECT', () => {
    const s = parseScript(`CREATE PUMP p AS INSERT INTO o (x, y)
      SELECT STREAM DISTINCT s.a, COUNT(*) OVER w AS n, LAG(b, 1) IGNORE NULLS OVER (PARTITION BY a ROWS 3 PRECEDING)
      FROM SRC OVER (RANGE INTERVAL '1' MINUTE PRECEDING) AS s JOIN T AS t ON s.a = t.a
      WHERE a IS NOT NULL AND b NOT BETWEEN 1 AND 2 AND c NOT IN (1, 2) AND d NOT LIKE 'x%'
      WINDOW w AS (PARTITION BY a RANGE INTERVAL '10' SECOND PRECEDING)
      ORDER BY FLOOR(s.ROWTIME TO SECOND), 2 DESC`);
    const p = s.statements[0]!;
    assert.equal(p.kind, 'CreatePump');
    if (p.kind !== 'CreatePump' || p.query.kind !== 'Select') return assert.fail('shape');
    assert.deepEqual(p.targetColumns, ['X', 'Y']);
    assert.equal(p.query.distinct, true);
    assert.equal(p.query.from?.kind, 'Join');
    assert.equal(p.query.windows[0]!.name, 'W');
    assert.equal(p.query.orderBy?.[1]?.desc, true);
  });

  it('reads FROM FIRST/LAST only after NTH_VALUE', () => {
    const s = parseScript('CREATE PUMP p AS INSERT INTO o SELECT STREAM MAX(x), NTH_VALUE(x, 2) FROM LAST OVER w FROM LAST WINDOW w AS (ROWS 3 PRECEDING)');
    const p = s.statements[0]!;
    if (p.kind !== 'CreatePump' || p.query.kind !== 'Select' || p.query.from?.kind !== 'TableRef') return assert.fail('shape');
    assert.deepEqual(p.query.from.name, ['LAST']);
    const nth = p.query.items[1]!;
    assert.equal(nth.kind === 'SelectItem' && nth.expr.kind === 'Call' && nth.expr.fromLast, true);
  });

  it('parses table functions with CURSOR, stagger windows and UNION ALL', () => {
    const s = parseScript(`CREATE PUMP p AS INSERT INTO o SELECT STREAM * FROM TABLE(GROUP_RANK(CURSOR(SELECT STREAM * FROM s), 'a', 'r', 'asc', 'asc', 10, 0));
      CREATE PUMP q AS INSERT INTO o SELECT STREAM a FROM s WINDOWED BY STAGGER (PARTITION BY a RANGE INTERVAL '1' MINUTE)
      UNION ALL SELECT STREAM a FROM t`);
    assert.equal(s.statements.length, 2);
  });

  it('reports syntax errors with line and column', () => {
    const e = compileError(() => parseScript('CREATE STREAM x (a INTEGER);\nCREATE PUMP p AS INSERT INTO x\n  SELECT STREAM a + FROM y'));
    assert.deepEqual(e.position, { line: 3, column: 21 });
    assert.match(e.message, /Encountered "FROM", expected an expression at line 3, column 21/);
    const f = compileError(() => parseScript('CREATE STREAM x (a INTEGR)'));
    assert.deepEqual(f.position, { line: 1, column: 20 });
    assert.match(compileError(() => parseScript('CREATE STREAM x (select INTEGER)')).message, /reserved word "SELECT"/);
  });

  it('rejects statements KDA does not accept', () => {
    assert.match(compileError(() => parseScript('CREATE VIEW v AS SELECT 1')).message, /CREATE VIEW is not supported/);
    assert.match(compileError(() => parseScript('SELECT STREAM * FROM s')).message, /must run inside a pump/);
    assert.match(compileError(() => parseScript("CREATE PUMP p AS INSERT INTO o SELECT STREAM AVG(x) OVER (RANGE UNBOUNDED PRECEDING) FROM s")).message, /Unbounded/);
  });

  it('parses InputSchema SqlType strings', () => {
    assert.deepEqual(parseTypeText('VARCHAR(8)'), { name: 'VARCHAR', nullable: true, precision: 8 });
    assert.deepEqual(parseTypeText('DECIMAL(10,2)'), { name: 'DECIMAL', nullable: true, precision: 10, scale: 2 });
    assert.equal(parseTypeText('int').name, 'INTEGER');
    assert.throws(() => parseTypeText('VARCHAR(8'), SqlCompileError);
  });
});
