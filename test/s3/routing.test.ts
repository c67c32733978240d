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
