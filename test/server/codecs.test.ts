/** JSON 1.1 and CBOR encodings as AWS uses them, and records that cross protocols byte-identical. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decode as decodeCborX } from 'cbor-x';
import { decodeCbor, encodeCbor } from '../../src/server/cbor-codec.js';
import { base64Into, base64Length } from '../../src/server/base64-writer.js';
import { encodeJson, encodeJsonBody, encodeJsonBytes } from '../../src/server/json-codec.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { rawRequest } from '../helpers/raw-http.js';
import { createTestService, signedHeaders } from './test-services.js';

const CBOR_TYPE = 'application/x-amz-cbor-1.1';

describe('JSON encoding', () => {
  it('writes blobs as base64, Date as epoch seconds with milliseconds, and omits undefined', () => {
    const out = encodeJson({
      Data: Buffer.from([0, 1, 254, 255]),
      View: new Uint8Array([104, 105]).subarray(1),
      At: new Date(1506440188749),
      Whole: new Date(1506440188000),
      Gone: undefined,
      List: [1, 'two', null, { Deep: true }],
      Text: 'quote " and \u2028 and é',
    });
    assert.deepEqual(JSON.parse(out), {
      Data: 'AAH+/w==',
      View: 'aQ==',
      At: 1506440188.749,
      Whole: 1506440188,
      List: [1, 'two', null, { Deep: true }],
      Text: 'quote " and \u2028 and é',
    });
    assert.match(out, /"At":1506440188\.749[,}]/);
    assert.doesNotMatch(out, /Gone/);
  });
});

/** The encoding's definition: convert to plain JSON values, then JSON.stringify. */
function referenceJson(value: unknown): string {
  const plain = (v: unknown): unknown => {
    if (typeof v !== 'object' || v === null) return v;
    if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64');
    if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.getTime() / 1000;
    if (Array.isArray(v)) return v.map(plain);
    const out: Record<string, unknown> = {};
    for (const k in v as Record<string, unknown>) {
      const m = (v as Record<string, unknown>)[k];
      if (m !== undefined) out[k] = plain(m);
    }
    return out;
  };
  return JSON.stringify(plain(value)) ?? 'null';
}

describe('JSON encoding matches JSON.stringify byte for byte', () => {
  it('for every kind of value the services return', () => {
    const shared = new Date(1700000000001);
    const samples: unknown[] = [
      undefined,
      null,
      0,
      -0,
      -12.5,
      1e21,
      1.5e-7,
      Number.NaN,
      Infinity,
      true,
      '',
      'plain',
      'quote " backslash \\ slash / tab \t nl \n nul \u0000 del \u007f é 𝄞 \ud800 lone',
      'x'.repeat(300) + '"',
      'é'.repeat(300),
      new Date(Number.NaN),
      new Date(-1),
      [undefined, () => 1, Symbol('s'), null, [], {}],
      { a: undefined, b: () => 1, c: Symbol('s'), d: 1 },
      { 'ké"y': 1, ['k'.repeat(100)]: [shared, shared, new Date(1700000000999)] },
      { Records: Array.from({ length: 50 }, (_, i) => ({ SequenceNumber: String(10n ** 50n + BigInt(i)), ApproximateArrivalTimestamp: shared, Data: Buffer.alloc(i, i), PartitionKey: `k${i}` })) },
      { View: new Uint8Array([9, 104, 105, 7]).subarray(1, 3), Big: Buffer.alloc(5000, 7) },
      // Past the size at which a response body is sent as bytes rather than a string.
      { Large: Buffer.alloc(20000, 3), Text: 'é'.repeat(5000) },
    ];
    for (const v of samples) {
      assert.equal(encodeJson(v), referenceJson(v));
      assert.equal(encodeJsonBytes(v).toString('utf8'), referenceJson(v));
      assert.equal(String(encodeJsonBody(v)), referenceJson(v));
    }
  });

  it('refuses BigInt as JSON.stringify does', () => {
    assert.throws(() => encodeJson({ N: 1n }), TypeError);
  });

  it('writes base64 of every length and every byte value', () => {
    const bytes = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 131 + 7) & 0xff));
    for (let n = 0; n <= 3000; n += n < 64 ? 1 : 97) {
      const data = bytes.subarray(3000 - n);
      const out = Buffer.alloc(base64Length(n) + 2, 0x21);
      const end = base64Into(data, out, 1);
      assert.equal(end, 1 + base64Length(n));
      assert.equal(out.toString('latin1', 1, end), data.toString('base64'), `length ${n}`);
    }
  });
});

describe('CBOR encoding', () => {
  it('writes blobs as byte strings, Date as tag 1 with integer milliseconds, and omits undefined', () => {
    const bytes = encodeCbor({ Data: Buffer.from([1, 2, 3]), At: new Date(1700000000123), Gone: undefined, N: -5, F: 1.5, Big: 2 ** 40 });
    const plain = decodeCborX(bytes) as Record<string, unknown>;
    assert.deepEqual(Object.keys(plain).sort(), ['At', 'Big', 'Data', 'F', 'N']);
    assert.deepEqual(Buffer.from(plain.Data as Uint8Array), Buffer.from([1, 2, 3]));
    assert.equal(plain.N, -5);
    assert.equal(plain.F, 1.5);
    assert.equal(Number(plain.Big), 2 ** 40);
    // Byte-level: "At" followed by tag 1 (0xc1) and a 64-bit unsigned integer of milliseconds.
    const at = bytes.indexOf(Buffer.from('At'));
    assert.equal(bytes[at + 2], 0xc1);
    assert.equal(bytes[at + 3], 0x1b);
    assert.equal(bytes.readBigUInt64BE(at + 4), 1700000000123n);
    // Byte-level: Data is major type 2 (0x43 = byte string of length 3).
    const data = bytes.indexOf(Buffer.from('Data'));
    assert.equal(bytes[data + 4], 0x43);
  });

  it('encodes long strings, large arrays and maps with correct lengths', () => {
    const value = { S: 'é'.repeat(40000), A: Array.from({ length: 70000 }, (_, i) => i), M: Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`k${i}`, i])) };
    assert.deepEqual(decodeCbor(encodeCbor(value)), value);
  });

  it('encodes strings of every head size, ASCII or not', () => {
    for (const n of [0, 1, 23, 24, 25, 100, 255, 256, 70000]) {
      for (const s of ['a'.repeat(n), 'a'.repeat(Math.max(0, n - 1)) + 'é', 'é' + 'a'.repeat(n)]) {
        assert.equal(decodeCborX(encodeCbor(s)), s, `length ${s.length}`);
      }
    }
  });

  it('reads tag 1 as AWS means it: epoch milliseconds', () => {
    const body = Buffer.concat([Buffer.from([0xa1, 0x62]), Buffer.from('At'), Buffer.from([0xc1, 0x1b]), Buffer.alloc(8)]);
    body.writeBigUInt64BE(1700000000123n, 6);
    const decoded = decodeCbor(body) as { At: Date };
    assert.ok(decoded.At instanceof Date);
    assert.equal(decoded.At.getTime(), 1700000000123);
  });
});

describe('records across protocols', () => {
  let server: RunningServer;
  let endpoint: string;
  before(async () => {
    server = await startServer({ host: '127.0.0.1', port: 0, dataDir: '/nonexistent', services: [createTestService()], defaultRegion: 'us-east-1', defaultAccountId: '000000000000' });
    endpoint = `http://127.0.0.1:${server.port}`;
  });
  after(() => server.close());

  const payload = Buffer.from(Array.from({ length: 1024 }, (_, i) => (i * 37) & 0xff));

  it('written with JSON, read back byte-identical with CBOR', async () => {
    const put = await rawRequest({ endpoint, headers: signedHeaders('PutBlob'), body: JSON.stringify({ Data: payload.toString('base64'), At: 1700000000.123 }) });
    assert.equal(put.status, 200);
    // An operation without output: an empty body, as AWS sends.
    assert.equal(put.headers['content-type'], 'application/x-amz-json-1.1');
    assert.equal(put.headers['content-length'], '0');
    assert.equal(put.body.length, 0);
    const get = await rawRequest({ endpoint, http2: true, headers: signedHeaders('GetBlob', CBOR_TYPE), body: encodeCbor({}) });
    assert.equal(get.headers['content-type'], CBOR_TYPE);
    const out = decodeCbor(get.body) as { Data: Uint8Array; At: Date };
    assert.deepEqual(Buffer.from(out.Data), payload);
    assert.equal(out.At.getTime(), 1700000000123);
    assert.ok(!('Missing' in out));
  });

  it('written with CBOR, read back byte-identical with JSON', async () => {
    const put = await rawRequest({ endpoint, http2: true, headers: signedHeaders('PutBlob', CBOR_TYPE), body: encodeCbor({ Data: payload, At: new Date(1700000000456) }) });
    assert.equal(put.status, 200);
    assert.equal(put.headers['content-type'], CBOR_TYPE);
    assert.equal(put.headers['content-length'], '0');
    assert.equal(put.body.length, 0);
    const get = await rawRequest({ endpoint, headers: signedHeaders('GetBlob'), body: '{}' });
    const out = get.json();
    assert.deepEqual(Buffer.from(out.Data, 'base64'), payload);
    assert.equal(out.At, 1700000000.456);
    assert.deepEqual(Object.keys(out).sort(), ['At', 'Data']);
  });
});
