/**
 * One port for everything: S3 requests (by credential scope, or unsigned by path) next to the AWS JSON services,
 * whose answers to requests at `/` stay as they were.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ListStreamsCommand } from '@aws-sdk/client-kinesis';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { startTestServer, type TestServer } from '../helpers/freshet.js';
import { rawRequest } from '../helpers/raw-http.js';
import { s3Client } from './support.js';

let server: TestServer;

before(async () => {
  server = await startTestServer();
});
after(() => server.stop());

describe('S3 on the shared port', () => {
  it('serves S3 and Kinesis clients side by side', async () => {
    const s3 = s3Client(server.endpoint);
    try {
      await s3.send(new CreateBucketCommand({ Bucket: 'shared' }));
      await s3.send(new PutObjectCommand({ Bucket: 'shared', Key: 'public/file.txt', Body: 'anyone', ContentType: 'text/plain' }));
    } finally {
      s3.destroy();
    }
    const kinesis = server.kinesis();
    assert.deepEqual((await kinesis.send(new ListStreamsCommand({}))).StreamNames, []);
  });

  it('decodes a signed aws-chunked upload (STREAMING-AWS4-HMAC-SHA256-PAYLOAD) addressed by its s3 credential scope', async () => {
    const sig = `chunk-signature=${'0'.repeat(64)}`;
    const put = await rawRequest({
      endpoint: server.endpoint,
      method: 'PUT',
      path: '/shared/chunked.txt',
      headers: {
        authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=00',
        'x-amz-date': '20260101T000000Z',
        'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
        'content-encoding': 'aws-chunked',
        'x-amz-decoded-content-length': '11',
        'content-type': 'text/plain',
      },
      body: `6;${sig}\r\nhello \r\n5;${sig}\r\nworld\r\n0;${sig}\r\n\r\n`,
    });
    assert.equal(put.status, 200, put.text);
    assert.equal(put.headers.etag, '"5eb63bbbe01eeed093cb22bb8f5acdc3"', 'the MD5 of the decoded bytes');
    const got = await rawRequest({ endpoint: server.endpoint, method: 'GET', path: '/shared/chunked.txt' });
    assert.equal(got.text, 'hello world');
    assert.equal(got.headers['content-encoding'], undefined, 'aws-chunked is not kept as the object\'s encoding');
  });

  it('answers unsigned path-style requests as S3, and unsigned requests to / as the JSON pipeline', async () => {
    const object = await rawRequest({ endpoint: server.endpoint, method: 'GET', path: '/shared/public/file.txt' });
    assert.equal(object.status, 200);
    assert.equal(object.text, 'anyone');
    assert.equal(object.headers['content-type'], 'text/plain');
    const missing = await rawRequest({ endpoint: server.endpoint, method: 'GET', path: '/shared/nope' });
    assert.equal(missing.status, 404);
    assert.match(missing.text, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<Error><Code>NoSuchKey<\/Code><Message>The specified key does not exist.<\/Message><Key>nope<\/Key><RequestId>[0-9A-F]{16}<\/RequestId>/);
    assert.equal(missing.headers['content-type'], 'application/xml');
    const root = await rawRequest({ endpoint: server.endpoint, method: 'GET' });
    assert.equal(root.status, 403);
    assert.match(root.text, /^<AccessDeniedException>/);
  });
});
