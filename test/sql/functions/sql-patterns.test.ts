import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SqlRuntimeError } from '../../../src/sql/errors.js';
import { likeToRegex, similarToRegex } from '../../../src/sql/functions/index.js';
import { parseBinaryLiteral } from '../../../src/sql/functions/conversions.js';

test('LIKE: % and _ over the whole string, with an escape character', () => {
  assert.ok(likeToRegex('%TECH%').test('INFORMATION TECHNOLOGY'));
  assert.ok(!likeToRegex('TECH%').test('INFORMATION TECHNOLOGY'));
  assert.ok(likeToRegex('a_c').test('abc'));
  assert.ok(!likeToRegex('a_c').test('abbc'));
  assert.ok(likeToRegex('100#%', '#').test('100%'));
  assert.ok(!likeToRegex('100#%', '#').test('1000'));
  assert.ok(likeToRegex('a.b*').test('a.b*'), 'regex characters are literal');
  assert.ok(likeToRegex('%').test('line\nbreak'));
  assert.throws(() => likeToRegex('a#b', '#'), SqlRuntimeError);
  assert.throws(() => likeToRegex('a', 'ab'), SqlRuntimeError);
});

test('SIMILAR TO: SQL regular expressions over the whole string', () => {
  assert.ok(similarToRegex('%TECH%').test('TECHNOLOGY'));
  assert.ok(similarToRegex('(ab|cd)+').test('abcdab'));
  assert.ok(!similarToRegex('(ab|cd)+').test('abx'));
  assert.ok(similarToRegex('[A-Z]{3}_').test('ABC1'));
  assert.ok(similarToRegex('a.c').test('a.c'));
  assert.ok(!similarToRegex('a.c').test('abc'), '. is literal in SIMILAR TO');
  assert.ok(similarToRegex('100!%', '!').test('100%'));
  assert.throws(() => similarToRegex('(ab'), SqlRuntimeError);
  assert.equal(similarToRegex('x%'), similarToRegex('x%'), 'cached');
});

test("binary literals X'…' for input coercion", () => {
  assert.deepEqual(parseBinaryLiteral("X'3F67A23A'"), new Uint8Array([0x3f, 0x67, 0xa2, 0x3a]));
  assert.deepEqual(parseBinaryLiteral("x''"), new Uint8Array([]));
  assert.throws(() => parseBinaryLiteral("X'3F6'"), SqlRuntimeError);
  assert.throws(() => parseBinaryLiteral('3F67'), SqlRuntimeError);
});

test('LIKE and SIMILAR TO in expressions use the same translation', async () => {
  const { evalBoth } = await import('../expression-harness.js');
  assert.equal(evalBoth("'a-b' LIKE 'a-_'"), true, 'a hyphen is an ordinary character');
  assert.equal(evalBoth("'100%' LIKE '100#%' ESCAPE '#'"), true);
  assert.throws(() => evalBoth("'ab' LIKE 'a#b' ESCAPE '#'"), /Invalid escape sequence/);
  assert.equal(evalBoth("'abcdab' SIMILAR TO '(ab|cd)+'"), true);
  assert.equal(evalBoth("'a-c' SIMILAR TO 'a-c'"), true);
});
