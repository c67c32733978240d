/** Control-plane calls through a transport: JSON in, JSON out, AWS error envelopes turned into exceptions. */
import type { KinesisTransport } from './transport.js';

export class KinesisCallError extends Error {
  constructor(
    readonly operation: string,
    readonly status: number,
    readonly errorType: string,
    message: string,
  ) {
    super(`${operation}: HTTP ${status} ${errorType}: ${message}`);
  }
}

export async function callJson<T = Record<string, unknown>>(transport: KinesisTransport, operation: string, input: object): Promise<T> {
  const res = await transport.send(operation, JSON.stringify(input));
  const text = res.body.toString('utf8');
  if (res.status !== 200) {
    let type = 'Unknown';
    let message = text.slice(0, 300);
    try {
      const parsed = JSON.parse(text) as { __type?: string; message?: string; Message?: string };
      type = parsed.__type ?? type;
      message = parsed.message ?? parsed.Message ?? message;
    } catch {
      // not JSON: keep the raw text
    }
    throw new KinesisCallError(operation, res.status, type, message);
  }
  return (text ? JSON.parse(text) : {}) as T;
}
