/**
 * Writes a service's EventStreamResult as the HTTP response: 200, application/vnd.amazon.eventstream, one framed
 * message per yielded item, each flushed as soon as it is produced (chunked on HTTP/1.1, DATA frames on HTTP/2).
 * When the client disconnects the iterator is stopped with return().
 */
import { EVENT_STREAM } from './content-types.js';
import { encodeEventStreamMessage } from './event-stream.js';
import type { ResponseLike } from './http-types.js';
import { AwsError, type EventStreamMessage, type WireProtocol } from './service.js';

export async function writeEventStream(
  res: ResponseLike,
  stream: AsyncIterable<EventStreamMessage>,
  protocol: WireProtocol,
  logError: (err: unknown) => void,
): Promise<void> {
  res.statusCode = 200;
  res.setHeader('Content-Type', EVENT_STREAM);
  (res as unknown as { flushHeaders(): void }).flushHeaders();

  const iterator = stream[Symbol.asyncIterator]();
  let closed = false;
  let wakeWriter: (() => void) | undefined;
  res.once('close', () => {
    closed = true;
    wakeWriter?.();
    // Stop the producer even while it is waiting for its next item. (writableEnded, not writableFinished: HTTP/2
    // reports an aborted stream as finished.)
    if (!res.writableEnded) void iterator.return?.().catch(() => undefined);
  });

  try {
    while (!closed) {
      const next = await iterator.next();
      if (next.done || closed) break;
      const ok = res.write(encodeEventStreamMessage(next.value, protocol));
      if (!ok && !closed) {
        await new Promise<void>((resolve) => {
          wakeWriter = resolve;
          res.once('drain', resolve);
        });
        wakeWriter = undefined;
      }
    }
  } catch (err) {
    if (!closed) {
      const type = err instanceof AwsError ? err.type : 'InternalFailure';
      if (!(err instanceof AwsError)) logError(err);
      const payload: Record<string, unknown> = {};
      if (err instanceof AwsError && err.hasMessage) payload[err.messageKey] = err.message;
      res.write(encodeEventStreamMessage({ kind: 'exception', exceptionType: type, payload }, protocol));
    }
  }
  if (!closed) res.end();
}
