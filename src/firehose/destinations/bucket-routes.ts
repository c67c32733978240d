/**
 * Which writer a bucket's objects go through. By default every bucket (`arn:aws:s3:::name`) is Freshet's embedded
 * store; server configuration can send a bucket to a plain local folder (a Freshet extension: objects become files
 * `<folder>/<key>`, no bucket folder) or to an S3-compatible endpoint.
 *
 * Configuration: `FirehoseOptions.buckets`, or the environment variable `FRESHET_FIREHOSE_BUCKETS` holding the
 * same JSON, e.g. `{"archive": {"folder": "/srv/archive"}, "lake": {"s3": {"endpoint": "http://minio:9000"}}}`.
 */
import type { ObjectStore } from '../../s3/index.js';
import { embeddedStoreWriter } from './embedded-store-writer.js';
import { folderObjectWriter } from './folder-object-writer.js';
import type { ObjectToWrite, ObjectWriter } from './object-writer.js';
import { s3ClientWriter, type S3EndpointConfig } from './s3-client-writer.js';

export type BucketRoute = { folder: string } | { s3: S3EndpointConfig };

export function bucketRoutesFromEnv(): Record<string, BucketRoute> {
  const raw = process.env['FRESHET_FIREHOSE_BUCKETS'];
  if (!raw) return {};
  try {
    return JSON.parse(raw) as Record<string, BucketRoute>;
  } catch (err) {
    throw new Error(`FRESHET_FIREHOSE_BUCKETS is not valid JSON: ${(err as Error).message}`);
  }
}

/** One writer that dispatches each object by its bucket. */
export function routedObjectWriter(store: ObjectStore, routes: Record<string, BucketRoute>): ObjectWriter {
  const embedded = embeddedStoreWriter(store);
  const writers = new Map<string, ObjectWriter>();
  for (const [bucket, route] of Object.entries(routes)) {
    writers.set(bucket, 'folder' in route ? folderObjectWriter(route.folder, { bucketFolders: false }) : s3ClientWriter(route.s3));
  }
  return {
    put: (object: ObjectToWrite) => (writers.get(object.bucket) ?? embedded).put(object),
    close() {
      for (const w of writers.values()) w.close?.();
    },
  };
}
