/** Multipart upload operations: Create, UploadPart, Complete, Abort, ListParts, ListMultipartUploads. */
import { S3Error } from './errors.js';
import { bodyStream, header, objectHeadersFrom, readSmallBody, sendEmpty, sendXml, sentChecksums, setChecksumHeaders, xmlDate, type S3Request } from './http-support.js';
import { parseCopySource, parseRange } from './object-operations.js';
import type { ObjectStore } from './object-store.js';
import { parseXml } from './xml.js';

const malformedXml = (): S3Error =>
  new S3Error('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema', 400);

function uploadId(s3: S3Request): string {
  return s3.query.get('uploadId') ?? '';
}

export async function createMultipartUpload(store: ObjectStore, s3: S3Request): Promise<void> {
  await readSmallBody(s3);
  const upload = await store.multipart.create(s3.bucket, s3.key, objectHeadersFrom(s3));
  const algorithm = s3.headers['x-amz-checksum-algorithm'];
  if (typeof algorithm === 'string') s3.res.setHeader('x-amz-checksum-algorithm', algorithm);
  sendXml(s3, 'InitiateMultipartUploadResult', { Bucket: s3.bucket, Key: s3.key, UploadId: upload.uploadId });
}

export async function uploadPart(store: ObjectStore, s3: S3Request): Promise<void> {
  const raw = s3.query.get('partNumber') ?? '';
  const { stream, trailers } = bodyStream(s3);
  const partNumber = /^\d+$/.test(raw) ? Number(raw) : NaN;
  let checksums: Record<string, string> | undefined;
  const part = await store.multipart.uploadPart(
    s3.bucket,
    s3.key,
    uploadId(s3),
    partNumber,
    stream,
    () => (checksums = sentChecksums(s3, trailers())),
    header(s3, 'content-md5'),
  );
  s3.res.setHeader('ETag', part.etag);
  setChecksumHeaders(s3.res, checksums);
  sendEmpty(s3, 200);
}

/** UploadPartCopy: a part made of (a byte range of) an existing object; the CLI uses it to copy large objects. */
export async function uploadPartCopy(store: ObjectStore, s3: S3Request): Promise<void> {
  const source = parseCopySource(header(s3, 'x-amz-copy-source')!);
  const info = await store.headObject(source.bucket, source.key);
  const rangeHeader = header(s3, 'x-amz-copy-source-range');
  const range = rangeHeader === undefined ? undefined : parseRange(rangeHeader, info.size);
  if (range === 'unsatisfiable' || (rangeHeader !== undefined && range === undefined)) {
    throw new S3Error('InvalidArgument', 'The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy', 400);
  }
  const raw = s3.query.get('partNumber') ?? '';
  const { stream } = await store.openObject(source.bucket, source.key, range);
  const part = await store.multipart.uploadPart(s3.bucket, s3.key, uploadId(s3), /^\d+$/.test(raw) ? Number(raw) : NaN, stream);
  sendXml(s3, 'CopyPartResult', { LastModified: xmlDate(part.lastModified), ETag: part.etag });
}

export async function completeMultipartUpload(store: ObjectStore, s3: S3Request): Promise<void> {
  let doc: Record<string, any>;
  try {
    doc = parseXml(await readSmallBody(s3));
  } catch {
    throw malformedXml();
  }
  const parts: Array<{ PartNumber?: unknown; ETag?: unknown }> = doc.CompleteMultipartUpload?.Part ?? [];
  const chosen = parts.map((p) => {
    const n = Number(p.PartNumber);
    if (!Number.isInteger(n) || typeof p.ETag !== 'string') throw malformedXml();
    return { partNumber: n, etag: p.ETag };
  });
  const info = await store.multipart.complete(s3.bucket, s3.key, uploadId(s3), chosen);
  sendXml(s3, 'CompleteMultipartUploadResult', {
    Location: `/${s3.bucket}/${s3.key.split('/').map(encodeURIComponent).join('/')}`,
    Bucket: s3.bucket,
    Key: s3.key,
    ETag: info.etag,
  });
}

export async function abortMultipartUpload(store: ObjectStore, s3: S3Request): Promise<void> {
  await store.multipart.abort(s3.bucket, s3.key, uploadId(s3));
  sendEmpty(s3, 204);
}

export async function listParts(store: ObjectStore, s3: S3Request): Promise<void> {
  const { upload, parts } = await store.multipart.listParts(s3.bucket, s3.key, uploadId(s3));
  const marker = Number(s3.query.get('part-number-marker') ?? 0) || 0;
  const max = Math.min(Number(s3.query.get('max-parts') ?? 1000) || 1000, 1000);
  const after = parts.filter((p) => p.partNumber > marker);
  const page = after.slice(0, max);
  const owner = { ID: s3.accountId, DisplayName: 'freshet' };
  sendXml(s3, 'ListPartsResult', {
    Bucket: s3.bucket,
    Key: s3.key,
    UploadId: upload.uploadId,
    Initiator: owner,
    Owner: owner,
    StorageClass: 'STANDARD',
    PartNumberMarker: marker,
    NextPartNumberMarker: page.length ? page[page.length - 1]!.partNumber : marker,
    MaxParts: max,
    IsTruncated: after.length > page.length,
    Part: page.map((p) => ({ PartNumber: p.partNumber, LastModified: xmlDate(p.lastModified), ETag: p.etag, Size: p.size })),
  });
}

export async function listMultipartUploads(store: ObjectStore, s3: S3Request): Promise<void> {
  await store.headBucket(s3.bucket);
  const prefix = s3.query.get('prefix') ?? '';
  const uploads = (await store.multipart.list(s3.bucket)).filter((u) => u.key.startsWith(prefix));
  const owner = { ID: s3.accountId, DisplayName: 'freshet' };
  sendXml(s3, 'ListMultipartUploadsResult', {
    Bucket: s3.bucket,
    KeyMarker: '',
    UploadIdMarker: '',
    Prefix: prefix,
    MaxUploads: 1000,
    IsTruncated: false,
    Upload: uploads.map((u) => ({ Key: u.key, UploadId: u.uploadId, Initiator: owner, Owner: owner, StorageClass: 'STANDARD', Initiated: xmlDate(u.initiated) })),
  });
}
