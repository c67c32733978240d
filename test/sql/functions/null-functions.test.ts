import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call, t, typeOf } from './call.js';

test('COALESCE returns the first non-null argument', () => {
  assert.equal(call('COALESCE', null, null, 3, 4), 3);
  assert.equal(call('COALESCE', 'a'), 'a');
  assert.equal(call('COALESCE', null, null), null);
  assert.equal(call('COALESCE', 0, 1), 0);
  assert.equal(call('COALESCE', '', 'x'), '');
});

test('COALESCE types: widened numbers, non-null when any argument is non-null, mismatches rejected', () => {
  assert.deepEqual(typeOf('COALESCE', t('INTEGER'), t('DOUBLE', undefined, false)), t('DOUBLE', undefined, false));
  assert.deepEqual(typeOf('COALESCE', t('VARCHAR', 4), t('VARCHAR', 10)), t('VARCHAR', 10));
  assert.equal(typeOf('COALESCE', t('NULL'), t('DATE')).name, 'DATE');
  assert.throws(() => typeOf('COALESCE', t('INTEGER'), t('DATE')), /COALESCE/);
});

test('NULLIF returns NULL when both sides are equal', () => {
  assert.equal(call('NULLIF', 5, 5), null);
  assert.equal(call('NULLIF', 5, 6), 5);
  assert.equal(call('NULLIF', 'a', null), 'a');
  assert.equal(call('NULLIF', null, 1), null);
  assert.equal(call('NULLIF', new Uint8Array([1]), new Uint8Array([1])), null);
  assert.equal(typeOf('NULLIF', t('INTEGER', undefined, false), t('INTEGER')).nullable, true);
});
