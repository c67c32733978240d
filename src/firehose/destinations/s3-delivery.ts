/**
 * Writes a processed batch to an S3 destination: records concatenated as they are (no delimiter is added unless
 * AppendDelimiterToRecord ran), compressed, one object per partition (one per batch without dynamic
 * partitioning); failed records as JSON lines, one object per error output type, under the ErrorOutputPrefix.
 */
import { compress, type CompressionFormat } from '../delivery/compression.js';
import { evaluateErrorPrefix, evaluatePrefix } from '../delivery/prefix.js';
import { wallClock } from '../delivery/time-zone.js';
import { failedRecordJson, type FailedRecord, type FlowRecord } from '../delivery/records.js';
import { objectFileName } from './object-key.js';
import { bucketFromArn, type ObjectWriter } from './object-writer.js';

export interface S3Target {
  streamName: string;
  version: number;
  /** An S3 destination description (Prefix, ErrorOutputPrefix, CompressionFormat, FileExtension…). */
  config: Record<string, any>;
  writer: ObjectWriter;
}

/** The oldest arrival in the object, on the destination's CustomTimeZone clock. */
function oldestOf(records: Array<{ arrivalMs: number }>, zone: string | undefined): Date {
  return wallClock(new Date(Math.min(...records.map((r) => r.arrivalMs))), zone);
}

function groupBy<T>(items: T[], key: (t: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const g = groups.get(k);
    if (g) g.push(item);
    else groups.set(k, [item]);
  }
  return [...groups.values()];
}

export async function writeRecords(t: S3Target, records: FlowRecord[]): Promise<string[]> {
  if (!records.length) return [];
  const bucket = bucketFromArn(t.config['BucketARN']);
  const format: CompressionFormat = t.config['CompressionFormat'] ?? 'UNCOMPRESSED';
  const dynamic = t.config['DynamicPartitioningConfiguration']?.Enabled === true;
  const groups = dynamic ? groupBy(records, (r) => JSON.stringify(r.partitionKeys ?? {})) : [records];
  const keys: string[] = [];
  for (const group of groups) {
    const oldest = oldestOf(group, t.config['CustomTimeZone']);
    const prefix = evaluatePrefix(t.config['Prefix'], { timestamp: oldest, ...(group[0]!.partitionKeys ? { partitionKeys: group[0]!.partitionKeys } : {}) });
    const name = objectFileName(t.streamName, t.version, oldest);
    const out = compress(format, Buffer.concat(group.map((r) => r.data)), name);
    const extension = t.config['FileExtension'] ? t.config['FileExtension'] : out.extension;
    const key = `${prefix}${name}${extension}`;
    await t.writer.put({ bucket, key, body: out.body, ...(out.contentEncoding ? { contentEncoding: out.contentEncoding } : {}) });
    keys.push(key);
  }
  return keys;
}

export async function writeFailures(t: S3Target, failed: FailedRecord[]): Promise<string[]> {
  if (!failed.length) return [];
  const bucket = bucketFromArn(t.config['BucketARN']);
  const keys: string[] = [];
  for (const group of groupBy(failed, (f) => f.errorOutputType)) {
    const oldest = oldestOf(group, t.config['CustomTimeZone']);
    const prefix = evaluateErrorPrefix(t.config['ErrorOutputPrefix'], { timestamp: oldest, errorOutputType: group[0]!.errorOutputType });
    const key = `${prefix}${objectFileName(t.streamName, t.version, oldest)}`;
    const body = Buffer.from(group.map((f) => failedRecordJson(f) + '\n').join(''), 'utf8');
    await t.writer.put({ bucket, key, body });
    keys.push(key);
  }
  return keys;
}
