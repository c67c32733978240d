/** How record bytes are classified and exported: the rules that keep `dump` → `load` byte-faithful. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bytesFromFields, dataFields, decodeData, hexLines, minifyJson } from '../../src/cli/lib/record-data.js';

const b = (s: string) => new Uint8Array(Buffer.from(s));
const roundTrip = (bytes: Uint8Array) => Buffer.from(bytesFromFields(JSON.parse(JSON.stringify(dataFields(bytes))), 'line 1')).toString('utf8');

describe('record data', () => {
  it('tells JSON, text and binary apart', () => {
    assert.equal(decodeData(b('{"a":1}')).kind, 'json');
    assert.equal(decodeData(b('  [1, 2]\n')).kind, 'json');
    assert.equal(decodeData(b('42')).kind, 'json');
    assert.equal(decodeData(b('{not json')).kind, 'text');
    assert.equal(decodeData(b('héllo wörld\ttab')).kind, 'text');
    assert.equal(decodeData(Uint8Array.from([0xc3, 0x28])).kind, 'binary', 'invalid UTF-8');
    assert.equal(decodeData(b('nul\u0000inside')).kind, 'binary', 'control characters');
  });

  it('exports JSON as values only when the bytes come back the same (but for whitespace)', () => {
    assert.deepEqual(dataFields(b('{"a": [1, 2.5], "b": null}')), { data: { a: [1, 2.5], b: null } });
    assert.deepEqual(dataFields(b('"quoted"')), { data: '"quoted"' });
    assert.deepEqual(dataFields(b('{"big":123456789012345678901}')), { data: '{"big":123456789012345678901}' });
    assert.deepEqual(dataFields(b('{"e":"\\u00e9"}')), { data: '{"e":"\\u00e9"}' });
    assert.deepEqual(dataFields(b('1.0')), { data: '1.0' });
    assert.deepEqual(dataFields(Uint8Array.from([1, 2, 255])), { data_base64: 'AQL/' });
    for (const s of ['"quoted"', '{"big":123456789012345678901}', 'plain text', '{"a":1}', '[]', 'true']) assert.equal(roundTrip(b(s)), s);
  });

  it('minifies JSON outside strings only', () => {
    assert.equal(minifyJson('{ "a b" : [ 1 ,\n 2 ], "c": "x \\" y" }'), '{"a b":[1,2],"c":"x \\" y"}');
  });

  it('shows binary as offset and hex', () => {
    assert.deepEqual(hexLines(Uint8Array.from({ length: 18 }, (_, i) => i)), [
      '00000000  0001 0203 0405 0607 0809 0a0b 0c0d 0e0f',
      '00000010  1011',
    ]);
  });
});
