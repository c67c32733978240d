/**
 * KDA's input pre-processing: a batch of source records goes to the InputLambdaProcessor as
 * `{invocationId, applicationArn, streamArn, records:[{recordId, data, kinesisStreamRecordMetadata |
 * kinesisFirehoseRecordMetadata}]}` and comes back as `{records:[{recordId, result, data}]}`. `Ok` records (whose
 * data may hold several rows) go on to the schema; `Dropped` ones are gone; `ProcessingFailed` ones are reported
 * to error_stream. A response that fails or is malformed (an id missing, an unknown result, no data for Ok) is
 * retried like KDA did, and after `maxAttempts` the whole batch is reported to error_stream so the input moves on.
 */
import { randomUUID } from 'node:crypto';
import type { InvokeLambda } from './lambda-invoker.js';

export interface SourceRecord {
  data: Uint8Array;
  arrivalMs: number;
  /** Kinesis sources: the record's position; Firehose sources have none. */
  kinesis?: { shardId: string; partitionKey: string; sequenceNumber: string };
}

export interface PreprocessResult {
  ok: { data: Uint8Array; arrivalMs: number }[];
  /** Records to report to error_stream: the source bytes and KDA's error name and message. */
  failed: { data: Uint8Array; name: string; message: string }[];
}

export interface PreprocessorOptions {
  functionArn: string;
  applicationArn: string;
  streamArn: string;
  invoke: InvokeLambda;
  maxAttempts: number;
  /** Called for each failed attempt (the server log, like KDA's CloudWatch messages). */
  onAttemptFailed(message: string): void;
}

const RESULTS = new Set(['Ok', 'Dropped', 'ProcessingFailed']);

function eventRecord(r: SourceRecord, recordId: string): Record<string, unknown> {
  const data = Buffer.from(r.data).toString('base64');
  if (r.kinesis) {
    return {
      recordId,
      kinesisStreamRecordMetadata: { ...r.kinesis, approximateArrivalTimestamp: r.arrivalMs },
      data,
    };
  }
  return { recordId, kinesisFirehoseRecordMetadata: { approximateArrivalTimestamp: r.arrivalMs }, data };
}

/** Checks a response against the ids sent; returns the problem, or undefined when it is well-formed. */
function validate(payload: unknown, ids: string[]): string | undefined {
  const records = (payload as { records?: unknown } | null)?.records;
  if (!Array.isArray(records)) return 'the response has no records array';
  const seen = new Set<string>();
  for (const r of records as Record<string, unknown>[]) {
    if (typeof r?.['recordId'] !== 'string') return 'a response record has no recordId';
    if (!RESULTS.has(r['result'] as string)) return `record ${r['recordId']}: result must be Ok, Dropped or ProcessingFailed`;
    if (r['result'] === 'Ok' && typeof r['data'] !== 'string') return `record ${r['recordId']}: an Ok record has no data`;
    seen.add(r['recordId']);
  }
  const missing = ids.filter((id) => !seen.has(id));
  if (missing.length) return `the response is missing record ids ${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', …' : ''}`;
  return undefined;
}

export async function preprocess(records: SourceRecord[], o: PreprocessorOptions): Promise<PreprocessResult> {
  // Kinesis records are named after their sequence number, as KDA did; Firehose records have none to use.
  const ids = records.map((r, i) => (r.kinesis ? `${r.kinesis.sequenceNumber}-${i}` : randomUUID()));
  const event = {
    invocationId: randomUUID(),
    applicationArn: o.applicationArn,
    streamArn: o.streamArn,
    records: records.map((r, i) => eventRecord(r, ids[i]!)),
  };
  let problem = '';
  for (let attempt = 1; attempt <= o.maxAttempts; attempt++) {
    try {
      const { payload, functionError } = await o.invoke(o.functionArn, event);
      problem = functionError ? `the function failed (${functionError}): ${JSON.stringify(payload)}` : (validate(payload, ids) ?? '');
      if (!problem) return sortResults(records, ids, (payload as { records: Record<string, string>[] }).records, o.functionArn);
    } catch (err) {
      problem = (err as Error).message;
    }
    o.onAttemptFailed(`pre-processing with ${o.functionArn}, attempt ${attempt}: ${problem}`);
  }
  return {
    ok: [],
    failed: records.map((r) => ({ data: r.data, name: 'Lambda_Error', message: `Lambda pre-processing failed: ${problem}` })),
  };
}

function sortResults(records: SourceRecord[], ids: string[], results: Record<string, string>[], functionArn: string): PreprocessResult {
  const byId = new Map(results.map((r) => [r['recordId']!, r]));
  const out: PreprocessResult = { ok: [], failed: [] };
  ids.forEach((id, i) => {
    const r = byId.get(id)!;
    const source = records[i]!;
    if (r['result'] === 'Ok') out.ok.push({ data: Buffer.from(r['data']!, 'base64'), arrivalMs: source.arrivalMs });
    else if (r['result'] === 'ProcessingFailed') {
      out.failed.push({ data: source.data, name: 'Lambda_Processing_Failed', message: `record ${id} was marked ProcessingFailed by ${functionArn}` });
    }
  });
  return out;
}
