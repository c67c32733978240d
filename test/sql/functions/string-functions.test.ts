import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SqlRuntimeError } from '../../../src/sql/errors.js';
import { scalarFunctions } from '../../../src/sql/functions/index.js';
import { call, t, typeOf } from './call.js';

test('SUBSTRING FROM/FOR: the SR examples', () => {
  assert.equal(call('SUBSTRING', '123456789', 3, 4), '3456');
  assert.equal(call('SUBSTRING', '123456789', 17, 4), '');
  assert.equal(call('SUBSTRING', '123456789', -1, 4), '12');
  assert.equal(call('SUBSTRING', '123456789', 6, 0), '');
  assert.equal(call('SUBSTRING', '123456789', 8, 4), '89');
  assert.equal(call('SUBSTRING', '123456789', 3), '3456789');
});

test('SUBSTRING: nulls, negative length, binaries', () => {
  assert.equal(call('SUBSTRING', null, 1, 2), null);
  assert.equal(call('SUBSTRING', 'abc', null), null);
  assert.equal(call('SUBSTRING', 'abc', 1, null), null);
  assert.throws(() => call('SUBSTRING', 'abc', 1, -1), SqlRuntimeError);
  assert.deepEqual(call('SUBSTRING', new Uint8Array([1, 2, 3, 4]), 2, 2), new Uint8Array([2, 3]));
});

test('SUBSTRING FROM regex returns the first match, NULL when none', () => {
  assert.equal(call('SUBSTRING', 'TECHNOLOGY', 'L[A-Z]*'), 'LOGY');
  assert.equal(call('SUBSTRING', 'TECHNOLOGY', 'O.', 1), 'O');
  assert.equal(call('SUBSTRING', 'TECHNOLOGY', 'x+'), null);
  const def = scalarFunctions.get('SUBSTRING')!;
  assert.throws(() => def.returnTypeWithConstants!([t('VARCHAR'), t('VARCHAR')], [undefined, '(']), /Invalid regular expression/);
});

test('SUBSTRING SIMILAR … ESCAPE extracts the middle part of a whole-string match', () => {
  assert.equal(call('SUBSTRING', 'abcabc', 'a#"bcab#"c', '#'), 'bcab');
  assert.equal(call('SUBSTRING', 'abcabc', 'a#"%#"c', '#'), 'bcab');
  assert.equal(call('SUBSTRING', 'abcabc', '_#"%#"_', '#'), 'bcab');
  assert.equal(call('SUBSTRING', 'abcabc', '#"(abc)*#"', '#'), 'abcabc');
  assert.equal(call('SUBSTRING', 'abcabc', '#"abc#"', '#'), null);
  assert.throws(() => call('SUBSTRING', 'abc', 'abc', '#'), SqlRuntimeError);
  assert.equal(call('SUBSTRING_SIMILAR', 'abcabc', 'a#"%#"c', '#'), 'bcab', 'the parser calls the SIMILAR form by this name');
  assert.equal(call('SUBSTRING_SIMILAR', null, 'a#"%#"c', '#'), null);
});

test('POSITION is 1-based, 0 when absent', () => {
  assert.equal(call('POSITION', 'world', 'hello world'), 7);
  assert.equal(call('POSITION', 'x', 'abc'), 0);
  assert.equal(call('POSITION', '', 'abc'), 1);
  assert.equal(call('POSITION', null, 'abc'), null);
  assert.equal(call('POSITION', 'a', 'banana', 3), 4, 'POSITION … FROM start');
  assert.equal(call('POSITION', 'a', 'banana', 7), 0);
  assert.equal(call('POSITION', 'x', 'banana', 1), 0);
});

test('TRIM: the SR examples; exactly one trim character', () => {
  assert.equal(call('TRIM', 'BOTH', ' ', ' Trim front and back '), 'Trim front and back');
  assert.equal(call('TRIM', ' Trim front and back '), 'Trim front and back');
  assert.equal(call('TRIM', 'LEADING', 'x', 'xxxTrim frontxxx'), 'Trim frontxxx');
  assert.equal(call('TRIM', 'TRAILING', 'x', 'xxxTrimxBackxxx'), 'xxxTrimxBack');
  assert.equal(call('TRIM', 'BOTH', 'y', 'xxxNo y to trimxxx'), 'xxxNo y to trimxxx');
  assert.equal(call('TRIM', 'BOTH', 'x', 'xxxx'), '');
  assert.equal(call('TRIM', 'BOTH', ' ', null), null);
  assert.equal(call('TRIM', 'BOTH', null, 'x'), null);
  assert.throws(() => call('TRIM', 'BOTH', 'xy', 'xyab'), SqlRuntimeError);
  assert.throws(() => call('TRIM', 'BOTH', '', 'ab'), SqlRuntimeError);
});

test('OVERLAY: the SR examples (a start below 1 prepends part of the replacement)', () => {
  assert.equal(call('OVERLAY', '12345', 'foo', 1), 'foo45');
  assert.equal(call('OVERLAY', '12345', 'foo', 0), 'foo345');
  assert.equal(call('OVERLAY', '12345', 'foo', -2), 'foo12345');
  assert.equal(call('OVERLAY', '12345', 'foo', 4), '123foo');
  assert.equal(call('OVERLAY', '12345', 'foo', 17), '12345foo');
  assert.equal(call('OVERLAY', '12345', 'foo', 2, 0), '1foo2345');
  assert.equal(call('OVERLAY', '12345', 'foo', 2, 2), '1foo45');
  assert.equal(call('OVERLAY', '12345', 'foo', 2, 9), '1foo');
  assert.equal(call('OVERLAY', 'abc', null, 1), null);
  assert.throws(() => call('OVERLAY', 'abc', 'x', 1, -1), SqlRuntimeError);
});

test('case functions and CHAR_LENGTH', () => {
  assert.equal(call('UPPER', 'Hello'), 'HELLO');
  assert.equal(call('LOWER', 'Hello'), 'hello');
  assert.equal(call('INITCAP', 'Each FIRST lEtTeR is cAPITALIZED'), 'Each First Letter Is Capitalized');
  assert.equal(call('INITCAP', 'the QUICK  brown-fox'), 'The Quick  Brown-fox');
  assert.equal(call('INITCAP', ''), '');
  assert.equal(call('CHAR_LENGTH', 'abc'), 3);
  assert.equal(call('CHARACTER_LENGTH', ''), 0);
  assert.equal(call('CHAR_LENGTH', null), null);
});

test('argument types are checked with a validator message', () => {
  assert.deepEqual(typeOf('CHAR_LENGTH', t('VARCHAR', 10, false)), t('INTEGER', undefined, false));
  assert.deepEqual(typeOf('UPPER', t('VARCHAR', 10)), t('VARCHAR', 10));
  assert.throws(() => typeOf('UPPER', t('INTEGER')), /Cannot apply 'UPPER' to arguments of type 'UPPER\(<INTEGER>\)'/);
  assert.throws(() => typeOf('POSITION', t('VARCHAR'), t('DATE')), /POSITION/);
  assert.equal(typeOf('SUBSTRING', t('VARBINARY', 8), t('INTEGER')).name, 'VARBINARY');
});
