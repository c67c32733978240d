/**
 * `createS3Endpoint(store)`: S3's REST API, path-style (`/bucket/key`), as a REST service of the shared port.
 * Routes each request by method, bucket/key and sub-resource to its operation; answers S3's XML errors.
 */
import type { HttpRequest, HttpResponse } from '../server/http-types.js';
import { RestAuthFailure, type RestAuthFailureKind, type RestContext, type RestService } from '../server/rest-dispatch.js';
import * as bucketOps from './bucket-operations.js';
import { S3Error } from './errors.js';
import { commonHeaders, header, parseTarget, s3RequestId, sendError, type S3Request } from './http-support.js';
import * as multipartOps from './multipart-operations.js';
import * as objectOps from './object-operations.js';
import type { ObjectStore } from './object-store.js';

type Operation = (store: ObjectStore, s3: S3Request) => Promise<void>;

/** Signature failures in S3's words (all 403). */
const AUTH_ERRORS: Record<RestAuthFailureKind, [string, string]> = {
  missing: ['AccessDenied', 'Access Denied'],
  'unknown-key': ['InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.'],
  mismatch: ['SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.'],
  skewed: ['RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.'],
  expired: ['AccessDenied', 'Request has expired'],
};

const notImplemented = (): S3Error =>
  new S3Error('NotImplemented', 'A header you provided implies functionality that is not implemented', 501);

const methodNotAllowed = (method: string): S3Error =>
  new S3Error('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405, { Method: method, ResourceType: 'OBJECT' });

/** Sub-resources this endpoint does not keep (ACLs, policies, tagging…): refused rather than misread as a listing or an object write. */
const UNSUPPORTED = ['acl', 'policy', 'tagging', 'cors', 'lifecycle', 'website', 'notification', 'replication', 'encryption', 'logging', 'versions', 'restore', 'select', 'attributes', 'legal-hold', 'retention', 'object-lock'];

function route(s3: S3Request): Operation {
  const q = s3.query;
  const m = s3.method;
  if (UNSUPPORTED.some((name) => q.has(name))) throw notImplemented();
  if (!s3.bucket) {
    if (m === 'GET') return bucketOps.listBuckets;
    throw methodNotAllowed(m);
  }
  if (!s3.key) {
    switch (m) {
      case 'PUT':
        if (q.has('versioning')) throw notImplemented();
        return bucketOps.createBucket;
      case 'HEAD':
        return bucketOps.headBucket;
      case 'DELETE':
        return bucketOps.deleteBucket;
      case 'POST':
        if (q.has('delete')) return bucketOps.deleteObjects;
        throw methodNotAllowed(m);
      case 'GET':
        if (q.has('location')) return bucketOps.getBucketLocation;
        if (q.has('versioning')) return bucketOps.getBucketVersioning;
        if (q.has('uploads')) return multipartOps.listMultipartUploads;
        return q.get('list-type') === '2' ? bucketOps.listObjectsV2 : bucketOps.listObjectsV1;
      default:
        throw methodNotAllowed(m);
    }
  }
  switch (m) {
    case 'PUT':
      if (q.has('uploadId')) return header(s3, 'x-amz-copy-source') !== undefined ? multipartOps.uploadPartCopy : multipartOps.uploadPart;
      return header(s3, 'x-amz-copy-source') !== undefined ? objectOps.copyObject : objectOps.putObject;
    case 'GET':
      return q.has('uploadId') ? multipartOps.listParts : objectOps.getObject;
    case 'HEAD':
      return objectOps.headObject;
    case 'DELETE':
      return q.has('uploadId') ? multipartOps.abortMultipartUpload : objectOps.deleteObject;
    case 'POST':
      if (q.has('uploads')) return multipartOps.createMultipartUpload;
      if (q.has('uploadId')) return multipartOps.completeMultipartUpload;
      throw methodNotAllowed(m);
    default:
      throw methodNotAllowed(m);
  }
}

export function createS3Endpoint(store: ObjectStore, logError: (message: string, err: unknown) => void = console.error): RestService {
  return {
    signingName: 's3',
    claimsUnsigned: () => true,
    async handle(req: HttpRequest, res: HttpResponse, ctx: RestContext) {
      const requestId = s3RequestId();
      let s3: S3Request = { req, res, method: req.method ?? 'GET', bucket: '', key: '', query: new URLSearchParams(), headers: req.headers, requestId, region: ctx.region, accountId: ctx.accountId };
      commonHeaders(res, requestId);
      try {
        let target;
        try {
          target = parseTarget(req.url ?? '/');
        } catch {
          throw new S3Error('InvalidURI', "Couldn't parse the specified URI.", 400);
        }
        s3 = { ...s3, ...target };
        try {
          ctx.verify();
        } catch (err) {
          if (!(err instanceof RestAuthFailure)) throw err;
          const [code, message] = AUTH_ERRORS[err.kind];
          throw new S3Error(code, message, 403);
        }
        // Unsigned requests get S3's anonymous answer for the one call that is never public.
        if (!s3.bucket && !ctx.accessKeyId) throw new S3Error('AccessDenied', 'Access Denied', 403);
        await route(s3)(store, s3);
      } catch (err) {
        if (err instanceof S3Error) return sendError(s3, err);
        logError(`S3 ${s3.method} ${req.url} failed (request ${requestId}):`, err);
        sendError(s3, new S3Error('InternalError', 'We encountered an internal error. Please try again.', 500));
      }
    },
  };
}
