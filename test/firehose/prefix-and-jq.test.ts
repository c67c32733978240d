/** Unit tests: prefix rules and evaluation, DateTimeFormatter patterns, the jq path subset and KPL records. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateErrorPrefix, evaluatePrefix, prefixProblem } from '../../src/firehose/delivery/prefix.js';
import { formatTimestamp } from '../../src/firehose/delivery/timestamp-format.js';
import { isKnownTimeZone, wallClock } from '../../src/firehose/delivery/time-zone.js';
import { parseQuery, runQuery } from '../../src/firehose/delivery/jq-path.js';
import { aggregate, deaggregate, isAggregated } from '../../src/firehose/delivery/kpl-aggregation.js';

const AT = new Date(Date.UTC(2026, 10, 21, 22, 5, 13, 42));

describe('S3 prefixes', () => {
  it('appends yyyy/MM/dd/HH/ to a plain prefix as it is, with no slash added', () => {
    assert.equal(evaluatePrefix('my/', { timestamp: AT }), 'my/2026/11/21/22/');
    assert.equal(evaluatePrefix('logs', { timestamp: AT }), 'logs2026/11/21/22/');
    assert.equal(evaluatePrefix(undefined, { timestamp: AT }), '2026/11/21/22/');
  });

  it('evaluates expressions, with quoted literals in timestamp patterns', () => {
    assert.equal(evaluatePrefix("dt=!{timestamp:yyyy'-'MM'-'dd}/h=!{timestamp:HH}/", { timestamp: AT }), 'dt=2026-11-21/h=22/');
    assert.match(evaluatePrefix('!{firehose:random-string}/x/', { timestamp: AT }), /^[A-Za-z0-9]{11}\/x\/$/);
    assert.equal(
      evaluatePrefix('c=!{partitionKeyFromQuery:c}/l=!{partitionKeyFromLambda:l}/', { timestamp: AT, partitionKeys: { query: { c: 'acme' }, lambda: { l: 'eu' } } }),
      'c=acme/l=eu/',
    );
  });

  it('lays out error prefixes', () => {
    assert.equal(evaluateErrorPrefix(undefined, { timestamp: AT, errorOutputType: 'processing-failed' }), 'processing-failed/2026/11/21/22/');
    assert.equal(evaluateErrorPrefix('err/', { timestamp: AT, errorOutputType: 'processing-failed' }), 'err/processing-failed/2026/11/21/22/');
    assert.equal(
      evaluateErrorPrefix('e/!{firehose:error-output-type}/!{timestamp:yyyy}/', { timestamp: AT, errorOutputType: 'http-endpoint-failed' }),
      'e/http-endpoint-failed/2026/',
    );
  });

  it('enforces the rules AWS enforces', () => {
    assert.equal(prefixProblem('a/', undefined, false), undefined);
    assert.equal(prefixProblem('a/!{timestamp:yyyy}/', 'e/!{firehose:error-output-type}/', false), undefined);
    assert.match(prefixProblem('a/!{timestamp:yyyy}/', undefined, false)!, /ErrorOutputPrefix cannot be null or empty/);
    assert.match(prefixProblem('a/!{timestamp:yyyy}/', 'e/!{timestamp:yyyy}/', false)!, /must contain !\{firehose:error-output-type\}/);
    assert.match(prefixProblem('a/!{firehose:error-output-type}/', 'e/', false)!, /not allowed in Prefix/);
    assert.match(prefixProblem('a/!{nope:x}/', 'e/', false)!, /Invalid expression/);
    assert.match(prefixProblem('a/!{timestamp:yyyy', 'e/', false)!, /Invalid expression/);
    assert.match(prefixProblem('a/!{partitionKeyFromQuery:k}/', 'e/', false)!, /Dynamic partitioning must be enabled/);
    assert.match(prefixProblem('a/', 'e/!{partitionKeyFromQuery:k}/', false)!, /not allowed in ErrorOutputPrefix/);
    assert.match(prefixProblem('a/', 'e/', true)!, /partitionKeyFromQuery/);
    assert.match(prefixProblem('a/!{timestamp:yyyy-ZZ}/', 'e/!{firehose:error-output-type}', false)!, /invalid timestamp pattern/);
  });

  it('formats the DateTimeFormatter fields Firehose prefixes use', () => {
    assert.equal(formatTimestamp('yyyy-MM-dd-HH-mm-ss', AT), '2026-11-21-22-05-13');
    assert.equal(formatTimestamp("yy'/'M'/'d HH:mm:ss.SSS", AT), '26/11/21 22:05:13.042');
    assert.equal(formatTimestamp("'it''s' yyyy", AT), "it's 2026");
  });

  it('reads the clock of CustomTimeZone', () => {
    assert.equal(evaluatePrefix('p/', { timestamp: wallClock(AT, 'Asia/Tokyo') }), 'p/2026/11/22/07/');
    assert.equal(evaluatePrefix('p/', { timestamp: wallClock(AT, 'America/New_York') }), 'p/2026/11/21/17/');
    assert.equal(wallClock(AT, undefined), AT);
    assert.equal(isKnownTimeZone('Europe/Amsterdam'), true);
    assert.equal(isKnownTimeZone('Mars/Olympus'), false);
  });
});

describe('jq path subset', () => {
  it('extracts keys from nested objects and arrays', () => {
    const q = parseQuery('{customer_id: .customer.id, "first item": .items[0].sku, last: .items[-1].sku, odd: .["a b"], n: .n, ok: .ok}');
    assert.deepEqual(runQuery(q, { customer: { id: 'c1' }, items: [{ sku: 's1' }, { sku: 's2' }], 'a b': 'x', n: 3, ok: true }), {
      customer_id: 'c1',
      'first item': 's1',
      last: 's2',
      odd: 'x',
      n: '3',
      ok: 'true',
    });
  });

  it('fails a record whose key is missing or not a scalar, and refuses unsupported jq', () => {
    const q = parseQuery('{k: .a.b}');
    assert.throws(() => runQuery(q, { a: {} }), /null/);
    assert.throws(() => runQuery(q, { a: { b: { c: 1 } } }), /object/);
    assert.throws(() => parseQuery('{h: .ts | strftime("%H")}'), /unsupported|expected/);
    assert.throws(() => parseQuery('.a'), /expected '\{'/);
  });
});

describe('KPL aggregated records', () => {
  it('splits an aggregated record into its user records, and leaves others alone', () => {
    const users = [
      { data: Buffer.from('one'), partitionKey: 'a' },
      { data: Buffer.from('two'), partitionKey: 'b' },
      { data: Buffer.from(''), partitionKey: 'a' },
    ];
    const agg = aggregate(users);
    assert.ok(isAggregated(agg));
    assert.deepEqual(
      deaggregate(agg).map((u) => [u.data.toString(), u.partitionKey]),
      [['one', 'a'], ['two', 'b'], ['', 'a']],
    );
    const corrupt = Buffer.from(agg);
    corrupt[corrupt.length - 1] ^= 1;
    assert.deepEqual(deaggregate(corrupt).map((u) => u.data), [corrupt]);
    assert.deepEqual(deaggregate(Buffer.from('plain')).map((u) => u.data.toString()), ['plain']);
  });
});
