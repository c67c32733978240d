/**
 * Size limits of writes: a record's data may not exceed the stream's MaxRecordSizeInKiB (1 MiB by default, up to
 * 10 MiB), reported like AWS's front end reports the 1 MiB model limit; a PutRecords request may carry 5 MiB
 * including partition keys, 10 MiB on a stream that accepts large records.
 */
import { AwsError } from '../../server/service.js';
import { invalidArgument } from '../model/errors.js';
import type { StreamMeta } from '../model/types.js';

const MiB = 1024 * 1024;

export function maxRecordBytes(stream: StreamMeta): number {
  return (stream.maxRecordSizeKiB ?? 1024) * 1024;
}

export function recordTooLarge(path: string, length: number, max: number): AwsError {
  return new AwsError(
    'ValidationException',
    `1 validation error detected: Value 'java.nio.HeapByteBuffer[pos=0 lim=${length} cap=${length}]' at '${path}' ` +
      `failed to satisfy constraint: Member must have length less than or equal to ${max}`,
  );
}

export function checkRecordSize(stream: StreamMeta, data: Uint8Array, path = 'data'): void {
  const max = maxRecordBytes(stream);
  if (data.byteLength > max) throw recordTooLarge(path, data.byteLength, max);
}

/** The whole-request limit of PutRecords. */
export function checkPutRecordsSize(stream: StreamMeta, records: ReadonlyArray<{ Data: Uint8Array; PartitionKey: string }>): void {
  const max = maxRecordBytes(stream);
  const limitMiB = max > MiB ? 10 : 5;
  let total = 0;
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    if (r.Data.byteLength > max) throw recordTooLarge(`records.${i + 1}.member.data`, r.Data.byteLength, max);
    total += r.Data.byteLength + Buffer.byteLength(r.PartitionKey, 'utf8');
  }
  if (total > limitMiB * MiB) throw invalidArgument(`Records size exceeds ${limitMiB} MB limit`);
}
