/** Objects to any S3-compatible endpoint (AWS, MinIO, Garage, Ceph RGW…) through `@aws-sdk/client-s3`. */
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { ObjectToWrite, ObjectWriter } from './object-writer.js';

export interface S3EndpointConfig {
  endpoint?: string;
  region?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  /** Path-style addressing (`endpoint/bucket/key`), what most self-hosted S3 servers want (default true with an endpoint). */
  forcePathStyle?: boolean;
}

export function s3ClientWriter(config: S3EndpointConfig): ObjectWriter {
  const client = new S3Client({
    region: config.region ?? 'us-east-1',
    ...(config.endpoint ? { endpoint: config.endpoint, forcePathStyle: config.forcePathStyle ?? true } : {}),
    ...(config.accessKeyId && config.secretAccessKey
      ? { credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey } }
      : {}),
  });
  return {
    async put(object: ObjectToWrite) {
      await client.send(
        new PutObjectCommand({
          Bucket: object.bucket,
          Key: object.key,
          Body: object.body,
          ContentType: 'application/octet-stream',
          ...(object.contentEncoding ? { ContentEncoding: object.contentEncoding } : {}),
        }),
      );
    },
    close: () => client.destroy(),
  };
}
