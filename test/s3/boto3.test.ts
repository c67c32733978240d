/** The embedded S3 with boto3: put/get, listings with prefix and delimiter, paginators, errors. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { boto3, startTestServer, type TestServer } from '../helpers/freshet.js';
import { boto3S3 } from './support.js';

let server: TestServer;

before(async () => {
  server = await startTestServer();
});
after(() => server.stop());

describe('S3 with boto3', () => {
  it('puts and gets objects and lists them by prefix and delimiter, page by page', async () => {
    const out = await boto3(
      server.endpoint,
      boto3S3(server.endpoint) +
        `
s3.create_bucket(Bucket='py-bucket')
keys = ['logs/2026/11/22/00/a.gz', 'logs/2026/11/22/01/b.gz', 'logs/2026/11/23/00/c.gz', 'errors/x y+z.txt', 'readme']
for k in keys:
    s3.put_object(Bucket='py-bucket', Key=k, Body=k.encode(), ContentType='text/plain', Metadata={'source': 'boto3'})
got = s3.get_object(Bucket='py-bucket', Key='errors/x y+z.txt')
top = s3.list_objects_v2(Bucket='py-bucket', Delimiter='/')
days = s3.list_objects_v2(Bucket='py-bucket', Prefix='logs/2026/11/', Delimiter='/')
pages = [[c['Key'] for c in p.get('Contents', [])] for p in s3.get_paginator('list_objects_v2').paginate(Bucket='py-bucket', PaginationConfig={'PageSize': 2})]
v1 = s3.list_objects(Bucket='py-bucket', Prefix='logs/', Delimiter='/')
print(json.dumps({
  'body': got['Body'].read().decode(), 'type': got['ContentType'], 'meta': got['Metadata'],
  'top': [p['Prefix'] for p in top['CommonPrefixes']], 'topKeys': [c['Key'] for c in top['Contents']],
  'days': [p['Prefix'] for p in days['CommonPrefixes']],
  'pages': pages, 'v1': [p['Prefix'] for p in v1['CommonPrefixes']],
}))
`,
    );
    const r = out.json();
    assert.equal(r.body, 'errors/x y+z.txt');
    assert.equal(r.type, 'text/plain');
    assert.deepEqual(r.meta, { source: 'boto3' });
    assert.deepEqual(r.top, ['errors/', 'logs/']);
    assert.deepEqual(r.topKeys, ['readme']);
    assert.deepEqual(r.days, ['logs/2026/11/22/', 'logs/2026/11/23/']);
    assert.deepEqual(r.pages, [
      ['errors/x y+z.txt', 'logs/2026/11/22/00/a.gz'],
      ['logs/2026/11/22/01/b.gz', 'logs/2026/11/23/00/c.gz'],
      ['readme'],
    ]);
    assert.deepEqual(r.v1, ['logs/2026/']);
  });

  it('raises S3 error codes', async () => {
    const out = await boto3(
      server.endpoint,
      boto3S3(server.endpoint) +
        `
from botocore.exceptions import ClientError
codes = []
for call in [lambda: s3.get_object(Bucket='py-bucket', Key='nope'), lambda: s3.list_objects_v2(Bucket='nope-bucket'), lambda: s3.delete_bucket(Bucket='py-bucket'), lambda: s3.head_object(Bucket='py-bucket', Key='nope')]:
    try:
        call()
        codes.append(None)
    except ClientError as e:
        codes.append([e.response['Error']['Code'], e.response['ResponseMetadata']['HTTPStatusCode']])
print(json.dumps(codes))
`,
    );
    assert.deepEqual(out.json(), [
      ['NoSuchKey', 404],
      ['NoSuchBucket', 404],
      ['BucketNotEmpty', 409],
      ['404', 404],
    ]);
  });
});
