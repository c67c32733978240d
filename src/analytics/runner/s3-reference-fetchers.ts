/**
 * Reference data from S3: the embedded S3 store of this Freshet (in-process), or any S3-compatible endpoint through
 * `@aws-sdk/client-s3` (`AnalyticsOptions.s3Endpoint` or FRESHET_ANALYTICS_S3_ENDPOINT; the usual AWS credentials,
 * dummy ones for a local endpoint). A missing object or bucket answers undefined, so the next fetcher is tried.
 */
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { ObjectStore } from '../../s3/index.js';
import { bucketName, type ReferenceFetcher } from './reference-data.js';

const MISSING = new Set(['NoSuchKey', 'NoSuchBucket', 'NotFound']);

export function embeddedS3Fetcher(store: Pick<ObjectStore, 'getObject'>): ReferenceFetcher {
  return {
    async fetch(location) {
      try {
        const { body } = await store.getObject(bucketName(location.BucketARN), location.FileKey);
        return body;
      } catch (err) {
        if (MISSING.has((err as { code?: string }).code ?? '')) return undefined;
        throw err;
      }
    },
  };
}

export function s3EndpointFetcher(endpoint: string, region = process.env['AWS_REGION'] ?? 'us-east-1'): ReferenceFetcher {
  const local = /^https?:\/\/(localhost|127\.|\[::1\])/.test(endpoint);
  const client = new S3Client({
    endpoint,
    region,
    forcePathStyle: true,
    ...(local && !process.env['AWS_ACCESS_KEY_ID'] ? { credentials: { accessKeyId: 'freshet', secretAccessKey: 'freshet' } } : {}),
  });
  return {
    async fetch(location) {
      try {
        const res = await client.send(new GetObjectCommand({ Bucket: bucketName(location.BucketARN), Key: location.FileKey }));
        return await res.Body!.transformToByteArray();
      } catch (err) {
        if (MISSING.has((err as { name?: string }).name ?? '')) return undefined;
        throw err;
      }
    },
  };
}
