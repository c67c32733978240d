/**
 * The HTTP endpoint destination as AWS specifies it: `POST` to the URL with `X-Amz-Firehose-Protocol-Version: 1.0`,
 * `X-Amz-Firehose-Request-Id` (the same on every retry of a batch), `X-Amz-Firehose-Source-Arn`,
 * `X-Amz-Firehose-Access-Key`, `X-Amz-Firehose-Common-Attributes`, a JSON body
 * `{requestId, timestamp, records:[{data}]}` (gzip when ContentEncoding is GZIP). Only a 200 whose JSON body echoes
 * the requestId is a success; 413 is a permanent failure (not retried, not backed up); anything else is retried
 * with exponential backoff (1 s, ×2, ±15 % jitter, at most 2 min) until RetryOptions.DurationInSeconds is used.
 */
import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { FailedRecord, FlowRecord } from '../delivery/records.js';

export interface HttpDeliveryResult {
  ok: boolean;
  /** When not ok: the records for the `http-endpoint-failed` error output, unless the failure was permanent (413). */
  failed: FailedRecord[];
}

export interface HttpEndpointSettings {
  config: Record<string, any>;
  sourceArn: string;
  /** First backoff (AWS: 1000 ms). */
  retryBaseMs: number;
  now(): number;
  signal: AbortSignal;
}

const MAX_BACKOFF_MS = 120_000;
const RESPONSE_TIMEOUT_MS = 180_000;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((res) => {
    const timer = setTimeout(res, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), res()), { once: true });
  });
}

async function attempt(url: string, headers: Record<string, string>, body: Uint8Array, requestId: string, signal: AbortSignal): Promise<{ ok: boolean; code: string; message: string; status?: number }> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.any([signal, AbortSignal.timeout(RESPONSE_TIMEOUT_MS)]),
    });
    const text = await res.text();
    if (res.status !== 200) return { ok: false, status: res.status, code: `HttpEndpoint.ResponseFailed`, message: `The response received from the endpoint has status ${res.status}.` };
    let parsed: { requestId?: unknown } | undefined;
    try {
      parsed = JSON.parse(text) as { requestId?: unknown };
    } catch {
      parsed = undefined;
    }
    if (parsed?.requestId !== requestId) {
      return { ok: false, status: 200, code: 'HttpEndpoint.InvalidResponseFromDestination', message: 'The response received from the endpoint is invalid: it must be JSON with the request id.' };
    }
    return { ok: true, code: '', message: '' };
  } catch (err) {
    return { ok: false, code: 'HttpEndpoint.RequestTimeout', message: `Unable to reach the endpoint: ${(err as Error).message}` };
  }
}

export async function deliverToHttpEndpoint(s: HttpEndpointSettings, records: FlowRecord[]): Promise<HttpDeliveryResult> {
  if (!records.length) return { ok: true, failed: [] };
  const endpoint = s.config['EndpointConfiguration'] ?? {};
  const request = s.config['RequestConfiguration'] ?? {};
  const requestId = randomUUID();
  const json = JSON.stringify({ requestId, timestamp: s.now(), records: records.map((r) => ({ data: r.data.toString('base64') })) });
  const gzip = request.ContentEncoding === 'GZIP';
  const body = gzip ? gzipSync(json) : Buffer.from(json, 'utf8');
  const common: Record<string, string> = {};
  for (const a of request.CommonAttributes ?? []) common[a.AttributeName] = a.AttributeValue;
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'X-Amz-Firehose-Protocol-Version': '1.0',
    'X-Amz-Firehose-Request-Id': requestId,
    'X-Amz-Firehose-Source-Arn': s.sourceArn,
    'X-Amz-Firehose-Common-Attributes': JSON.stringify({ commonAttributes: common }),
    ...(endpoint.AccessKey !== undefined ? { 'X-Amz-Firehose-Access-Key': endpoint.AccessKey } : {}),
    ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
  };
  const deadline = s.now() + (s.config['RetryOptions']?.DurationInSeconds ?? 300) * 1000;
  let attempts = 0;
  let backoff = s.retryBaseMs;
  for (;;) {
    attempts++;
    const r = await attempt(endpoint.Url, headers, body, requestId, s.signal);
    if (r.ok) return { ok: true, failed: [] };
    if (r.status === 413) return { ok: false, failed: [] };
    // Shutting down is not a delivery failure: the batch stays in the log and is sent again after a restart.
    if (s.signal.aborted) throw new Error('delivery stopped');
    const jittered = backoff * (0.85 + Math.random() * 0.3);
    if (s.now() + jittered > deadline) {
      const at = s.now();
      return {
        ok: false,
        failed: records.map((rec) => ({
          rawData: rec.data,
          arrivalMs: rec.arrivalMs,
          errorOutputType: 'http-endpoint-failed',
          errorCode: r.code,
          errorMessage: r.message,
          attemptsMade: attempts,
          attemptEndingMs: at,
        })),
      };
    }
    await sleep(jittered, s.signal);
    backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
  }
}
