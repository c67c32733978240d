/**
 * The ProcessingConfiguration pipeline, in Firehose's order: RecordDeAggregation (KPL, JSON or DELIMITED
 * sub-records) → Lambda transformation → MetadataExtraction (dynamic partitioning keys) → AppendDelimiterToRecord.
 * Processors run only when `Enabled` is true. Decompression and CloudWatchLogProcessing are not implemented
 * (the records pass through unchanged).
 */
import { deaggregate } from './kpl-aggregation.js';
import { parseQuery, runQuery } from './jq-path.js';
import type { FailedRecord, FlowRecord, ProcessedBatch } from './records.js';
import { transform, type InvokeFunction } from './transform.js';

interface Processor {
  Type: string;
  Parameters?: Array<{ ParameterName: string; ParameterValue: string }>;
}

export interface PipelineContext {
  invoke: InvokeFunction;
  deliveryStreamArn: string;
  region: string;
  sourceKinesisStreamArn?: string;
  now(): number;
}

const param = (p: Processor, name: string): string | undefined => p.Parameters?.find((x) => x.ParameterName === name)?.ParameterValue;

export function enabledProcessors(processing: { Enabled?: boolean; Processors?: Processor[] } | undefined): Processor[] {
  return processing?.Enabled === true ? (processing.Processors ?? []) : [];
}

function splitSubRecords(p: Processor, r: FlowRecord): FlowRecord[] {
  const type = param(p, 'SubRecordType') ?? 'JSON';
  if (type === 'DELIMITED') {
    const delimiter = Buffer.from(param(p, 'Delimiter') ?? 'Cg==', 'base64');
    const parts: Buffer[] = [];
    let from = 0;
    for (let at = r.data.indexOf(delimiter); at !== -1; at = r.data.indexOf(delimiter, from)) {
      parts.push(r.data.subarray(from, at));
      from = at + delimiter.length;
    }
    if (from < r.data.length) parts.push(r.data.subarray(from));
    return parts.map((data) => ({ ...r, data }));
  }
  if (type === 'KPL') return deaggregate(r.data).map((u) => ({ ...r, data: u.data }));
  // JSON: consecutive objects (JSON Lines or back to back).
  const out: FlowRecord[] = [];
  const text = r.data.toString('utf8');
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{') {
      if (depth++ === 0) start = i;
    } else if (c === '}' && --depth === 0) out.push({ ...r, data: Buffer.from(text.slice(start, i + 1), 'utf8') });
  }
  return out.length ? out : [r];
}

function extractMetadata(p: Processor, records: FlowRecord[], now: number): ProcessedBatch {
  const query = parseQuery(param(p, 'MetadataExtractionQuery') ?? '{}');
  const out: ProcessedBatch = { records: [], failed: [] };
  for (const r of records) {
    try {
      const keys = runQuery(query, JSON.parse(r.data.toString('utf8')));
      out.records.push({ ...r, partitionKeys: { ...r.partitionKeys, query: keys } });
    } catch (err) {
      out.failed.push(failed(r, 'DynamicPartitioning.MetadataExtractionFailed', (err as Error).message, now));
    }
  }
  return out;
}

function failed(r: FlowRecord, errorCode: string, errorMessage: string, now: number): FailedRecord {
  return { rawData: r.data, arrivalMs: r.arrivalMs, errorOutputType: 'processing-failed', errorCode, errorMessage, attemptsMade: 1, attemptEndingMs: now };
}

function chunks(records: FlowRecord[], maxBytes: number): FlowRecord[][] {
  const out: FlowRecord[][] = [];
  let current: FlowRecord[] = [];
  let bytes = 0;
  for (const r of records) {
    if (current.length && bytes + r.data.length > maxBytes) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(r);
    bytes += r.data.length;
  }
  if (current.length) out.push(current);
  return out;
}

export async function runPipeline(processors: Processor[], input: FlowRecord[], ctx: PipelineContext): Promise<ProcessedBatch> {
  let records = input;
  const failedAll: FailedRecord[] = [];
  const ordered = ['RecordDeAggregation', 'Lambda', 'MetadataExtraction', 'AppendDelimiterToRecord'];
  for (const type of ordered) {
    for (const p of processors.filter((x) => x.Type === type)) {
      if (type === 'RecordDeAggregation') records = records.flatMap((r) => splitSubRecords(p, r));
      else if (type === 'Lambda') {
        const settings = {
          lambdaArn: param(p, 'LambdaArn')!,
          retries: Number(param(p, 'NumberOfRetries') ?? 3),
          deliveryStreamArn: ctx.deliveryStreamArn,
          region: ctx.region,
          ...(ctx.sourceKinesisStreamArn ? { sourceKinesisStreamArn: ctx.sourceKinesisStreamArn } : {}),
        };
        const transformed: FlowRecord[] = [];
        // One invocation per BufferSizeInMBs of records (default 1 MB), as Firehose buffers for the function.
        for (const chunk of chunks(records, Number(param(p, 'BufferSizeInMBs') ?? 1) * 1024 * 1024)) {
          const res = await transform(ctx.invoke, settings, chunk, ctx.now);
          transformed.push(...res.records);
          failedAll.push(...res.failed);
        }
        records = transformed;
      } else if (type === 'MetadataExtraction') {
        const res = extractMetadata(p, records, ctx.now());
        records = res.records;
        failedAll.push(...res.failed);
      } else {
        const delimiter = param(p, 'Delimiter');
        // IaC often passes the two characters `\n`; AWS's processor appends a newline.
        const bytes = Buffer.from(delimiter === undefined || delimiter === '\\n' ? '\n' : delimiter, 'utf8');
        records = records.map((r) => ({ ...r, data: Buffer.concat([r.data, bytes]) }));
      }
    }
  }
  return { records, failed: failedAll };
}
