/**
 * Functions that are HTTP endpoints: the event is POSTed as JSON, a 2xx answer's body is the result (sent on as
 * it is when it is not JSON), anything else is a function error.
 */
import type { InvocationOutcome } from './handler-processes.js';

export async function invokeUrl(url: string, event: unknown, timeoutSeconds: number, requestId: string): Promise<InvocationOutcome> {
  const fail = (errorType: string, errorMessage: string): InvocationOutcome => ({
    payload: JSON.stringify({ errorType, errorMessage }),
    functionError: 'Unhandled',
    logs: '',
  });
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'lambda-runtime-aws-request-id': requestId },
      body: JSON.stringify(event ?? null),
      signal: AbortSignal.timeout(timeoutSeconds * 1000),
    });
  } catch (err) {
    if ((err as Error).name === 'TimeoutError') {
      return fail('Sandbox.Timedout', `RequestId: ${requestId} Error: Task timed out after ${timeoutSeconds.toFixed(2)} seconds`);
    }
    return fail('Runtime.HttpError', `${url}: ${(err as Error).message}`);
  }
  const text = await res.text();
  if (!res.ok) return fail('Runtime.HttpError', `${url} answered ${res.status}: ${text.slice(0, 200)}`);
  if (text.trim() === '') return { payload: 'null', logs: '' };
  try {
    JSON.parse(text);
    return { payload: text, logs: '' };
  } catch {
    return { payload: JSON.stringify(text), logs: '' };
  }
}
