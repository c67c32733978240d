/** Object-level operations: PutObject, GetObject (ranges, conditions), HeadObject, DeleteObject, CopyObject. */
import { pipeline } from 'node:stream/promises';
import { invalidArgument, S3Error } from './errors.js';
import {
  bodyStream,
  header,
  objectHeadersFrom,
  sendEmpty,
  sendXml,
  sentChecksums,
  setChecksumHeaders,
  setObjectHeaders,
  xmlDate,
  type S3Request,
} from './http-support.js';
import type { ByteRange, ObjectInfo, ObjectStore } from './object-store.js';

export async function putObject(store: ObjectStore, s3: S3Request): Promise<void> {
  const { stream, trailers } = bodyStream(s3);
  const headers = objectHeadersFrom(s3);
  await store.headBucket(s3.bucket);
  // Checksums may arrive as trailers, after the body: they are read once it is.
  const info = await store.putObject(s3.bucket, s3.key, stream, () => ({ ...headers, checksums: sentChecksums(s3, trailers()) }), {
    contentMd5: header(s3, 'content-md5'),
  });
  s3.res.setHeader('ETag', info.etag);
  setChecksumHeaders(s3.res, info.checksums);
  sendEmpty(s3, 200);
}

/** `bytes=a-b`, `bytes=a-`, `bytes=-n`; undefined when the header is absent or not a single byte range (S3 then sends everything). */
export function parseRange(value: string | undefined, size: number): ByteRange | undefined | 'unsatisfiable' {
  const m = value ? /^bytes=(\d*)-(\d*)$/.exec(value.trim()) : null;
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (m[2] !== '' && Number(m[2]) < start) return undefined;
  if (start >= size) return 'unsatisfiable';
  return { start, end };
}

/** If-Match / If-None-Match / If-(Un)Modified-Since: an error to send, 304, or undefined to go on. */
function checkConditions(s3: S3Request, info: ObjectInfo): S3Error | 304 | undefined {
  const ifMatch = header(s3, 'if-match');
  const ifNoneMatch = header(s3, 'if-none-match');
  const ifUnmodified = header(s3, 'if-unmodified-since');
  const ifModified = header(s3, 'if-modified-since');
  const etagIn = (list: string): boolean => list.split(',').some((t) => t.trim() === '*' || t.trim().replace(/^"|"$/g, '') === info.etag.replace(/^"|"$/g, ''));
  const seconds = Math.floor(info.lastModified.getTime() / 1000) * 1000;
  const failed = (condition: string): S3Error =>
    new S3Error('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', 412, { Condition: condition });
  if (ifMatch !== undefined && !etagIn(ifMatch)) return failed('If-Match');
  if (ifMatch === undefined && ifUnmodified !== undefined && seconds > Date.parse(ifUnmodified)) return failed('If-Unmodified-Since');
  if (ifNoneMatch !== undefined && etagIn(ifNoneMatch)) return 304;
  if (ifNoneMatch === undefined && ifModified !== undefined && seconds <= Date.parse(ifModified)) return 304;
  return undefined;
}

async function getOrHead(store: ObjectStore, s3: S3Request, withBody: boolean): Promise<void> {
  const info = await store.headObject(s3.bucket, s3.key);
  const condition = checkConditions(s3, info);
  if (condition === 304) {
    s3.res.setHeader('ETag', info.etag);
    s3.res.setHeader('Last-Modified', info.lastModified.toUTCString());
    return sendEmpty(s3, 304);
  }
  if (condition) throw condition;
  const rangeHeader = header(s3, 'range');
  const range = parseRange(rangeHeader, info.size);
  if (range === 'unsatisfiable') {
    throw new S3Error('InvalidRange', 'The requested range is not satisfiable', 416, { RangeRequested: rangeHeader!, ActualObjectSize: String(info.size) });
  }
  setObjectHeaders(s3, info);
  // A checksum describes the whole object, so it is only sent with whole-object answers (SDKs validate it).
  if (!range && header(s3, 'x-amz-checksum-mode') === 'ENABLED') setChecksumHeaders(s3.res, info.checksums);
  const length = range ? range.end - range.start + 1 : info.size;
  s3.res.setHeader('Content-Length', length);
  if (range) s3.res.setHeader('Content-Range', `bytes ${range.start}-${range.end}/${info.size}`);
  s3.res.statusCode = range ? 206 : 200;
  if (!withBody || length === 0) {
    s3.res.end();
    return;
  }
  const { stream } = await store.openObject(s3.bucket, s3.key, range);
  await pipeline(stream, s3.res as NodeJS.WritableStream);
}

export const getObject = (store: ObjectStore, s3: S3Request): Promise<void> => getOrHead(store, s3, true);
export const headObject = (store: ObjectStore, s3: S3Request): Promise<void> => getOrHead(store, s3, false);

export async function deleteObject(store: ObjectStore, s3: S3Request): Promise<void> {
  await store.deleteObject(s3.bucket, s3.key);
  sendEmpty(s3, 204);
}

/** `x-amz-copy-source`: `/bucket/key` or `bucket/key`, percent-encoded, maybe with `?versionId=`. */
export function parseCopySource(value: string): { bucket: string; key: string } {
  const path = value.split('?', 1)[0]!.replace(/^\/+/, '');
  const slash = path.indexOf('/');
  if (slash <= 0 || slash === path.length - 1) {
    throw invalidArgument('Copy Source must mention the source bucket and key: sourcebucket/sourcekey', 'x-amz-copy-source', value);
  }
  return { bucket: decodeURIComponent(path.slice(0, slash)), key: decodeURIComponent(path.slice(slash + 1)) };
}

export async function copyObject(store: ObjectStore, s3: S3Request): Promise<void> {
  const source = parseCopySource(header(s3, 'x-amz-copy-source')!);
  const directive = (header(s3, 'x-amz-metadata-directive') ?? 'COPY').toUpperCase();
  if (directive !== 'COPY' && directive !== 'REPLACE') {
    throw invalidArgument('Unknown metadata directive.', 'x-amz-metadata-directive', directive);
  }
  if (source.bucket === s3.bucket && source.key === s3.key && directive === 'COPY') {
    throw new S3Error(
      'InvalidRequest',
      "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
      400,
    );
  }
  const sourceInfo = await store.headObject(source.bucket, source.key);
  const ifMatch = header(s3, 'x-amz-copy-source-if-match');
  if (ifMatch !== undefined && ifMatch.replace(/"/g, '') !== sourceInfo.etag.replace(/"/g, '')) {
    throw new S3Error('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', 412, { Condition: 'x-amz-copy-source-If-Match' });
  }
  const info = await store.copyObject(source.bucket, source.key, s3.bucket, s3.key, directive === 'REPLACE' ? objectHeadersFrom(s3) : undefined);
  sendXml(s3, 'CopyObjectResult', { LastModified: xmlDate(info.lastModified), ETag: info.etag });
}
