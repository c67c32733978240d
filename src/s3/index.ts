/**
 * Freshet's embedded S3: the filesystem object store (for in-process use by Firehose and Kinesis Analytics) and
 * the path-style REST endpoint on the shared port.
 */
export { createObjectStore, type ObjectStore, type ObjectInfo, type ObjectHeaders, type BucketInfo, type ListResult } from './object-store.js';
export { createS3Endpoint } from './endpoint.js';
export { S3Error } from './errors.js';
