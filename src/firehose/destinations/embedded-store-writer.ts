/**
 * Objects into Freshet's embedded S3 (src/s3/), the default for every bucket ARN. A bucket that does not exist yet
 * is created on the first delivery (AWS would keep retrying until someone creates it; locally, creating it is what
 * users want).
 */
import { S3Error, type ObjectStore } from '../../s3/index.js';
import type { ObjectToWrite, ObjectWriter } from './object-writer.js';

export function embeddedStoreWriter(store: ObjectStore): ObjectWriter {
  const put = (o: ObjectToWrite) =>
    store.putObject(o.bucket, o.key, o.body, {
      contentType: 'application/octet-stream',
      ...(o.contentEncoding ? { contentEncoding: o.contentEncoding } : {}),
    });
  return {
    async put(object: ObjectToWrite) {
      try {
        await put(object);
      } catch (err) {
        if (!(err instanceof S3Error) || err.code !== 'NoSuchBucket') throw err;
        await store.createBucket(object.bucket).catch((e: unknown) => {
          if (!(e instanceof S3Error) || !e.code.startsWith('BucketAlready')) throw e;
        });
        await put(object);
      }
    },
  };
}
