/** The aws-chunked decoder: signed chunks, unsigned chunks with checksum trailers, any split of the bytes. */
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { AwsChunkedDecoder } from '../../src/s3/aws-chunked.js';

async function decode(body: string, pieceSize: number): Promise<{ data: string; trailers: Record<string, string> }> {
  const bytes = Buffer.from(body, 'latin1');
  const pieces: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += pieceSize) pieces.push(bytes.subarray(i, i + pieceSize));
  const decoder = new AwsChunkedDecoder();
  const out: Buffer[] = [];
  for await (const chunk of Readable.from(pieces).pipe(decoder)) out.push(chunk as Buffer);
  return { data: Buffer.concat(out).toString('latin1'), trailers: decoder.trailers };
}

const SIG = 'chunk-signature=' + 'ab'.repeat(32);
const SIGNED = `b;${SIG}\r\nline-a\nline\r\n5;${SIG}\r\n-b\n\r\n\r\n0;${SIG}\r\n\r\n`;
const TRAILER = 'e\r\nline-a\nline-b\n\r\n0\r\nx-amz-checksum-crc32:rR4r7A==\r\n\r\n';

describe('aws-chunked bodies', () => {
  for (const size of [1, 3, 7, 1000]) {
    it(`decodes signed chunks split every ${size} bytes`, async () => {
      assert.equal((await decode(SIGNED, size)).data, 'line-a\nline-b\n\r\n');
    });
    it(`decodes unsigned chunks with a checksum trailer split every ${size} bytes`, async () => {
      const out = await decode(TRAILER, size);
      assert.equal(out.data, 'line-a\nline-b\n');
      assert.deepEqual(out.trailers, { 'x-amz-checksum-crc32': 'rR4r7A==' });
    });
  }

  it('refuses a body that stops inside a chunk', async () => {
    await assert.rejects(decode('e\r\nline-a', 4), /terminated unexpectedly/);
  });
});
