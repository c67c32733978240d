/** Clients for the S3 tests: SDK v3 path-style on the test server, and the boto3 s3 client prelude. */
import { S3Client } from '@aws-sdk/client-s3';
import { TEST_CREDENTIALS, TEST_REGION } from '../helpers/freshet.js';

export function s3Client(endpoint: string, region = TEST_REGION): S3Client {
  return new S3Client({ endpoint, region, credentials: TEST_CREDENTIALS, forcePathStyle: true, maxAttempts: 1 });
}

/** Python lines binding `s3` to a boto3 client for the endpoint (run through the boto3 helper). */
export function boto3S3(endpoint: string, region = TEST_REGION): string {
  return `s3 = boto3.client('s3', endpoint_url=${JSON.stringify(endpoint)}, region_name=${JSON.stringify(region)}, aws_access_key_id='AKIDFRESHETTEST', aws_secret_access_key='secret', config=Config(retries={'max_attempts': 1}))\n`;
}
