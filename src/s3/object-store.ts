/**
 * `createObjectStore(dataDir)`: S3's data model on the local filesystem, shared by the HTTP endpoint and by the
 * services that use S3 in-process (Firehose writes objects, Kinesis Analytics reads reference data).
 *
 * Layout under `<dataDir>/s3/`:
 *  - `<bucket>/<key>`            the object's bytes, a plain file (see key-paths.ts for the few escaped segments);
 *  - `.meta/<bucket>/<key>.json` its metadata (ETag, content type, user metadata…), in a parallel tree so that a
 *                                bucket's folder holds exactly its objects;
 *  - `.buckets/<bucket>.json`    the bucket's creation date and region;
 *  - `.uploads/<uploadId>/`      multipart uploads in progress (multipart.ts); `.tmp/` files being written.
 * A file dropped into a bucket folder by another tool is an object too: its ETag is computed when first asked for.
 * Every write goes to `.tmp/` and is renamed into place.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, readFile, rm, rmdir, stat } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { checkContentMd5, moveIntoPlace, writeJsonAtomically, writeTemp } from './atomic-files.js';
import { invalidArgument, noSuchBucket, noSuchKey, S3Error } from './errors.js';
import { keyToPath, pathToKey, prefixFolder } from './key-paths.js';
import { compareKeys, listPage, type ListQuery } from './listing.js';
import { createMultipartUploads, type MultipartUploads } from './multipart.js';

/** What a client may set on an object and gets back on GET/HEAD. */
export interface ObjectHeaders {
  contentType?: string;
  contentEncoding?: string;
  contentDisposition?: string;
  contentLanguage?: string;
  cacheControl?: string;
  expires?: string;
  /** `x-amz-meta-*` without the prefix, names lower-cased as S3 keeps them. */
  metadata?: Record<string, string>;
  /** Checksums the client sent (`crc32` → base64), echoed back. */
  checksums?: Record<string, string>;
}

export interface ObjectInfo extends ObjectHeaders {
  key: string;
  size: number;
  /** Quoted, as S3 sends it: `"<md5 hex>"`, or `"<md5 of the parts' md5s>-<parts>"` for multipart uploads. */
  etag: string;
  lastModified: Date;
  metadata: Record<string, string>;
  partsCount?: number;
}

export interface BucketInfo {
  name: string;
  creationDate: Date;
  region: string;
}

export interface ListResult {
  contents: ObjectInfo[];
  commonPrefixes: string[];
  isTruncated: boolean;
  /** Resume after this (a key or a common prefix) to read the next page. */
  nextAfter?: string;
}

export interface ByteRange {
  start: number;
  /** Inclusive. */
  end: number;
}

export type PutBody = Readable | Uint8Array | string;

export interface ObjectStore {
  /** `<dataDir>/s3` */
  readonly root: string;
  createBucket(bucket: string, region?: string): Promise<void>;
  /** Throws NoSuchBucket. */
  headBucket(bucket: string): Promise<BucketInfo>;
  /** Throws NoSuchBucket, BucketNotEmpty. */
  deleteBucket(bucket: string): Promise<void>;
  listBuckets(): Promise<BucketInfo[]>;
  /**
   * Stores `body` as the object. `headers` may be a function, called once the body has been read: checksums sent
   * as trailers of an aws-chunked body are only known then.
   */
  putObject(
    bucket: string,
    key: string,
    body: PutBody,
    headers?: ObjectHeaders | (() => ObjectHeaders),
    options?: { contentMd5?: string },
  ): Promise<ObjectInfo>;
  /** The whole object in memory: for small objects (reference data, tests). */
  getObject(bucket: string, key: string): Promise<{ info: ObjectInfo; body: Buffer }>;
  /** The object (or a byte range of it) as a stream. */
  openObject(bucket: string, key: string, range?: ByteRange): Promise<{ info: ObjectInfo; stream: Readable }>;
  headObject(bucket: string, key: string): Promise<ObjectInfo>;
  /** Deleting a missing key is not an error (as in S3). */
  deleteObject(bucket: string, key: string): Promise<void>;
  /** `headers` replaces the metadata (REPLACE); without it the source's is kept (COPY). */
  copyObject(srcBucket: string, srcKey: string, bucket: string, key: string, headers?: ObjectHeaders): Promise<ObjectInfo>;
  listObjects(bucket: string, query: ListQuery): Promise<ListResult>;
  readonly multipart: MultipartUploads;
}

const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export function validateBucketName(bucket: string): void {
  if (!BUCKET_NAME.test(bucket) || bucket.includes('..') || /^\d+\.\d+\.\d+\.\d+$/.test(bucket)) {
    throw new S3Error('InvalidBucketName', 'The specified bucket is not valid.', 400, { BucketName: bucket });
  }
}

interface StoredMeta extends ObjectHeaders {
  etag: string;
  size: number;
  lastModified: string;
  partsCount?: number;
}

export function createObjectStore(dataDir: string): ObjectStore {
  const root = join(dataDir, 's3');
  const bucketDir = (bucket: string): string => join(root, bucket);
  const bucketMetaFile = (bucket: string): string => join(root, '.buckets', `${bucket}.json`);
  const objectFile = (bucket: string, key: string): string => join(root, bucket, keyToPath(key));
  const metaFile = (bucket: string, key: string): string => join(root, '.meta', bucket, `${keyToPath(key)}.json`);

  async function headBucket(bucket: string): Promise<BucketInfo> {
    let created: Date;
    try {
      const s = await stat(bucketDir(bucket));
      if (!s.isDirectory() || bucket.startsWith('.')) throw noSuchBucket(bucket);
      created = s.birthtimeMs > 0 ? s.birthtime : s.mtime;
    } catch (err) {
      if (err instanceof S3Error) throw err;
      throw noSuchBucket(bucket);
    }
    const saved = await readJson<{ creationDate: string; region: string }>(bucketMetaFile(bucket));
    return { name: bucket, creationDate: saved ? new Date(saved.creationDate) : created, region: saved?.region ?? 'us-east-1' };
  }

  async function readMeta(bucket: string, key: string): Promise<ObjectInfo> {
    const file = objectFile(bucket, key);
    let s;
    try {
      s = await stat(file);
    } catch {
      await headBucket(bucket);
      throw noSuchKey(key);
    }
    if (!s.isFile()) throw noSuchKey(key);
    const saved = await readJson<StoredMeta>(metaFile(bucket, key));
    // Metadata that no longer describes the file (another tool rewrote it) is recomputed.
    if (saved && saved.size === s.size && Math.abs(Date.parse(saved.lastModified) - s.mtimeMs) < 2000) {
      return { ...saved, key, lastModified: new Date(saved.lastModified), metadata: saved.metadata ?? {} };
    }
    return { key, size: s.size, etag: `"${await md5OfFile(file)}"`, lastModified: s.mtime, metadata: {} };
  }

  async function commitObject(bucket: string, key: string, temp: string, meta: StoredMeta): Promise<ObjectInfo> {
    const target = objectFile(bucket, key);
    try {
      await moveIntoPlace(temp, target);
    } catch (err) {
      await rm(temp, { force: true });
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOTDIR' || code === 'EISDIR' || code === 'EEXIST' || code === 'ENOTEMPTY') {
        throw invalidArgument('Objects are files here: this key cannot be both an object and a folder of other objects.', 'Key', key);
      }
      if (code === 'ENAMETOOLONG') throw new S3Error('KeyTooLongError', 'Your key is too long', 400);
      throw err;
    }
    const s = await stat(target);
    const stored = { ...meta, lastModified: s.mtime.toISOString() };
    await writeJsonAtomically(root, metaFile(bucket, key), stored);
    return { ...stored, key, lastModified: s.mtime, metadata: stored.metadata ?? {} };
  }

  /** Removes folders left empty by a delete, up to (not including) `stop`. */
  async function pruneEmptyFolders(from: string, stop: string): Promise<void> {
    for (let dir = from; dir.startsWith(stop + sep); dir = dirname(dir)) {
      try {
        await rmdir(dir);
      } catch {
        return;
      }
    }
  }

  const multipart = createMultipartUploads(root, {
    headBucket,
    checkKey,
    commit: (bucket, key, temp, meta) => commitObject(bucket, key, temp, { ...meta, lastModified: '' }),
  });

  return {
    root,
    multipart,
    async createBucket(bucket, region = 'us-east-1') {
      validateBucketName(bucket);
      try {
        await mkdir(root, { recursive: true });
        await mkdir(bucketDir(bucket));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
          throw new S3Error(
            'BucketAlreadyOwnedByYou',
            'Your previous request to create the named bucket succeeded and you already own it.',
            409,
            { BucketName: bucket },
          );
        }
        throw err;
      }
      await writeJsonAtomically(root, bucketMetaFile(bucket), { creationDate: new Date().toISOString(), region });
    },
    headBucket,
    async deleteBucket(bucket) {
      await headBucket(bucket);
      if ((await walk(bucketDir(bucket), '')).length > 0) {
        throw new S3Error('BucketNotEmpty', 'The bucket you tried to delete is not empty', 409, { BucketName: bucket });
      }
      await multipart.abortAll(bucket);
      await rm(bucketDir(bucket), { recursive: true, force: true });
      await rm(join(root, '.meta', bucket), { recursive: true, force: true });
      await rm(bucketMetaFile(bucket), { force: true });
    },
    async listBuckets() {
      let names: string[];
      try {
        names = (await readdir(root, { withFileTypes: true })).filter((d) => d.isDirectory() && !d.name.startsWith('.')).map((d) => d.name);
      } catch {
        return [];
      }
      const buckets = await Promise.all(names.sort().map((n) => headBucket(n).catch(() => undefined)));
      return buckets.filter((b): b is BucketInfo => b !== undefined);
    },
    async putObject(bucket, key, body, headers = {}, options = {}) {
      await headBucket(bucket);
      checkKey(key);
      const written = await writeTemp(root, body);
      await checkContentMd5(written, options.contentMd5);
      return commitObject(bucket, key, written.path, {
        ...(typeof headers === 'function' ? headers() : headers),
        etag: `"${written.md5.toString('hex')}"`,
        size: written.size,
        lastModified: '',
      });
    },
    async getObject(bucket, key) {
      const info = await readMeta(bucket, key);
      return { info, body: await readFile(objectFile(bucket, key)) };
    },
    async openObject(bucket, key, range) {
      const info = await readMeta(bucket, key);
      const stream = createReadStream(objectFile(bucket, key), range ? { start: range.start, end: range.end } : {});
      return { info, stream };
    },
    headObject: readMeta,
    async deleteObject(bucket, key) {
      await headBucket(bucket);
      const file = objectFile(bucket, key);
      const meta = metaFile(bucket, key);
      try {
        if ((await stat(file)).isDirectory()) return;
      } catch {
        return;
      }
      await rm(file, { force: true });
      await rm(meta, { force: true });
      await pruneEmptyFolders(dirname(file), bucketDir(bucket));
      await pruneEmptyFolders(dirname(meta), join(root, '.meta', bucket));
    },
    async copyObject(srcBucket, srcKey, bucket, key, headers) {
      const source = await readMeta(srcBucket, srcKey);
      await headBucket(bucket);
      checkKey(key);
      const written = await writeTemp(root, createReadStream(objectFile(srcBucket, srcKey)));
      const kept: ObjectHeaders = headers ?? {
        contentType: source.contentType,
        contentEncoding: source.contentEncoding,
        contentDisposition: source.contentDisposition,
        contentLanguage: source.contentLanguage,
        cacheControl: source.cacheControl,
        expires: source.expires,
        metadata: source.metadata,
        checksums: source.partsCount ? undefined : source.checksums,
      };
      // A copy is one whole object again: its ETag is the MD5 of its bytes even when the source was multipart.
      return commitObject(bucket, key, written.path, { ...kept, etag: `"${written.md5.toString('hex')}"`, size: written.size, lastModified: '' });
    },
    async listObjects(bucket, query) {
      await headBucket(bucket);
      const prefix = query.prefix ?? '';
      const start = prefixFolder(prefix);
      const keys = (await walk(join(bucketDir(bucket), start), start)).map(pathToKey).sort(compareKeys);
      const page = listPage(
        keys.map((key) => ({ key })),
        query,
      );
      const contents = await Promise.all(page.contents.map((e) => readMeta(bucket, e.key)));
      return { contents, commonPrefixes: page.commonPrefixes, isTruncated: page.isTruncated, nextAfter: page.isTruncated ? page.last : undefined };
    },
  };
}

function checkKey(key: string): void {
  if (key.length === 0) throw invalidArgument('Key must not be empty', 'Key', key);
  if (Buffer.byteLength(key) > 1024) throw new S3Error('KeyTooLongError', 'Your key is too long', 400);
}

/** Relative paths (with `/`) of every file under `dir`, prefixed by `base`. */
async function walk(dir: string, base: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const e of entries) {
    const rel = base ? `${base}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await walk(join(dir, e.name), rel)));
    else if (e.isFile()) out.push(rel);
  }
  return out;
}

async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

async function md5OfFile(file: string): Promise<string> {
  const hash = createHash('md5');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

