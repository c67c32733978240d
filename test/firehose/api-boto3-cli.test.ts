/** The Firehose API through boto3 and the AWS CLI: the calls scripts make, and the errors they print. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { awsCli, boto3, type TestServer } from '../helpers/freshet.js';
import { eventually, listObjects, ROLE_ARN, startFirehoseServer } from './support.js';

describe('Firehose through boto3 and the AWS CLI', () => {
  let server: TestServer;

  before(async () => {
    server = await startFirehoseServer();
  });
  after(async () => {
    await server.stop();
  });

  it('boto3: create, wait for ACTIVE, put records and see them in S3', async () => {
    const code = `
import time
fh = boto3.client('firehose', endpoint_url=kinesis.meta.endpoint_url, region_name='us-east-1',
    aws_access_key_id='AKIDFRESHETTEST', aws_secret_access_key='freshet-test-secret', config=Config(retries={'max_attempts': 1}))
arn = fh.create_delivery_stream(DeliveryStreamName='py-stream', DeliveryStreamType='DirectPut',
    ExtendedS3DestinationConfiguration={'RoleARN': ${JSON.stringify(ROLE_ARN)}, 'BucketARN': 'arn:aws:s3:::py-bucket',
        'Prefix': 'py/', 'BufferingHints': {'SizeInMBs': 1, 'IntervalInSeconds': 0}})['DeliveryStreamARN']
for _ in range(200):
    status = fh.describe_delivery_stream(DeliveryStreamName='py-stream')['DeliveryStreamDescription']['DeliveryStreamStatus']
    if status == 'ACTIVE': break
    time.sleep(0.05)
one = fh.put_record(DeliveryStreamName='py-stream', Record={'Data': b'one\\n'})
batch = fh.put_record_batch(DeliveryStreamName='py-stream', Records=[{'Data': b'two\\n'}, {'Data': b'three\\n'}])
try:
    fh.describe_delivery_stream(DeliveryStreamName='missing')
    err = None
except fh.exceptions.ResourceNotFoundException as e:
    err = e.response['Error']
names = fh.list_delivery_streams()['DeliveryStreamNames']
print(json.dumps({'arn': arn, 'status': status, 'recordId': bool(one['RecordId']), 'failed': batch['FailedPutCount'],
    'responses': len(batch['RequestResponses']), 'err': err, 'names': names}))
`;
    const out = (await boto3(server.endpoint, code)).json();
    assert.equal(out.arn, 'arn:aws:firehose:us-east-1:000000000000:deliverystream/py-stream');
    assert.equal(out.status, 'ACTIVE');
    assert.equal(out.recordId, true);
    assert.equal(out.failed, 0);
    assert.equal(out.responses, 2);
    assert.deepEqual(out.err, { Code: 'ResourceNotFoundException', Message: 'Firehose missing under account 000000000000 not found.' });
    assert.deepEqual(out.names, ['py-stream']);
    const lines = await eventually(async () => {
      const got = (await listObjects(server.dataDir, 'py-bucket', 'py/')).flatMap((o) => o.body.toString().split('\n').filter(Boolean));
      return got.length >= 3 ? got : undefined;
    });
    assert.deepEqual(lines.sort(), ['one', 'three', 'two']);
  });

  it('aws firehose: create, describe, update-destination with a stale version, errors', async () => {
    const created = await awsCli(server.endpoint, [
      'firehose',
      'create-delivery-stream',
      '--delivery-stream-name',
      'cli-stream',
      '--s3-destination-configuration',
      JSON.stringify({ RoleARN: ROLE_ARN, BucketARN: 'arn:aws:s3:::cli-bucket' }),
    ]);
    assert.equal(created.json().DeliveryStreamARN, 'arn:aws:firehose:us-east-1:000000000000:deliverystream/cli-stream');
    const described = (await awsCli(server.endpoint, ['firehose', 'describe-delivery-stream', '--delivery-stream-name', 'cli-stream'])).json();
    const s3 = described.DeliveryStreamDescription.Destinations[0].S3DestinationDescription;
    assert.deepEqual(s3.BufferingHints, { SizeInMBs: 5, IntervalInSeconds: 300 });
    assert.equal(s3.CompressionFormat, 'UNCOMPRESSED');

    await assert.rejects(
      awsCli(server.endpoint, [
        'firehose',
        'update-destination',
        '--delivery-stream-name',
        'cli-stream',
        '--current-delivery-stream-version-id',
        '5',
        '--destination-id',
        'destinationId-000000000001',
        '--extended-s3-destination-update',
        JSON.stringify({ Prefix: 'x/' }),
      ]),
      (err: any) => {
        assert.match(err.stderr, /An error occurred \(ConcurrentModificationException\) when calling the UpdateDestination operation/);
        return true;
      },
    );
    await assert.rejects(
      awsCli(server.endpoint, ['firehose', 'put-record', '--delivery-stream-name', 'nope', '--record', 'Data=aGk=']),
      (err: any) => {
        assert.match(err.stderr, /An error occurred \(ResourceNotFoundException\) when calling the PutRecord operation: Firehose nope under account 000000000000 not found\./);
        return true;
      },
    );
    await assert.rejects(
      awsCli(server.endpoint, ['firehose', 'list-delivery-streams', '--limit', '0']),
      (err: any) => {
        // The CLI checks the model's minimum itself before sending.
        assert.match(err.stderr, /limit|Limit/);
        return true;
      },
    );
  });
});
