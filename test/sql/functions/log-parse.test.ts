import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SqlRuntimeError } from '../../../src/sql/errors.js';
import { scalarFunctions } from '../../../src/sql/functions/index.js';
import { formatTimestamp } from '../../../src/sql/functions/conversions.js';
import { call, t } from './call.js';

function rowTypeFor(name: string, ...constants: unknown[]) {
  const def = scalarFunctions.get(name)!;
  const argTypes = constants.map((c) => (typeof c === 'number' ? t('INTEGER') : t('VARCHAR')));
  return def.returnTypeWithConstants!(argTypes, constants);
}

test('W3C_LOG_PARSE COMMON: the DG example record', () => {
  const line = '192.168.254.30 - John [24/May/2004:22:01:02 -0700] "GET /icons/apache_pb.gif HTTP/1.1" 304 0';
  assert.deepEqual(call('W3C_LOG_PARSE', line, 'COMMON'), {
    COLUMN1: '192.168.254.30',
    COLUMN2: '-',
    COLUMN3: 'John',
    COLUMN4: '[24/May/2004:22:01:02 -0700]',
    COLUMN5: 'GET /icons/apache_pb.gif HTTP/1.1',
    COLUMN6: '304',
    COLUMN7: '0',
  });
  const type = rowTypeFor('W3C_LOG_PARSE', line, 'COMMON');
  // All VARCHAR: the DG example inserts every column, status and bytes included, into VARCHAR(16) columns.
  assert.deepEqual(type.fields!.map((f) => `${f.name}:${f.type.name}(${f.type.precision})`), [
    'COLUMN1:VARCHAR(1024)', 'COLUMN2:VARCHAR(1024)', 'COLUMN3:VARCHAR(1024)', 'COLUMN4:VARCHAR(1024)',
    'COLUMN5:VARCHAR(1024)', 'COLUMN6:VARCHAR(1024)', 'COLUMN7:VARCHAR(1024)',
  ]);
});

test('W3C_LOG_PARSE: other predefined formats, custom formats, [%t], no match', () => {
  const combined = '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 - "http://example.com/start.html" "Mozilla/4.08 [en] (Win98; I ;Nav)"';
  const r = call('W3C_LOG_PARSE', combined, 'NCSA EXTENDED') as Record<string, unknown>;
  assert.equal(r.COLUMN7, '-', "a '-' byte count stays as logged");
  assert.equal(r.COLUMN8, 'http://example.com/start.html');
  assert.equal(r.COLUMN9, 'Mozilla/4.08 [en] (Win98; I ;Nav)');
  assert.deepEqual(call('W3C_LOG_PARSE', 'www.example.com 10.0.0.1 - - [01/Jan/2020:00:00:00 +0000] "GET / HTTP/1.1" 200 12', 'COMMON WITH VHOST'), {
    COLUMN1: 'www.example.com', COLUMN2: '10.0.0.1', COLUMN3: '-', COLUMN4: '-', COLUMN5: '[01/Jan/2020:00:00:00 +0000]',
    COLUMN6: 'GET / HTTP/1.1', COLUMN7: '200', COLUMN8: '12',
  });
  assert.deepEqual(call('W3C_LOG_PARSE', 'http://a.example/x ---> /index.html', 'REFERER'), { COLUMN1: 'http://a.example/x', COLUMN2: '/index.html' });
  assert.deepEqual(call('W3C_LOG_PARSE', '10.1.1.1 [24/May/2004:22:01:02 -0700] 17', '%h [%t] %D'), {
    COLUMN1: '10.1.1.1', COLUMN2: '24/May/2004:22:01:02 -0700', COLUMN3: '17',
  });
  assert.deepEqual(call('W3C_LOG_PARSE', '50% GET', '%{x}n%% %m'), { COLUMN1: '50', COLUMN2: 'GET' });
  assert.equal(call('W3C_LOG_PARSE', 'garbage', 'COMMON'), null);
  assert.equal(call('W3C_LOG_PARSE', null, 'COMMON'), null);
  assert.throws(() => call('W3C_LOG_PARSE', 'x', '%J'), SqlRuntimeError);
});

test('VARIABLE_COLUMN_LOG_PARSE: the DG example with a typed column list', () => {
  const r = call('VARIABLE_COLUMN_LOG_PARSE', 'x,y,z', 'COL_1 TYPE VARCHAR(16), COL_2 TYPE VARCHAR(16), COL_3 TYPE VARCHAR(16)', ',');
  assert.deepEqual(r, { COL_1: 'x', COL_2: 'y', COL_3: 'z' });
  const type = rowTypeFor('VARIABLE_COLUMN_LOG_PARSE', 'x', 'COL_1 TYPE VARCHAR(16), "col2" TYPE INTEGER NOT NULL', ',');
  assert.deepEqual(type.fields!.map((f) => [f.name, f.type.name, f.type.precision, f.type.nullable]), [
    ['COL_1', 'VARCHAR', 16, true],
    ['col2', 'INTEGER', undefined, false],
  ]);
});

test('VARIABLE_COLUMN_LOG_PARSE: counts, string delimiters, escapes, quotes, missing and extra fields', () => {
  assert.deepEqual(call('VARIABLE_COLUMN_LOG_PARSE', 'a,b', 2, ','), { COLUMN1: 'a', COLUMN2: 'b' });
  assert.deepEqual(call('VARIABLE_COLUMN_LOG_PARSE', 'a\\,b,c', 2, ',', '\\', null), { COLUMN1: 'a,b', COLUMN2: 'c' });
  assert.deepEqual(call('VARIABLE_COLUMN_LOG_PARSE', '"a,b",c', 2, ',', null, '"'), { COLUMN1: 'a,b', COLUMN2: 'c' });
  assert.deepEqual(call('VARIABLE_COLUMN_LOG_PARSE', '[a|b]|c', 2, '|', null, '[]'), { COLUMN1: 'a|b', COLUMN2: 'c' });
  assert.deepEqual(call('VARIABLE_COLUMN_LOG_PARSE', 'a\tb', 2, '\t'), { COLUMN1: 'a', COLUMN2: 'b' });
  assert.deepEqual(call('VARIABLE_COLUMN_LOG_PARSE', 'a::b::c', 2, '::'), { COLUMN1: 'a', COLUMN2: 'b' });
  assert.deepEqual(call('VARIABLE_COLUMN_LOG_PARSE', 'a', 3, ','), { COLUMN1: 'a', COLUMN2: null, COLUMN3: null });
  assert.deepEqual(call('VARIABLE_COLUMN_LOG_PARSE', '7,,2018-05-09 12:50:41', 'N INTEGER, D DOUBLE, T TIMESTAMP', ','), {
    N: 7, D: null, T: Date.UTC(2018, 4, 9, 12, 50, 41),
  });
  assert.throws(() => call('VARIABLE_COLUMN_LOG_PARSE', 'x', 'N INTEGER', ','), SqlRuntimeError);
  assert.throws(() => call('VARIABLE_COLUMN_LOG_PARSE', ',b', 'A INTEGER NOT NULL, B VARCHAR(4)', ','), SqlRuntimeError);
  assert.throws(() => call('VARIABLE_COLUMN_LOG_PARSE', 'a', 'A WIDGET', ','), SqlRuntimeError);
  assert.equal(call('VARIABLE_COLUMN_LOG_PARSE', null, 2, ','), null);
});

test('FIXED_COLUMN_LOG_PARSE: 0-based START, FOR, date formats', () => {
  const line = '2018-05-09 ERROR  disk full';
  const spec = '"day" TYPE DATE \'yyyy-MM-dd\' START 0 FOR 10, LEVEL TYPE VARCHAR(5) START 11 FOR 5, MSG TYPE VARCHAR(64) START 18';
  const r = call('FIXED_COLUMN_LOG_PARSE', line, spec) as Record<string, unknown>;
  assert.equal(r.day, Date.UTC(2018, 4, 9));
  assert.equal(r.LEVEL, 'ERROR');
  assert.equal(r.MSG, 'disk full');
  assert.deepEqual(call('FIXED_COLUMN_LOG_PARSE', '12', 'A INTEGER START 0 FOR 2, B INTEGER START 5 FOR 2'), { A: 12, B: null });
  const ts = call('FIXED_COLUMN_LOG_PARSE', '10/Oct/2000:13:55:36', '"name" TYPE TIMESTAMP \'dd/MMM/yyyy:HH:mm:ss\' START 0') as Record<string, unknown>;
  assert.equal(formatTimestamp(ts.name as number), '2000-10-10 13:55:36.0');
  assert.throws(() => call('FIXED_COLUMN_LOG_PARSE', 'x', 'A INTEGER'), SqlRuntimeError);
});

test('SYS_LOG_PARSE: timestamp and the rest of the line', () => {
  const r = call('SYS_LOG_PARSE', 'Oct 11 22:14:15 mymachine su: \'su root\' failed for lonvick on /dev/pts/8') as Record<string, unknown>;
  assert.equal(formatTimestamp(r.COLUMN1 as number), '1970-10-11 22:14:15.0');
  assert.equal(r.COLUMN2, "mymachine su: 'su root' failed for lonvick on /dev/pts/8");
  const pri = call('SYS_LOG_PARSE', '<34>Nov  6 04:05:06 host msg') as Record<string, unknown>;
  assert.equal(formatTimestamp(pri.COLUMN1 as number), '1970-11-06 04:05:06.0');
  assert.equal(pri.COLUMN2, 'host msg');
  assert.equal(call('SYS_LOG_PARSE', 'not syslog'), null);
  assert.equal(call('SYS_LOG_PARSE', null), null);
  assert.deepEqual(scalarFunctions.get('SYS_LOG_PARSE')!.returnType([t('VARCHAR')]).fields!.map((f) => f.type.name), ['TIMESTAMP', 'VARCHAR']);
});

test('REGEX_LOG_PARSE: the DG log line, whole-string match, NULL on no match, typed columns', () => {
  const log = '203.0.113.24 - - [25/Mar/2018:15:25:37 -0700] "GET /index.php HTTP/1.1" 200 125 "-" "Mozilla/5.0 [en] Gecko/20100101 Firefox/52.0"';
  const r = call('REGEX_LOG_PARSE', log, '(\\w.+) (\\d.+) (\\w.+) (\\w.+)') as Record<string, unknown>;
  assert.equal(Object.keys(r).length, 4);
  assert.equal(r.COLUMN1, '203.0.113.24 - - [25/Mar/2018:15:25:37 -0700] "GET /index.php HTTP/1.1" 200');
  assert.equal(r.COLUMN2, '125 "-" "Mozilla/5.0 [en]');
  assert.equal(r.COLUMN4, 'Firefox/52.0"');
  assert.deepEqual(call('REGEX_LOG_PARSE', 'TECHNOLOGY', '.*([E].).*([A].).*'), null);
  assert.deepEqual(call('REGEX_LOG_PARSE', 'HEALTHCARE', '.*([E].).*([A].).*'), { COLUMN1: 'EA', COLUMN2: 'AR' });
  assert.equal(call('REGEX_LOG_PARSE', 'abc', '(b)'), null, 'the pattern must account for the whole string');
  assert.deepEqual(call('REGEX_LOG_PARSE', 'ab', '(a)(x)?b'), { COLUMN1: 'a', COLUMN2: null });
  assert.deepEqual(call('REGEX_LOG_PARSE', 'id=42', 'id=(\\d+)', 'ID INTEGER'), { ID: 42 });
  assert.deepEqual(call('REGEX_LOG_PARSE', 'a=1', '(\\w)=(\\d)', 'K, V INTEGER NOT NULL'), { K: 'a', V: 1 }, 'a column without a type is VARCHAR');
  assert.deepEqual(rowTypeFor('REGEX_LOG_PARSE', 'x', '(a)(?:b)(c)').fields!.map((f) => f.name), ['COLUMN1', 'COLUMN2']);
});

test('FAST_REGEX_LOG_PARSE: lazy groups that must account for the whole input', () => {
  assert.deepEqual(call('FAST_REGEX_LOG_PARSE', 'Mary_had_a_little_lamb', '(.*)_(._.*)_(.*)'), {
    COLUMN1: 'Mary_had', COLUMN2: 'a_little', COLUMN3: 'lamb',
  });
  assert.deepEqual(call('FAST_REGEX_LOG_PARSE', 'Mary_had_a_little_lamb', '(.*)_(.*)_(.*)'), {
    COLUMN1: 'Mary', COLUMN2: 'had', COLUMN3: 'a_little_lamb',
  });
  assert.equal(call('FAST_REGEX_LOG_PARSE', 'Mary_had_a_little_lamb', '(.*)_(.*)_(lamb)x'), null);
  assert.deepEqual(call('FAST_REGEX_LOG_PARSE', 'id-042 ok', '"id-"(<000-999>) (@)'), { COLUMN1: '042', COLUMN2: 'ok' });
  assert.deepEqual(call('FAST_REGEX_LOG_PARSE', 'a.b', '([a-z])\\.([^.])'), { COLUMN1: 'a', COLUMN2: 'b' });
  assert.deepEqual(call('FAST_REGEX_LOG_PARSE', '12-x', '(<Digit>+)-(.)'), { COLUMN1: '12', COLUMN2: 'x' });
  assert.deepEqual(call('FAST_REGEX_LOG_PARSER', 'ab', '(a)(b)'), { COLUMN1: 'a', COLUMN2: 'b' });
  assert.equal(
    call('FAST_REGEX_LOG_PARSE', '1-2-ab', '(.*)-([a-z]*)'),
    null,
    'the first group stops at its first (shortest) match and is never revisited, though 1-2 / ab would fit',
  );
  assert.deepEqual(call('FAST_REGEX_LOG_PARSE', 'x-y-z-1', '(.*)-(.*)-([0-9]+)'), { COLUMN1: 'x', COLUMN2: 'y-z', COLUMN3: '1' });
  assert.deepEqual(call('FAST_REGEX_LOG_PARSE', 'x-y-1', '(.*)-(.*)-([0-9]+)'), { COLUMN1: 'x', COLUMN2: 'y', COLUMN3: '1' });
  assert.deepEqual(
    call('FAST_REGEX_LOG_PARSE', 'ab12', '([a-z]+)([0-9]+)'),
    { COLUMN1: 'ab', COLUMN2: '12' },
    'the fixed first character of [0-9]+ moves to the previous expression, which then stops before the digits',
  );
  assert.equal(call('FAST_REGEX_LOG_PARSE', 'ab12', '([a-z]*)([0-9]*)'), null, 'nothing fixed to move: the first group stops at once');
  assert.deepEqual(call('FAST_REGEX_LOG_PARSE', 'abab-x', '(ab)+-(x)'), { COLUMN1: 'ab', COLUMN2: 'x' }, 'a repeated group keeps its last match');
  assert.deepEqual(call('FAST_REGEX_LOG_PARSE', 'k=v', '((k)=(v))'), { COLUMN1: 'k=v', COLUMN2: 'k', COLUMN3: 'v' });
  assert.deepEqual(call('FAST_REGEX_LOG_PARSE', 'b', '(a)|(b)'), { COLUMN1: null, COLUMN2: 'b' });
  assert.deepEqual(call('FAST_REGEX_LOG_PARSE', 'ab', '(a)()(b)'), { COLUMN1: 'a', COLUMN2: '', COLUMN3: 'b' });
  assert.throws(() => call('FAST_REGEX_LOG_PARSE', 'a', '(a&b)'), SqlRuntimeError);
  assert.throws(() => call('FAST_REGEX_LOG_PARSE', 'a', '~a'), SqlRuntimeError);
  assert.deepEqual(rowTypeFor('FAST_REGEX_LOG_PARSE', 'x', '(a)(b)()').fields!.map((f) => f.name), ['COLUMN1', 'COLUMN2', 'COLUMN3']);
});
