import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SqlRuntimeError } from '../../../src/sql/errors.js';
import { scalarFunctions } from '../../../src/sql/functions/index.js';
import { call, t, typeOf } from './call.js';

test('REGEX_REPLACE: the SR example replaces every match', () => {
  assert.equal(call('REGEX_REPLACE', 'TECHNOLOGY', 'TECHNOLOGY', 'INFORMATION TECHNOLOGY', 1, 0), 'INFORMATION TECHNOLOGY');
  assert.equal(call('REGEX_REPLACE', 'HEALTHCARE', 'TECHNOLOGY', 'INFORMATION TECHNOLOGY', 1, 0), 'HEALTHCARE');
});

test('REGEX_REPLACE: occurrence picks one match, startPosition skips a prefix', () => {
  assert.equal(call('REGEX_REPLACE', 'a1b2c3', '\\d', '#', 1, 0), 'a#b#c#');
  assert.equal(call('REGEX_REPLACE', 'a1b2c3', '\\d', '#', 1, 2), 'a1b#c3');
  assert.equal(call('REGEX_REPLACE', 'a1b2c3', '\\d', '#', 1, 4), 'a1b2c3');
  assert.equal(call('REGEX_REPLACE', 'a1b2c3', '\\d', '#', 3, 0), 'a1b#c#');
  assert.equal(call('REGEX_REPLACE', 'a1b2c3', '\\d', '#', 3, 1), 'a1b#c3');
  assert.equal(call('REGEX_REPLACE', 'abc', 'b', 'x', 4, 0), 'abc', 'a start past the end returns the original');
  assert.equal(call('REGEX_REPLACE', 'abab', '^ab', 'X', 3, 0), 'abX', '^ matches at the start position');
  assert.equal(call('REGEX_REPLACE', 'abab', '(?<=b)a', 'X', 3, 0), 'abab', 'the kept prefix is not seen by the pattern');
});

test('REGEX_REPLACE: Java replacement syntax ($n, ${name}, escapes) and empty matches', () => {
  assert.equal(call('REGEX_REPLACE', 'John Smith', '(\\w+) (\\w+)', '$2, $1', 1, 0), 'Smith, John');
  assert.equal(call('REGEX_REPLACE', 'John Smith', '(?<f>\\w+) (?<l>\\w+)', '${l}', 1, 0), 'Smith');
  assert.equal(call('REGEX_REPLACE', 'cost', 'cost', '\\$5', 1, 0), '$5');
  assert.equal(call('REGEX_REPLACE', 'ab', '(a)', '$10', 1, 0), 'a0b', '$10 reads as group 1 then 0 when there is no group 10');
  assert.equal(call('REGEX_REPLACE', 'abc', 'x*', '-', 1, 0), '-a-b-c-');
  assert.equal(call('REGEX_REPLACE', 'aaa', 'a*', '-', 1, 0), '--');
  assert.equal(call('REGEX_REPLACE', 'a(b)', '(x)?\\(b\\)', '[$1]', 1, 0), 'a[]');
});

test('REGEX_REPLACE: bad arguments are row errors; nulls give NULL', () => {
  const isRowError = (e: unknown) => e instanceof SqlRuntimeError;
  assert.throws(() => call('REGEX_REPLACE', 'abc', 'b', 'x', 0, 0), isRowError);
  assert.throws(() => call('REGEX_REPLACE', 'abc', 'b', 'x', 1, -1), isRowError);
  assert.throws(() => call('REGEX_REPLACE', 'abc', 'b', '$2', 1, 0), isRowError);
  assert.throws(() => call('REGEX_REPLACE', 'abc', 'b', 'x$', 1, 0), isRowError);
  assert.throws(() => call('REGEX_REPLACE', 'abc', '(', 'x', 1, 0), isRowError);
  assert.equal(call('REGEX_REPLACE', null, 'b', 'x', 1, 0), null);
  assert.equal(call('REGEX_REPLACE', 'abc', 'b', null, 1, 0), null);
  assert.deepEqual(typeOf('REGEX_REPLACE', t('VARCHAR', 16), t('CHAR', 3), t('VARCHAR'), t('INTEGER'), t('INTEGER')), t('VARCHAR', 65535));
});

test('REGEX_REPLACE: a literal bad pattern or replacement fails validation', () => {
  const def = scalarFunctions.get('REGEX_REPLACE')!;
  const types = [t('VARCHAR'), t('VARCHAR'), t('VARCHAR'), t('INTEGER'), t('INTEGER')];
  assert.throws(() => def.returnTypeWithConstants!(types, [undefined, '(', 'x', 1, 0]), /Invalid regular expression/);
  assert.throws(() => def.returnTypeWithConstants!(types, [undefined, '(a)', '$2', 1, 0]), /No group 2/);
  assert.equal(def.returnTypeWithConstants!(types, [undefined, '(a)', '$1', 1, 0]).precision, 65535);
});
