/** The validation framework on its own: blob and timestamp normalisation per protocol, and message details. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AwsError } from '../../src/server/service.js';
import { validateInput, type ActionValidation } from '../../src/kinesis/validations/framework.js';

const blobs: ActionValidation = {
  types: { Data: { type: 'Blob', notNull: true, lengthLessThanOrEqual: 3 }, At: { type: 'Timestamp' } },
};

function fails(input: unknown, type: string, message: string, protocol: 'json' | 'cbor' = 'json'): void {
  assert.throws(
    () => validateInput(input, blobs, protocol),
    (e: unknown) => {
      assert.ok(e instanceof AwsError);
      assert.equal(e.type, type);
      assert.equal(e.message, message);
      assert.equal(e.messageKey, type === 'SerializationException' ? 'Message' : 'message');
      return true;
    },
  );
}

describe('blobs', () => {
  it('decodes JSON base64 and keeps CBOR bytes', () => {
    assert.deepEqual(validateInput({ Data: 'YWI=' }, blobs, 'json').Data, Buffer.from('ab'));
    assert.deepEqual(validateInput({ Data: new Uint8Array([1, 2]) }, blobs, 'cbor').Data, Buffer.from([1, 2]));
  });

  it('rejects malformed base64 with AWS texts', () => {
    fails({ Data: '23456' }, 'SerializationException', "'23456' can not be converted to a Blob: Base64 encoded length is expected a multiple of 4 bytes but found: 5");
    fails({ Data: '=+/=' }, 'SerializationException', "'=+/=' can not be converted to a Blob: Invalid Base64 character: '='");
    fails({ Data: '+/+=' }, 'SerializationException', "'+/+=' can not be converted to a Blob: Invalid last non-pad Base64 character dectected");
    fails({ Data: true }, 'SerializationException', 'class java.lang.Boolean can not be converted to a Blob');
  });

  it('measures decoded length and prints blobs as Java byte buffers', () => {
    fails(
      { Data: 'YWJjZA==' },
      'ValidationException',
      "1 validation error detected: Value 'java.nio.HeapByteBuffer[pos=0 lim=4 cap=4]' at 'data' failed to satisfy constraint: Member must have length less than or equal to 3",
    );
  });
});

describe('timestamps', () => {
  it('reads JSON epoch seconds and CBOR epoch milliseconds or Dates', () => {
    assert.equal(validateInput({ Data: '', At: 1700000000.5 }, blobs, 'json').At.getTime(), 1700000000500);
    assert.equal(validateInput({ Data: new Uint8Array(), At: 1700000000500 }, blobs, 'cbor').At.getTime(), 1700000000500);
    const d = new Date(1700000000123);
    assert.equal(validateInput({ Data: new Uint8Array(), At: d }, blobs, 'cbor').At, d);
    fails({ Data: '', At: true }, 'SerializationException', 'class java.lang.Boolean can not be converted to milliseconds since epoch');
  });
});

describe('maps and lists', () => {
  const tags: ActionValidation = {
    types: { Tags: { type: 'Map', children: { type: 'String', lengthLessThanOrEqual: 1 } } },
  };
  it('reports map members in reverse order with their key in the path', () => {
    assert.throws(
      () => validateInput({ Tags: { a: 'xx', b: 'yy' } }, tags, 'json'),
      {
        message:
          "2 validation errors detected: Value 'yy' at 'tags.b.member' failed to satisfy constraint: Member must have length less than or equal to 1; " +
          "Value 'xx' at 'tags.a.member' failed to satisfy constraint: Member must have length less than or equal to 1",
      },
    );
  });
  it('treats a non-object body as empty', () => {
    assert.deepEqual(validateInput('nonsense', { types: {} }, 'json'), {});
  });
});
