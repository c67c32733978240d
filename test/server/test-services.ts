/** Test-only AWS JSON services, to exercise the transport without the Kinesis service. */
import { AwsError, type AwsJsonService, type EventStreamMessage, type RequestContext } from '../../src/server/service.js';

export const TEST_PREFIX = 'Test_20260101';

export interface StreamControl {
  /** Resolves when the service's event stream was stopped with return() (client went away). */
  returned: Promise<void>;
  /** Messages yielded so far. */
  yielded: number;
}

/**
 * - Echo: returns the decoded input and the request context (minus the signal).
 * - Fail: throws AwsError(input.Type, input.Message, input.Status).
 * - Crash: throws a plain Error (must become InternalFailure).
 * - Blob / GetBlob: stores input.Data (base64 with JSON, bytes with CBOR) and input.At, returns them as bytes/Date.
 * - Slow: answers after input.Ms milliseconds.
 * - Stream: an event stream of input.Count events (then ends), or endless when Count is absent.
 */
export type TestService = AwsJsonService & {
  lastStream?: StreamControl;
  lastCtx?: RequestContext;
  /** How many calls each operation has received so far. */
  calls: Map<string, number>;
};

export function createTestService(): TestService {
  let stored: { data: Buffer; at: Date } | undefined;
  const service: TestService = {
    calls: new Map(),
    targetPrefix: TEST_PREFIX,
    signingName: 'test',
    operations: new Set(['Echo', 'Fail', 'Crash', 'PutBlob', 'GetBlob', 'Stream', 'Slow']),
    async handle(operation, input, ctx) {
      service.lastCtx = ctx;
      service.calls.set(operation, (service.calls.get(operation) ?? 0) + 1);
      const body = input as Record<string, any>;
      switch (operation) {
        case 'Echo': {
          const { signal: _signal, ...context } = ctx;
          return { Input: body, Context: context };
        }
        case 'Slow':
          await new Promise((r) => setTimeout(r, body.Ms));
          return { Done: true };
        case 'Fail':
          throw new AwsError(body.Type, body.Message, body.Status ?? 400);
        case 'Crash':
          throw new Error('secret internal detail');
        case 'PutBlob': {
          const data = typeof body.Data === 'string' ? Buffer.from(body.Data, 'base64') : Buffer.from(body.Data);
          const at = body.At instanceof Date ? body.At : ctx.protocol === 'json' ? new Date(body.At * 1000) : new Date(body.At);
          stored = { data, at };
          return {};
        }
        case 'GetBlob':
          return { Data: stored?.data, At: stored?.at, Missing: undefined };
        case 'Stream': {
          let resolveReturned!: () => void;
          const control: StreamControl = { returned: new Promise((r) => (resolveReturned = r)), yielded: 0 };
          service.lastStream = control;
          const count: number | undefined = body.Count;
          const failWith: string | undefined = body.FailWith;
          const iterator: AsyncIterator<EventStreamMessage> & AsyncIterable<EventStreamMessage> = {
            [Symbol.asyncIterator]() {
              return this;
            },
            async next() {
              if (count !== undefined && control.yielded >= count) {
                if (failWith) throw new AwsError(failWith, 'stream failed on purpose');
                return { done: true, value: undefined };
              }
              if (control.yielded > 0) await new Promise((r) => setTimeout(r, 5));
              const n = control.yielded++;
              if (n === 0) return { done: false, value: { kind: 'event', eventType: 'initial-response', payload: {} } };
              return {
                done: false,
                value: { kind: 'event', eventType: 'TestEvent', payload: { N: n, Data: Buffer.from([n, 0, 255]), At: new Date(1700000000123) } },
              };
            },
            async return() {
              resolveReturned();
              return { done: true, value: undefined };
            },
          };
          return { eventStream: iterator };
        }
      }
      throw new Error(`unexpected operation ${operation}`);
    },
  };
  return service;
}

/** The headers of a well-formed (unverified) SigV4 request to the test service. */
export function signedHeaders(operation: string, contentType = 'application/x-amz-json-1.1'): Record<string, string> {
  return {
    'content-type': contentType,
    'x-amz-target': `${TEST_PREFIX}.${operation}`,
    'x-amz-date': '20260101T000000Z',
    authorization:
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/eu-west-3/test/aws4_request, SignedHeaders=host;x-amz-date, Signature=00',
  };
}

/**
 * Resolves once `check` holds, polling (for tests that must wait until the server has received something); fails
 * instead of hanging the suite when it never does.
 */
export async function until(check: () => boolean, giveUpMs = 20_000): Promise<void> {
  const deadline = Date.now() + giveUpMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`condition still false after ${giveUpMs} ms: ${check.toString()}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
