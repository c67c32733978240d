/**
 * The data plane's fast validators against the generic framework: on every input, either the fast validator
 * declines (and the framework words the error) or it returns exactly what the framework returns. Valid requests of
 * every shape must take the fast path.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { WireProtocol } from '../../src/server/service.js';
import { validateInput, type ActionValidation } from '../../src/kinesis/validations/framework.js';
import * as getRecords from '../../src/kinesis/validations/getRecords.js';
import * as putRecord from '../../src/kinesis/validations/putRecord.js';
import * as putRecords from '../../src/kinesis/validations/putRecords.js';

type Fast = (input: unknown, protocol: WireProtocol) => Record<string, any> | undefined;

function generic(input: unknown, validation: ActionValidation, protocol: WireProtocol): Record<string, any> | Error {
  try {
    return validateInput(input, validation, protocol);
  } catch (err) {
    return err as Error;
  }
}

/**
 * Checks one input; returns whether the framework accepted it. `mayDecline`: inputs the framework lets through but
 * no client sends (a null record, a BigInt limit), which the fast path leaves to the framework.
 */
function agree(fast: Fast, validation: ActionValidation, input: unknown, protocol: WireProtocol = 'json', mayDecline = false): boolean {
  const expected = generic(input, validation, protocol);
  const got = fast(input, protocol);
  const shown = JSON.stringify(input, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v))?.slice(0, 200);
  if (expected instanceof Error) {
    assert.equal(got, undefined, `fast path accepted what the framework refuses (${expected.message}): ${shown}`);
    return false;
  }
  if (mayDecline && got === undefined) return true;
  assert.notEqual(got, undefined, `fast path declined a valid request: ${shown}`);
  assert.deepEqual(got, expected, shown);
  assert.deepEqual(Object.keys(got!), Object.keys(expected), shown);
  return true;
}

// Base64 texts around every rule the framework applies (alphabet, length, padding, canonical last character).
const BLOBS: unknown[] = [
  '', 'AA==', 'AB==', 'AAA=', 'AAB=', 'AAAA', 'QQ==', 'QR==', 'QUI=', 'QUJ=', 'QUJD', 'A===', '====', '=AAA', 'AA=A',
  'A', 'AB', 'ABC', 'AB-_', 'ab!d', 'ab d', 'ab\nd', 'aGVsbG8gd29ybGQ=', Buffer.from('x'.repeat(100)).toString('base64'),
  Buffer.alloc(0), Buffer.from([1, 2, 3]), new Uint8Array([4, 5]), 5, true, null, undefined, [], {}, 5n,
];
const KEYS: unknown[] = ['k', 'é', 'x'.repeat(256), 'x'.repeat(257), '', 5, null, undefined, {}, [], true];
const HASH_KEYS: unknown[] = [undefined, null, '0', '1', '01', '340282366920938463463374607431768211455', '1'.repeat(39), '1'.repeat(40), 'x', 5, ''];
const STREAMS: Array<Record<string, unknown>> = [
  { StreamName: 's' },
  { StreamARN: 'arn:aws:kinesis:us-east-1:000000000000:stream/s' },
  { StreamName: 's', StreamARN: 'arn:aws:kinesis:us-east-1:000000000000:stream/s', StreamId: 'id' },
  { StreamName: 's', StreamId: '' },
  {},
  { StreamName: '' },
  { StreamName: 'bad name' },
  { StreamName: 'x'.repeat(129) },
  { StreamName: 5 },
  { StreamARN: 'arn:aws:kinesis:us-east-1:0:stream/s' },
  { StreamName: 's', StreamId: 5 },
  { StreamName: null, StreamARN: null },
];

describe('fast validation agrees with the framework', () => {
  for (const protocol of ['json', 'cbor'] as const) {
    it(`PutRecord (${protocol})`, () => {
      let accepted = 0;
      for (const Data of BLOBS) accepted += Number(agree(putRecord.fastValidate, putRecord.validation, { StreamName: 's', PartitionKey: 'k', Data }, protocol));
      for (const PartitionKey of KEYS) agree(putRecord.fastValidate, putRecord.validation, { StreamName: 's', PartitionKey, Data: 'AA==' }, protocol);
      for (const ExplicitHashKey of HASH_KEYS) agree(putRecord.fastValidate, putRecord.validation, { StreamName: 's', PartitionKey: 'k', Data: '', ExplicitHashKey }, protocol);
      for (const SequenceNumberForOrdering of [undefined, null, '0', '12', '012', 'x', 5, '1'.repeat(130)]) {
        agree(putRecord.fastValidate, putRecord.validation, { StreamName: 's', PartitionKey: 'k', Data: '', SequenceNumberForOrdering }, protocol);
      }
      for (const stream of STREAMS) agree(putRecord.fastValidate, putRecord.validation, { ...stream, PartitionKey: 'k', Data: 'AA==', Extra: 1 }, protocol);
      for (const input of [null, 'x', [], Buffer.alloc(1), new Date(0)]) agree(putRecord.fastValidate, putRecord.validation, input, protocol);
      assert.ok(accepted >= 10);
    });

    it(`PutRecords (${protocol})`, () => {
      const entry = (over: Record<string, unknown> = {}): Record<string, unknown> => ({ PartitionKey: 'k', Data: 'AA==', ...over });
      for (const Data of BLOBS) agree(putRecords.fastValidate, putRecords.validation, { StreamName: 's', Records: [entry(), entry({ Data })] }, protocol);
      for (const PartitionKey of KEYS) agree(putRecords.fastValidate, putRecords.validation, { StreamName: 's', Records: [entry({ PartitionKey })] }, protocol);
      for (const ExplicitHashKey of HASH_KEYS) agree(putRecords.fastValidate, putRecords.validation, { StreamName: 's', Records: [entry({ ExplicitHashKey })] }, protocol);
      for (const stream of STREAMS) agree(putRecords.fastValidate, putRecords.validation, { ...stream, Records: [entry({ Other: 1 })] }, protocol);
      for (const Records of [undefined, null, [], Array.from({ length: 500 }, () => entry()), Array.from({ length: 501 }, () => entry()), [5], [[]], [Buffer.alloc(1)], 'x', {}]) {
        agree(putRecords.fastValidate, putRecords.validation, { StreamName: 's', Records }, protocol);
      }
      agree(putRecords.fastValidate, putRecords.validation, { StreamName: 's', Records: [entry(), null] }, protocol, true);
      const big = Array.from({ length: 500 }, (_, i) => entry({ PartitionKey: `k${i}`, Data: Buffer.alloc(i).toString('base64'), ExplicitHashKey: i % 2 ? String(i) : undefined }));
      assert.ok(agree(putRecords.fastValidate, putRecords.validation, { StreamARN: 'arn:aws:kinesis:us-east-1:000000000000:stream/s', Records: big }, protocol));
    });

    it(`GetRecords (${protocol})`, () => {
      const iterator = 'A'.repeat(200);
      for (const Limit of [undefined, null, 1, 10000, 10001, 0, -1, 2.9, 10000.5, 0.5, 1e12, '5', true, {}, Number.NaN]) {
        agree(getRecords.fastValidate, getRecords.validation, { ShardIterator: iterator, Limit }, protocol);
      }
      agree(getRecords.fastValidate, getRecords.validation, { ShardIterator: iterator, Limit: 5n }, protocol, true);
      for (const ShardIterator of [undefined, null, '', 'x', 'x'.repeat(512), 'x'.repeat(513), 5, {}]) {
        agree(getRecords.fastValidate, getRecords.validation, { ShardIterator }, protocol);
      }
      for (const StreamARN of [undefined, 'arn:aws:kinesis:us-east-1:000000000000:stream/s', 'arn:x', 5]) {
        agree(getRecords.fastValidate, getRecords.validation, { ShardIterator: iterator, StreamARN }, protocol);
      }
    });
  }
});
