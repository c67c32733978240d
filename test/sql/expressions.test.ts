import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bind, evalBoth } from './expression-harness.js';

const TS = (s: string): number => Date.parse(s.replace(' ', 'T') + 'Z');

describe('expressions (interpreter and code generator agree)', () => {
  it('integer arithmetic truncates and keeps the integer type', () => {
    assert.equal(evalBoth('7 / 2'), 3);
    assert.equal(evalBoth('-7 / 2'), -3);
    assert.equal(evalBoth('154 / 4'), 38);
    assert.equal(bind('7 / 2').type.name, 'INTEGER');
    assert.equal(evalBoth('2 + 3 * 4'), 14);
    assert.equal(evalBoth('(2 + 3) * 4'), 20);
  });

  it('division by zero is a row error, also for DOUBLE', () => {
    assert.throws(() => evalBoth('1 / 0'), /Division by zero/);
    assert.throws(() => evalBoth('x / 0', { x: 1.5 }, { x: 'DOUBLE' }), /Division by zero/);
    assert.throws(() => evalBoth('x / y', { x: 4, y: 0 }, { x: 'INTEGER', y: 'INTEGER' }), /Division by zero/);
  });

  it('integer overflow is a row error', () => {
    assert.throws(() => evalBoth('x * x', { x: 100000 }, { x: 'INTEGER' }), /Overflow/);
    assert.throws(() => evalBoth('x + x', { x: 100 }, { x: 'TINYINT' }), /Overflow/);
    assert.equal(evalBoth('x * x', { x: 100000 }, { x: 'BIGINT' }), 1e10);
  });

  it('DECIMAL arithmetic is exact at its scale', () => {
    assert.equal(evalBoth('0.1 + 0.2'), 0.3);
    assert.equal(evalBoth('1.10 * 3'), 3.3);
    assert.equal(bind('1.10 * 3').type.scale, 2);
    assert.equal(evalBoth('x * 1.5', { x: 3 }, { x: 'REAL' }), 4.5);
    assert.equal(bind('x * 1.5', { x: 'DOUBLE' }).type.name, 'DOUBLE');
  });

  it('NULL propagates through operators; AND/OR are three-valued', () => {
    assert.equal(evalBoth('x + 1', { x: null }, { x: 'INTEGER' }), null);
    assert.equal(evalBoth('x > 1 AND FALSE', { x: null }, { x: 'INTEGER' }), false);
    assert.equal(evalBoth('x > 1 AND TRUE', { x: null }, { x: 'INTEGER' }), null);
    assert.equal(evalBoth('x > 1 OR TRUE', { x: null }, { x: 'INTEGER' }), true);
    assert.equal(evalBoth('NOT (x > 1)', { x: null }, { x: 'INTEGER' }), null);
    assert.equal(evalBoth('x IS NULL', { x: null }, { x: 'INTEGER' }), true);
    assert.equal(evalBoth('x IS NOT NULL', { x: 3 }, { x: 'INTEGER' }), true);
    assert.equal(evalBoth('(x > 1) IS UNKNOWN', { x: null }, { x: 'INTEGER' }), true);
  });

  it('comparisons, BETWEEN and IN', () => {
    assert.equal(evalBoth("'abc' < 'abd'"), true);
    assert.equal(evalBoth('5 BETWEEN 1 AND 5'), true);
    assert.equal(evalBoth('5 NOT BETWEEN 1 AND 4'), true);
    assert.equal(evalBoth("s IN ('AMZN', 'TGT')", { s: 'TGT' }, { s: 'VARCHAR(4)' }), true);
    assert.equal(evalBoth("s NOT IN ('AMZN', 'TGT')", { s: 'QXZ' }, { s: 'VARCHAR(4)' }), true);
    assert.equal(evalBoth('3 IN (1, NULL)'), null);
    assert.equal(evalBoth("'5' = 5"), true);
    assert.equal(evalBoth("c = 'AB'", { c: 'AB  ' }, { c: 'CHAR(4)' }), true);
    assert.equal(evalBoth("c = 'AB'", { c: 'AB  ' }, { c: 'VARCHAR(4)' }), false);
  });

  it('LIKE and SIMILAR TO', () => {
    assert.equal(evalBoth("'TECHNOLOGY' SIMILAR TO '%TECH%'"), true);
    assert.equal(evalBoth("'ENERGY' SIMILAR TO '%TECH%'"), false);
    assert.equal(evalBoth("'abc' SIMILAR TO '(a|x)b[a-c]'"), true);
    assert.equal(evalBoth("'a.c' SIMILAR TO 'a.c'"), true);
    assert.equal(evalBoth("'abc' SIMILAR TO 'a.c'"), false);
    assert.equal(evalBoth("'abc' LIKE 'a_c'"), true);
    assert.equal(evalBoth("'a%c' LIKE 'a!%c' ESCAPE '!'"), true);
    assert.equal(evalBoth("'abc' NOT LIKE 'b%'"), true);
  });

  it('CASE in both forms, string concatenation', () => {
    assert.equal(evalBoth("CASE WHEN x > 10 THEN 'big' WHEN x > 5 THEN 'mid' ELSE 'small' END", { x: 7 }, { x: 'INTEGER' }), 'mid');
    assert.equal(evalBoth("CASE x WHEN 1 THEN 'one' END", { x: 2 }, { x: 'INTEGER' }), null);
    assert.equal(evalBoth("'a' || s || 'c'", { s: 'b' }, { s: 'VARCHAR(4)' }), 'abc');
  });

  it('CAST', () => {
    assert.equal(evalBoth("CAST('42' AS INTEGER)"), 42);
    assert.equal(evalBoth('CAST(x AS DOUBLE) / 2', { x: 5 }, { x: 'INTEGER' }), 2.5);
    assert.equal(evalBoth("CAST('2004-09-30 13:48:23' AS TIMESTAMP)"), TS('2004-09-30 13:48:23'));
    assert.throws(() => evalBoth("CAST('x' AS INTEGER)"), /Conversion error/);
  });

  it('timestamps and intervals', () => {
    const t = TS('2020-03-04 05:06:07.5');
    assert.equal(evalBoth("ts - INTERVAL '5' MINUTE", { ts: t }, { ts: 'TIMESTAMP' }), t - 300_000);
    assert.equal(evalBoth("ts + INTERVAL '1:30' HOUR TO MINUTE", { ts: t }, { ts: 'TIMESTAMP' }), t + 5_400_000);
    assert.equal(evalBoth("ts + INTERVAL '1' MONTH", { ts: t }, { ts: 'TIMESTAMP' }), TS('2020-04-04 05:06:07.5'));
    assert.equal(evalBoth('FLOOR(ts TO MINUTE)', { ts: t }, { ts: 'TIMESTAMP' }), TS('2020-03-04 05:06:00'));
    assert.equal(evalBoth('CEIL(ts TO HOUR)', { ts: t }, { ts: 'TIMESTAMP' }), TS('2020-03-04 06:00:00'));
    assert.equal(evalBoth('FLOOR(ts TO MONTH)', { ts: t }, { ts: 'TIMESTAMP' }), TS('2020-03-01 00:00:00'));
    assert.equal(evalBoth("STEP(ts BY INTERVAL '10' SECOND)", { ts: t }, { ts: 'TIMESTAMP' }), TS('2020-03-04 05:06:00'));
    assert.equal(evalBoth("STEP(ROWTIME BY INTERVAL '60' SECOND)", {}, {}, t), TS('2020-03-04 05:06:00'));
    assert.equal(evalBoth('STEP(23 BY 5)'), 20);
    assert.equal(evalBoth('EXTRACT(SECOND FROM ts)', { ts: t }, { ts: 'TIMESTAMP' }), 7.5, 'SECOND keeps the milliseconds');
    assert.deepEqual(bind('EXTRACT(SECOND FROM ts)', { ts: 'TIMESTAMP' }).type, { name: 'DECIMAL', nullable: true, precision: 5, scale: 3 });
    assert.equal(evalBoth("EXTRACT(SECOND FROM INTERVAL '2 3:4:5.678' DAY TO SECOND)"), 5.678);
    assert.equal(evalBoth("EXTRACT(HOUR FROM INTERVAL '-2 3:4:5' DAY TO SECOND)"), -3);
    assert.equal(evalBoth('EXTRACT(YEAR FROM ts)', { ts: t }, { ts: 'TIMESTAMP' }), 2020);
    assert.equal(evalBoth("TIMESTAMP '2020-01-01 00:00:10' - TIMESTAMP '2020-01-01 00:00:00'"), 10_000);
    assert.equal(evalBoth('ROWTIME', {}, {}, 1234), 1234);
  });

  it('rejects type errors at bind time', () => {
    assert.throws(() => bind("1 + 'a' * TRUE"), /Cannot apply/);
    assert.throws(() => bind('x AND 1', { x: 'BOOLEAN' }), /BOOLEAN/);
    assert.throws(() => bind('nosuch + 1'), /Column 'NOSUCH' not found in any table/);
    assert.throws(() => bind('heartRate', { '"heartRate"': 'INTEGER' }), /did you mean "heartRate"/);
  });
});

describe('interval qualifiers', () => {
  it('(ts1 - ts2) SECOND is a day-time interval', () => {
    assert.equal(evalBoth("(TIMESTAMP '2020-01-01 00:01:10' - TIMESTAMP '2020-01-01 00:00:00') SECOND"), 70_000);
    assert.equal(bind("(TIMESTAMP '2020-01-01 00:01:10' - TIMESTAMP '2020-01-01 00:00:00') MINUTE TO SECOND").type.name, 'INTERVAL_DAY_SECOND');
  });

  it('(ts1 - ts2) YEAR TO MONTH counts whole calendar months', () => {
    const months = (a: string, b: string, q = 'YEAR TO MONTH') => evalBoth(`(TIMESTAMP '${a}' - TIMESTAMP '${b}') ${q}`);
    assert.equal(bind("(TIMESTAMP '2021-03-15 00:00:00' - TIMESTAMP '2020-01-20 00:00:00') YEAR TO MONTH").type.name, 'INTERVAL_YEAR_MONTH');
    assert.equal(months('2021-03-15 00:00:00', '2020-01-20 00:00:00'), 13);
    assert.equal(months('2020-01-20 00:00:00', '2021-03-15 00:00:00', 'MONTH'), -13);
    assert.equal(months('2020-03-01 00:00:00', '2020-01-31 00:00:00', 'MONTH'), 1, 'Jan 31 + 1 month is Feb 29');
    assert.equal(months('2020-02-20 10:00:00', '2020-01-20 10:00:01', 'MONTH'), 0, 'one second short of a month');
    assert.equal(months('2020-02-20 10:00:01', '2020-01-20 10:00:01', 'MONTH'), 1);
    assert.equal(evalBoth("EXTRACT(YEAR FROM (TIMESTAMP '2021-03-15 00:00:00' - TIMESTAMP '2020-01-20 00:00:00') YEAR TO MONTH)"), 1);
    assert.equal(evalBoth("EXTRACT(MONTH FROM (ts - TIMESTAMP '2020-01-20 00:00:00') YEAR TO MONTH)", { ts: TS('2021-03-15 00:00:00') }, { ts: 'TIMESTAMP' }), 1);
  });
});
