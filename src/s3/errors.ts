/**
 * S3's errors: a code, a message, an HTTP status and sometimes extra members (BucketName, Key, UploadId…), sent as
 * `<Error>` XML (HEAD answers carry only the status, as S3's do).
 */
export class S3Error extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly extra: Record<string, string> = {},
  ) {
    super(message);
    this.name = code;
  }
}

export const noSuchBucket = (bucket: string): S3Error =>
  new S3Error('NoSuchBucket', 'The specified bucket does not exist', 404, { BucketName: bucket });

export const noSuchKey = (key: string): S3Error => new S3Error('NoSuchKey', 'The specified key does not exist.', 404, { Key: key });

export const noSuchUpload = (uploadId: string): S3Error =>
  new S3Error(
    'NoSuchUpload',
    'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
    404,
    { UploadId: uploadId },
  );

export const invalidArgument = (message: string, name?: string, value?: string): S3Error =>
  new S3Error('InvalidArgument', message, 400, name === undefined ? {} : { ArgumentName: name, ArgumentValue: value ?? '' });
