/**
 * Reference data: the object an S3ReferenceDataSource names, loaded whole when the application starts (or when
 * the source is added or updated while it runs). Fetchers are tried in order; the first that knows the source
 * answers. Local files are served now: a FileKey that is a `file://` URL, or `<folder>/<bucket>/<FileKey>` (then
 * `<folder>/<FileKey>`) under the configured reference-data folder. An S3 fetcher (the embedded S3 service) plugs
 * in here as one more `ReferenceFetcher`.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface S3Location {
  BucketARN: string;
  FileKey: string;
}

export interface ReferenceFetcher {
  /** The object's bytes, or undefined when this fetcher does not serve the location. */
  fetch(location: S3Location): Promise<Uint8Array | undefined>;
}

export function bucketName(bucketArn: string): string {
  return bucketArn.replace(/^arn:[^:]*:s3:::/, '');
}

async function readIfExists(path: string): Promise<Uint8Array | undefined> {
  try {
    return await readFile(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw err;
  }
}

export function localFileFetcher(folder?: string): ReferenceFetcher {
  return {
    async fetch(location) {
      if (location.FileKey.startsWith('file://')) return readIfExists(fileURLToPath(location.FileKey));
      if (!folder) return undefined;
      const key = location.FileKey.replace(/^\/+/, '');
      if (key.split('/').includes('..')) return undefined;
      return (await readIfExists(join(folder, bucketName(location.BucketARN), key))) ?? (await readIfExists(join(folder, key)));
    },
  };
}

export async function fetchReference(fetchers: readonly ReferenceFetcher[], location: S3Location): Promise<Uint8Array> {
  for (const f of fetchers) {
    const data = await f.fetch(location);
    if (data) return data;
  }
  throw new Error(`reference data s3://${bucketName(location.BucketARN)}/${location.FileKey} was not found`);
}
