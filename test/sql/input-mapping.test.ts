/** KDA InputSchema mapping: JSONPath (with array flattening), CSV delimiters and the coercion rules. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SqlCompileError } from '../../src/sql/errors.js';
import { recordDecoder } from '../../src/sql/io/source-schema.js';

const json = (columns: [string, string, string][], rowPath = '$') => ({
  RecordFormat: { RecordFormatType: 'JSON', MappingParameters: { JSONMappingParameters: { RecordRowPath: rowPath } } },
  RecordEncoding: 'UTF-8',
  RecordColumns: columns.map(([Name, SqlType, Mapping]) => ({ Name, SqlType, Mapping })),
});

describe('input mapping', () => {
  it('maps nested JSONPaths; a missing element is NULL', () => {
    const d = recordDecoder(json([['a', 'INTEGER', '$.a'], ['c', 'VARCHAR(8)', '$.b.c'], ['z', 'VARCHAR(8)', '$.missing']]));
    assert.deepEqual(d.decode('{"a": 1, "b": {"c": "x"}}').rows, [{ a: 1, c: 'x', z: null }]);
  });

  it('flattens one array into a row per element; [0:] alone gives the array text; an empty array gives one row of NULLs', () => {
    const d = recordDecoder(json([['id', 'INTEGER', '$.id'], ['v', 'DOUBLE', '$.items[0:].v'], ['all', 'VARCHAR(64)', '$.items[0:]']]));
    assert.deepEqual(d.decode('{"id": 7, "items": [{"v": 1.5}, {"v": 2}]}').rows, [
      { id: 7, v: 1.5, all: '[{"v":1.5},{"v":2}]' },
      { id: 7, v: 2, all: '[{"v":1.5},{"v":2}]' },
    ]);
    assert.deepEqual(d.decode('{"id": 8, "items": []}').rows, [{ id: 8, v: null, all: '[]' }]);
    assert.throws(() => recordDecoder(json([['x', 'INTEGER', '$.a[0:].b[0:].c']])), /only one array level/);
  });

  it('reads several concatenated JSON documents from one record', () => {
    const d = recordDecoder(json([['a', 'INTEGER', '$.a']]));
    assert.deepEqual(d.decode('{"a":1}{"a":2}\n{"a":3}').rows, [{ a: 1 }, { a: 2 }, { a: 3 }]);
  });

  it('stamps rows of a streaming record with its arrival time', () => {
    const flat = recordDecoder(json([['a', 'INTEGER', '$.a']]));
    assert.deepEqual(flat.decode('{"a":1}', 42).rows, [{ a: 1, APPROXIMATE_ARRIVAL_TIME: 42 }]);
    const nested = recordDecoder(json([['a', 'INTEGER', '$.x.a']]));
    assert.deepEqual(nested.decode('{"x":{"a":1}}', 42).rows, [{ a: 1, APPROXIMATE_ARRIVAL_TIME: 42 }]);
  });

  it('reads canonical timestamps on a fast path that agrees with the general parser', () => {
    const d = recordDecoder(json([['t', 'TIMESTAMP', '$.t']]));
    const texts = ['2018-05-09T12:50:41.337510', '2018-05-09 12:50:41', '2018-05-09 12:50:41.5Z', '2018-05-09 12:50', '1992-02-14 18:35:44.0', '2018-02-30 00:00:00', '2018-05-09 24:00:00'];
    const outcome = (text: string) => {
      const r = d.decode(JSON.stringify({ t: text }));
      return { rows: r.rows, errors: r.errors.map((e) => e.name) };
    };
    const viaPath = texts.map((t) => outcome(t));
    const viaGeneral = texts.map((t) => outcome(` ${t}`)); // a leading blank skips the fast path
    assert.deepEqual(viaPath, viaGeneral);
    assert.equal(viaPath[0]!.rows[0]!['t'], Date.UTC(2018, 4, 9, 12, 50, 41, 337));
    assert.deepEqual(viaPath[5]!.errors, ['Coercion error']);
  });

  it('applies the coercion rules and reports what does not fit', () => {
    const d = recordDecoder(json([
      ['i', 'TINYINT', '$.i'],
      ['b', 'BOOLEAN', '$.b'],
      ['s', 'VARCHAR(3)', '$.s'],
      ['t', 'TIMESTAMP', '$.t'],
      ['n', 'INTEGER', '$.n'],
    ]));
    assert.deepEqual(d.decode('{"i": true, "b": "TRUE", "s": "abcdef", "t": "2018-05-09T12:50:41.337510", "n": "42"}').rows, [
      { i: 1, b: true, s: 'abc', t: Date.UTC(2018, 4, 9, 12, 50, 41, 337), n: 42 },
    ]);
    assert.deepEqual(d.decode('{"s": 12, "b": 0, "t": "1992-02-14 18:35:44.0"}').rows, [{ i: null, b: false, s: '12', t: Date.UTC(1992, 1, 14, 18, 35, 44), n: null }]);
    for (const bad of ['{"i": 180}', '{"n": 123.4}', '{"n": "x"}', '{"t": true}', '{"i": {"a": 1}}']) {
      const r = d.decode(bad);
      assert.equal(r.rows.length, 0, bad);
      assert.equal(r.errors[0]?.name, 'Coercion error', bad);
    }
    assert.equal(d.decode('{not json').errors[0]?.name, 'Parse error');
  });

  it('CSV: custom row and column delimiters, positional columns, a prefix of the fields', () => {
    const d = recordDecoder({
      RecordFormat: { RecordFormatType: 'CSV', MappingParameters: { CSVMappingParameters: { RecordRowDelimiter: '\n', RecordColumnDelimiter: '\t' } } },
      RecordColumns: [
        { Name: 'review_id', SqlType: 'VARCHAR(14)', Mapping: 'review_id' },
        { Name: 'star_rating', SqlType: 'INTEGER', Mapping: 'star_rating' },
      ],
    });
    assert.deepEqual(d.decode('R1\t5\tBooks\tgreat\nR2\t3\tToys\tok\n').rows, [{ review_id: 'R1', star_rating: 5 }, { review_id: 'R2', star_rating: 3 }]);
    const pipes = recordDecoder({
      RecordFormat: { RecordFormatType: 'CSV', MappingParameters: { CSVMappingParameters: { RecordRowDelimiter: ';', RecordColumnDelimiter: '|' } } },
      RecordColumns: [{ Name: 'A', SqlType: 'DECIMAL(5,2)' }, { Name: 'B', SqlType: 'DATE' }],
    });
    assert.deepEqual(pipes.decode('1.234|1992-02-14;7|').rows, [{ A: 1.23, B: Date.UTC(1992, 1, 14) }, { A: 7, B: null }]);
  });

  it('rejects invalid schemas with a message naming the problem', () => {
    assert.throws(() => recordDecoder(json([['a', 'VARCHAR(8', '$.a']])), (e: unknown) => e instanceof SqlCompileError && /column a: invalid SqlType/.test(e.message));
    assert.throws(() => recordDecoder({ RecordFormat: { RecordFormatType: 'XML' }, RecordColumns: [] }), /JSON or CSV/);
    assert.throws(() => recordDecoder(json([['a', 'INTEGER', 'a']])), /must start with \$/);
  });
});
