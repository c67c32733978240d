/** The listing rules alone: prefixes, delimiters rolled up at any depth, pagination that resumes after a common prefix. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareKeys, listPage } from '../../src/s3/listing.js';

const KEYS = ['2026/11/21/22/a', '2026/11/21/23/b', '2026/11/22/00/c', 'errors/processing-failed/x', 'top', 'é', 'z'].sort(compareKeys).map((key) => ({ key }));
const keysOf = (page: ReturnType<typeof listPage>) => page.contents.map((e) => e.key);

describe('listing rules', () => {
  it('orders keys by their UTF-8 bytes', () => {
    assert.deepEqual(
      KEYS.map((e) => e.key).slice(-3),
      ['top', 'z', 'é'],
    );
  });

  it('rolls keys up to the first delimiter after the prefix, at any depth', () => {
    const root = listPage(KEYS, { delimiter: '/', maxKeys: 1000 });
    assert.deepEqual(root.commonPrefixes, ['2026/', 'errors/']);
    assert.deepEqual(keysOf(root), ['top', 'z', 'é']);
    const day = listPage(KEYS, { prefix: '2026/11/', delimiter: '/', maxKeys: 1000 });
    assert.deepEqual(day.commonPrefixes, ['2026/11/21/', '2026/11/22/']);
    assert.deepEqual(keysOf(day), []);
    const hour = listPage(KEYS, { prefix: '2026/11/21/2', delimiter: '/', maxKeys: 1000 });
    assert.deepEqual(hour.commonPrefixes, ['2026/11/21/22/', '2026/11/21/23/']);
  });

  it('counts a common prefix once towards max-keys and resumes after it', () => {
    const first = listPage(KEYS, { delimiter: '/', maxKeys: 1 });
    assert.deepEqual(first.commonPrefixes, ['2026/']);
    assert.equal(first.isTruncated, true);
    const second = listPage(KEYS, { delimiter: '/', maxKeys: 2, after: first.last });
    assert.deepEqual(second.commonPrefixes, ['errors/']);
    assert.deepEqual(keysOf(second), ['top']);
    const rest = listPage(KEYS, { delimiter: '/', maxKeys: 10, after: second.last });
    assert.deepEqual(keysOf(rest), ['z', 'é']);
    assert.equal(rest.isTruncated, false);
  });

  it('pages through keys without a delimiter', () => {
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = listPage(KEYS, { prefix: '2026/', maxKeys: 2, after });
      seen.push(...keysOf(page));
      if (!page.isTruncated) break;
      after = page.last;
    }
    assert.deepEqual(seen, ['2026/11/21/22/a', '2026/11/21/23/b', '2026/11/22/00/c']);
  });
});
