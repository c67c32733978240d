/**
 * The seam through which S3-style objects are written: the S3 destination, error records, HTTP-endpoint backups.
 * Implementations: a folder on local disk (`folder-object-writer.ts`, also the embedded store's fallback layout
 * `<dataDir>/s3/<bucket>/<key>`) and any S3-compatible endpoint (`s3-client-writer.ts`).
 */
export interface ObjectToWrite {
  bucket: string;
  key: string;
  body: Uint8Array;
  contentEncoding?: string;
}

export interface ObjectWriter {
  put(object: ObjectToWrite): Promise<void>;
  close?(): void;
}

/** `arn:aws:s3:::bucket` → `bucket`. */
export function bucketFromArn(arn: string): string {
  return arn.slice(arn.indexOf(':::') + 3);
}
