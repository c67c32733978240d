/**
 * The Lambda data-transformation contract. Firehose sends
 * `{invocationId, deliveryStreamArn, region, records:[{recordId, approximateArrivalTimestamp, data(base64)}]}` and
 * expects `{records:[{recordId, result: Ok|Dropped|ProcessingFailed, data(base64), metadata?:{partitionKeys}}]}`
 * with every recordId answered. An invocation that throws is retried NumberOfRetries times (default 3); then the
 * whole batch fails. Failed records go to the error prefix as `processing-failed`.
 *
 * Functions are reached through an `InvokeFunction` seam: Freshet's Lambda service when it runs in this process,
 * or a local module (`lambdaModules`: ARN → path of an ES module exporting `handler(event)`).
 */
import { randomUUID } from 'node:crypto';
import type { FailedRecord, FlowRecord, ProcessedBatch } from './records.js';

export type InvokeFunction = (arn: string, event: unknown) => Promise<unknown>;

export interface TransformSettings {
  lambdaArn: string;
  retries: number;
  deliveryStreamArn: string;
  region: string;
  sourceKinesisStreamArn?: string;
}

interface TransformResult {
  recordId?: unknown;
  result?: unknown;
  data?: unknown;
  metadata?: { partitionKeys?: Record<string, string> };
}

export async function transform(invoke: InvokeFunction, s: TransformSettings, records: FlowRecord[], now: () => number): Promise<ProcessedBatch> {
  const ids = records.map((_, i) => `${Date.now()}${String(i).padStart(6, '0')}${randomUUID().replace(/-/g, '')}`);
  const event = {
    invocationId: randomUUID(),
    deliveryStreamArn: s.deliveryStreamArn,
    ...(s.sourceKinesisStreamArn ? { sourceKinesisStreamArn: s.sourceKinesisStreamArn } : {}),
    region: s.region,
    records: records.map((r, i) => ({ recordId: ids[i], approximateArrivalTimestamp: r.arrivalMs, data: r.data.toString('base64') })),
  };
  let attempts = 0;
  let lastError = '';
  let response: unknown;
  while (attempts <= s.retries) {
    attempts++;
    try {
      response = await invoke(s.lambdaArn, event);
      lastError = '';
      break;
    } catch (err) {
      lastError = err instanceof Error ? err.message : String(err);
    }
  }
  const fail = (r: FlowRecord, errorCode: string, errorMessage: string): FailedRecord => ({
    rawData: r.data,
    arrivalMs: r.arrivalMs,
    errorOutputType: 'processing-failed',
    errorCode,
    errorMessage,
    attemptsMade: attempts,
    attemptEndingMs: now(),
    lambdaArn: s.lambdaArn,
  });
  if (lastError) return { records: [], failed: records.map((r) => fail(r, 'Lambda.FunctionError', lastError)) };

  const answered = new Map<string, TransformResult>();
  const list = (response as { records?: unknown })?.records;
  if (Array.isArray(list)) for (const r of list as TransformResult[]) if (typeof r?.recordId === 'string') answered.set(r.recordId, r);
  const out: ProcessedBatch = { records: [], failed: [] };
  records.forEach((r, i) => {
    const res = answered.get(ids[i]!);
    if (!res) return out.failed.push(fail(r, 'Lambda.MissingRecordId', `The record ${ids[i]} was not returned by the function.`));
    if (res.result === 'Dropped') return;
    if (res.result === 'ProcessingFailed') return out.failed.push(fail(r, 'Lambda.ProcessingFailedStatus', 'The function returned ProcessingFailed for the record.'));
    if (res.result !== 'Ok') return out.failed.push(fail(r, 'Lambda.InvalidResult', `Invalid result '${String(res.result)}': expected Ok, Dropped or ProcessingFailed.`));
    if (typeof res.data !== 'string') return out.failed.push(fail(r, 'Lambda.MissingData', 'The function returned no base64 data for the record.'));
    const lambdaKeys = res.metadata?.partitionKeys;
    out.records.push({
      data: Buffer.from(res.data, 'base64'),
      arrivalMs: r.arrivalMs,
      ...(lambdaKeys || r.partitionKeys ? { partitionKeys: { ...r.partitionKeys, ...(lambdaKeys ? { lambda: lambdaKeys } : {}) } } : {}),
    });
  });
  return out;
}

/** Functions from ES modules on disk: `handler(event)` of the module registered for the ARN. */
export function moduleInvoker(modules: Record<string, string>, fallback?: InvokeFunction): InvokeFunction {
  return async (arn, event) => {
    const path = modules[arn];
    if (!path) {
      if (fallback) return fallback(arn, event);
      throw new Error(`Function not found: ${arn}`);
    }
    const mod = (await import(path)) as { handler?: (event: unknown) => unknown };
    if (typeof mod.handler !== 'function') throw new Error(`${path} exports no handler`);
    return mod.handler(event);
  };
}
