/** Bucket-level operations: ListBuckets, Create/Head/DeleteBucket, GetBucketLocation, ListObjects (v1, v2), DeleteObjects. */
import { invalidArgument, S3Error } from './errors.js';
import { readSmallBody, sendEmpty, sendXml, xmlDate, type S3Request } from './http-support.js';
import type { ObjectInfo, ObjectStore } from './object-store.js';
import { parseXml } from './xml.js';

const owner = (s3: S3Request) => ({ ID: s3.accountId, DisplayName: 'freshet' });

export async function listBuckets(store: ObjectStore, s3: S3Request): Promise<void> {
  const buckets = await store.listBuckets();
  sendXml(s3, 'ListAllMyBucketsResult', {
    Owner: owner(s3),
    Buckets: { Bucket: buckets.map((b) => ({ Name: b.name, CreationDate: xmlDate(b.creationDate) })) },
  });
}

export async function createBucket(store: ObjectStore, s3: S3Request): Promise<void> {
  const body = await readSmallBody(s3);
  let region = 'us-east-1';
  if (body.trim()) {
    let constraint: unknown;
    try {
      constraint = parseXml(body).CreateBucketConfiguration?.LocationConstraint;
    } catch {
      throw new S3Error('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema', 400);
    }
    if (typeof constraint === 'string' && constraint) region = constraint;
  }
  try {
    await store.createBucket(s3.bucket, region);
  } catch (err) {
    // us-east-1 keeps S3's legacy answer: re-creating a bucket you own there succeeds.
    if (!(err instanceof S3Error && err.code === 'BucketAlreadyOwnedByYou' && s3.region === 'us-east-1')) throw err;
  }
  s3.res.setHeader('Location', `/${s3.bucket}`);
  sendEmpty(s3, 200);
}

export async function headBucket(store: ObjectStore, s3: S3Request): Promise<void> {
  const info = await store.headBucket(s3.bucket);
  s3.res.setHeader('x-amz-bucket-region', info.region);
  s3.res.setHeader('x-amz-access-point-alias', 'false');
  sendEmpty(s3, 200);
}

export async function deleteBucket(store: ObjectStore, s3: S3Request): Promise<void> {
  await store.deleteBucket(s3.bucket);
  sendEmpty(s3, 204);
}

export async function getBucketLocation(store: ObjectStore, s3: S3Request): Promise<void> {
  const info = await store.headBucket(s3.bucket);
  // us-east-1 is reported as an empty constraint.
  sendXml(s3, 'LocationConstraint', { '#text': info.region === 'us-east-1' ? '' : info.region });
}

export async function getBucketVersioning(store: ObjectStore, s3: S3Request): Promise<void> {
  await store.headBucket(s3.bucket);
  sendXml(s3, 'VersioningConfiguration', {});
}

function maxKeys(s3: S3Request): number {
  const raw = s3.query.get('max-keys');
  if (raw === null) return 1000;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n)) {
    throw invalidArgument('Provided max-keys not an integer or within integer range', 'max-keys', raw);
  }
  return Math.min(n, 1000);
}

/** With `encoding-type=url` keys and prefixes travel percent-encoded (boto3 asks for it and decodes them). */
function encoder(s3: S3Request): (s: string) => string {
  const encodingType = s3.query.get('encoding-type');
  if (encodingType === null) return (s) => s;
  if (encodingType !== 'url') throw invalidArgument('Invalid Encoding Method specified in Request', 'encoding-type', encodingType);
  return (s) => encodeURIComponent(s).replace(/%2F/g, '/');
}

function contentsEntry(o: ObjectInfo, enc: (s: string) => string, withOwner?: Record<string, string>) {
  return { Key: enc(o.key), LastModified: xmlDate(o.lastModified), ETag: o.etag, Size: o.size, Owner: withOwner, StorageClass: 'STANDARD' };
}

export async function listObjectsV2(store: ObjectStore, s3: S3Request): Promise<void> {
  const q = s3.query;
  const enc = encoder(s3);
  const prefix = q.get('prefix') ?? '';
  const delimiter = q.get('delimiter') ?? '';
  const token = q.get('continuation-token');
  const startAfter = q.get('start-after') ?? '';
  let after: string | undefined = startAfter || undefined;
  if (token !== null) {
    after = Buffer.from(token, 'base64url').toString('utf8');
    if (!token || Buffer.from(after, 'utf8').toString('base64url') !== token) {
      throw invalidArgument('The continuation token provided is incorrect', 'continuation-token', token);
    }
  }
  const limit = maxKeys(s3);
  const page = await store.listObjects(s3.bucket, { prefix, delimiter, after, maxKeys: limit });
  const fetchOwner = q.get('fetch-owner') === 'true' ? owner(s3) : undefined;
  sendXml(s3, 'ListBucketResult', {
    Name: s3.bucket,
    Prefix: enc(prefix),
    Delimiter: delimiter ? enc(delimiter) : undefined,
    MaxKeys: limit,
    EncodingType: q.get('encoding-type') ?? undefined,
    KeyCount: page.contents.length + page.commonPrefixes.length,
    IsTruncated: page.isTruncated,
    ContinuationToken: token ?? undefined,
    NextContinuationToken: page.nextAfter !== undefined ? Buffer.from(page.nextAfter, 'utf8').toString('base64url') : undefined,
    StartAfter: startAfter ? enc(startAfter) : undefined,
    Contents: page.contents.map((o) => contentsEntry(o, enc, fetchOwner)),
    CommonPrefixes: page.commonPrefixes.map((p) => ({ Prefix: enc(p) })),
  });
}

export async function listObjectsV1(store: ObjectStore, s3: S3Request): Promise<void> {
  const q = s3.query;
  const enc = encoder(s3);
  const prefix = q.get('prefix') ?? '';
  const delimiter = q.get('delimiter') ?? '';
  const marker = q.get('marker') ?? '';
  const limit = maxKeys(s3);
  const page = await store.listObjects(s3.bucket, { prefix, delimiter, after: marker || undefined, maxKeys: limit });
  sendXml(s3, 'ListBucketResult', {
    Name: s3.bucket,
    Prefix: enc(prefix),
    Marker: enc(marker),
    // S3 sends NextMarker only with a delimiter; without one, clients resume after the last key listed.
    NextMarker: delimiter && page.nextAfter !== undefined ? enc(page.nextAfter) : undefined,
    MaxKeys: limit,
    Delimiter: delimiter ? enc(delimiter) : undefined,
    EncodingType: q.get('encoding-type') ?? undefined,
    IsTruncated: page.isTruncated,
    Contents: page.contents.map((o) => contentsEntry(o, enc, owner(s3))),
    CommonPrefixes: page.commonPrefixes.map((p) => ({ Prefix: enc(p) })),
  });
}

export async function deleteObjects(store: ObjectStore, s3: S3Request): Promise<void> {
  let doc: Record<string, any>;
  try {
    doc = parseXml(await readSmallBody(s3));
  } catch {
    throw new S3Error('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema', 400);
  }
  const objects: Array<{ Key?: unknown; VersionId?: unknown }> = doc.Delete?.Object ?? [];
  if (!doc.Delete || objects.length === 0 || objects.length > 1000) {
    throw new S3Error('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema', 400);
  }
  const quiet = String(doc.Delete.Quiet ?? '') === 'true';
  await store.headBucket(s3.bucket);
  const deleted: Array<Record<string, string>> = [];
  const errors: Array<Record<string, string>> = [];
  for (const o of objects) {
    const key = typeof o.Key === 'string' ? o.Key : '';
    try {
      await store.deleteObject(s3.bucket, key);
      if (!quiet) deleted.push({ Key: key });
    } catch (err) {
      errors.push({ Key: key, Code: err instanceof S3Error ? err.code : 'InternalError', Message: (err as Error).message });
    }
  }
  sendXml(s3, 'DeleteResult', { Deleted: deleted, Error: errors });
}
