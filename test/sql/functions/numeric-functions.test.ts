import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SqlRuntimeError } from '../../../src/sql/errors.js';
import { call, t, typeOf } from './call.js';

test('MOD: the SR examples, integer-only, division by zero is a row error', () => {
  assert.equal(call('MOD', 4, 2), 0);
  assert.equal(call('MOD', 5, 3), 2);
  assert.equal(call('MOD', -4, 3), -1);
  assert.equal(call('MOD', 5, 12), 5);
  assert.equal(call('MOD', null, 3), null);
  assert.throws(() => call('MOD', 5, 0), (e: unknown) => e instanceof SqlRuntimeError && e.errorName === 'Division by zero');
  assert.throws(() => typeOf('MOD', t('DOUBLE'), t('INTEGER')), /MOD\(<INTEGER>, <INTEGER>\)/);
  assert.equal(typeOf('MOD', t('BIGINT'), t('SMALLINT')).name, 'SMALLINT');
  assert.equal(typeOf('MOD', { name: 'DECIMAL', precision: 5, scale: 0, nullable: true }, t('INTEGER')).name, 'INTEGER');
  assert.throws(() => typeOf('MOD', { name: 'DECIMAL', precision: 5, scale: 2, nullable: true }, t('INTEGER')), /MOD/);
});

test('LN and LOG10: the SR examples; zero or negative raises', () => {
  assert.equal(call('LN', 1), 0);
  assert.equal(call('LN', 10), 2.302585092994046);
  assert.equal(call('LN', 2.5), 0.9162907318741551);
  assert.equal(call('LOG10', 1000), 3);
  assert.equal(call('LN', null), null);
  assert.throws(() => call('LN', 0), SqlRuntimeError);
  assert.throws(() => call('LOG10', -1), SqlRuntimeError);
  assert.equal(typeOf('LN', t('INTEGER')).name, 'DOUBLE');
});

test('ABS, CEIL/CEILING, FLOOR keep the argument type', () => {
  assert.equal(call('ABS', -3), 3);
  assert.equal(call('ABS', -2.5), 2.5);
  assert.equal(call('ABS', null), null);
  for (const [x, floor, ceil] of [[2.0, 2, 2], [-1.0, -1, -1], [5.2, 5, 6], [-3.3, -4, -3], [-3 * 3.1, -10, -9]] as const) {
    assert.equal(call('FLOOR', x), floor, `FLOOR(${x})`);
    assert.equal(call('CEIL', x), ceil, `CEIL(${x})`);
  }
  assert.equal(call('CEIL', 2.1), 3);
  assert.equal(call('CEILING', -2.1), -2);
  assert.equal(call('FLOOR', -2.1), -3);
  assert.equal(call('FLOOR', 7), 7);
  assert.equal(typeOf('ABS', t('SMALLINT', undefined, false)).name, 'SMALLINT');
  assert.equal(typeOf('FLOOR', t('DOUBLE')).name, 'DOUBLE');
  assert.deepEqual(typeOf('CEIL', { name: 'DECIMAL', precision: 5, scale: 2, nullable: true }), { name: 'DECIMAL', precision: 5, scale: 0, nullable: true });
  assert.throws(() => typeOf('ABS', t('VARCHAR')), /Cannot apply 'ABS'/);
});

test('EXP, POWER, SQRT, ROUND', () => {
  // The SR's examples: Java's StrictMath.exp, one ulp off JavaScript's Math.exp at 1.
  assert.equal(call('EXP', 1), 2.7182818284590455);
  assert.equal(call('EXP', 0), 1);
  assert.equal(call('EXP', -1), 0.36787944117144233);
  assert.equal(call('EXP', 10), 22026.465794806718);
  assert.equal(call('EXP', 2.5), 12.182493960703473);
  assert.equal(call('EXP', 710), Infinity);
  assert.equal(call('EXP', -800), 0);
  assert.equal(call('LOG10', 1), 0);
  assert.equal(call('LOG10', 100), 2);
  assert.equal(call('LOG10', 23), 1.3617278360175928);
  assert.equal(call('POWER', 3, 2), 9);
  assert.equal(call('POWER', -2, 3), -8);
  assert.equal(call('POWER', 4, -2), 0.0625);
  assert.equal(call('POWER', 10.1, 2.5), 324.19285157140644);
  assert.throws(() => call('POWER', 0, -1), SqlRuntimeError);
  assert.throws(() => call('POWER', -2, 0.5), SqlRuntimeError);
  assert.equal(call('POWER', 2, 10), 1024);
  assert.equal(call('POWER', 2, -1), 0.5);
  assert.equal(call('POWER', 1, NaN), 1, 'Java: 1 to any power is 1');
  assert.equal(call('POWER', null, 2), null);
  assert.equal(call('SQRT', 16), 4);
  assert.throws(() => call('SQRT', -1), SqlRuntimeError);
  assert.equal(call('ROUND', 2.5), 3);
  assert.equal(call('ROUND', -2.5), -3);
  assert.equal(call('ROUND', 1.005, 2), 1.01);
  assert.equal(call('ROUND', 1234, -2), 1200);
});

test('STEP on numbers rounds down to a multiple', () => {
  assert.equal(call('STEP', 23, 5), 20);
  assert.equal(call('STEP', 25, 5), 25);
  assert.equal(call('STEP', -3, 5), -5);
  assert.equal(call('STEP', 23, null), null);
  assert.throws(() => call('STEP', 23, 0), SqlRuntimeError);
  assert.throws(() => typeOf('STEP', t('VARCHAR'), t('INTEGER')), /STEP/);
});
