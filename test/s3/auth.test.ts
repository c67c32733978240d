/** `--auth`: S3 requests must carry a valid SigV4 signature (header, presigned URL, streaming uploads). */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Readable } from 'node:stream';
import { awsCli, boto3, startTestServer, TEST_CREDENTIALS, TEST_REGION, type TestServer } from '../helpers/freshet.js';
import { rawRequest } from '../helpers/raw-http.js';
import { boto3S3, s3Client } from './support.js';

let server: TestServer;
let s3: S3Client;

before(async () => {
  server = await startTestServer({ auth: true, accessKeys: [{ ...TEST_CREDENTIALS, accountId: '123456789012' }] });
  s3 = s3Client(server.endpoint);
});
after(async () => {
  s3.destroy();
  await server.stop();
});

describe('S3 with signature verification', () => {
  it('accepts correctly signed requests: plain and streamed bodies, listings with query parameters, boto3 and the CLI', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'signed' }));
    await s3.send(new PutObjectCommand({ Bucket: 'signed', Key: 'a b/c+d.txt', Body: 'plain' }));
    await s3.send(new PutObjectCommand({ Bucket: 'signed', Key: 'streamed', Body: Readable.from([Buffer.from('chunked')]), ContentLength: 7 }));
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: 'signed', Prefix: 'a b/', Delimiter: '/', MaxKeys: 5 }));
    assert.deepEqual(listed.Contents?.map((c) => c.Key), ['a b/c+d.txt']);
    assert.equal(await (await s3.send(new GetObjectCommand({ Bucket: 'signed', Key: 'streamed' }))).Body!.transformToString(), 'chunked');
    const py = await boto3(server.endpoint, boto3S3(server.endpoint).replace("'secret'", JSON.stringify(TEST_CREDENTIALS.secretAccessKey)) + `
s3.put_object(Bucket='signed', Key='py/x.txt', Body=b'from boto3')
print(json.dumps([c['Key'] for c in s3.list_objects_v2(Bucket='signed', Prefix='py/')['Contents']]))
`);
    assert.deepEqual(py.json(), ['py/x.txt']);
    assert.match((await awsCli(server.endpoint, ['s3', 'ls', 's3://signed/', '--recursive'])).stdout, /py\/x\.txt/);
  });

  it('serves presigned URLs: the CLI\'s SigV2 ones and boto3\'s SigV4 ones, and refuses them once tampered with', async () => {
    const v2 = (await awsCli(server.endpoint, ['s3', 'presign', 's3://signed/py/x.txt'])).stdout.trim();
    assert.match(v2, /[?&]AWSAccessKeyId=/);
    const py = await boto3(server.endpoint, boto3S3(server.endpoint).replace("'secret'", JSON.stringify(TEST_CREDENTIALS.secretAccessKey)) + `
from botocore.config import Config as C
s3v4 = boto3.client('s3', endpoint_url=${JSON.stringify(server.endpoint)}, region_name='us-east-1', aws_access_key_id=${JSON.stringify(TEST_CREDENTIALS.accessKeyId)}, aws_secret_access_key=${JSON.stringify(TEST_CREDENTIALS.secretAccessKey)}, config=C(signature_version='s3v4'))
print(s3v4.generate_presigned_url('get_object', Params={'Bucket': 'signed', 'Key': 'py/x.txt'}, ExpiresIn=300))
`);
    const v4 = py.stdout.trim();
    assert.match(v4, /X-Amz-Signature=/);
    for (const url of [v2, v4]) {
      const ok = await fetch(url);
      assert.equal(ok.status, 200, url);
      assert.equal(await ok.text(), 'from boto3');
      const tampered = await fetch(url.replace('/py/x.txt', '/py/y.txt'));
      assert.equal(tampered.status, 403);
      assert.match(await tampered.text(), /<Code>SignatureDoesNotMatch<\/Code>/);
    }
  });

  it('refuses a wrong secret, an unknown key and unsigned requests with S3 errors', async () => {
    const wrong = new S3Client({ endpoint: server.endpoint, region: TEST_REGION, forcePathStyle: true, maxAttempts: 1, credentials: { ...TEST_CREDENTIALS, secretAccessKey: 'wrong' } });
    const unknown = new S3Client({ endpoint: server.endpoint, region: TEST_REGION, forcePathStyle: true, maxAttempts: 1, credentials: { accessKeyId: 'AKIDUNKNOWN', secretAccessKey: 'x' } });
    try {
      await assert.rejects(wrong.send(new GetObjectCommand({ Bucket: 'signed', Key: 'streamed' })), (err: any) => err.name === 'SignatureDoesNotMatch' && err.$metadata.httpStatusCode === 403);
      await assert.rejects(unknown.send(new GetObjectCommand({ Bucket: 'signed', Key: 'streamed' })), (err: any) => err.name === 'InvalidAccessKeyId' && err.$metadata.httpStatusCode === 403);
    } finally {
      wrong.destroy();
      unknown.destroy();
    }
    const anonymous = await rawRequest({ endpoint: server.endpoint, method: 'GET', path: '/signed/streamed' });
    assert.equal(anonymous.status, 403);
    assert.match(anonymous.text, /<Code>AccessDenied<\/Code>/);
  });
});
