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
  let stopped = false;
  let wakeWriter: (() => void) | undefined;
  const stopProducer = (): void => {
    if (stopped) return;
    stopped = true;
    void Promise.resolve(iterator.return?.()).catch(() => undefined);
  };
  const markClosed = (): void => {
    closed = true;
    wakeWriter?.();
    stopProducer();
  };
  // 'close' also follows a normal end; only a response we never ended means the client went away. (Not
  // writableFinished: HTTP/2 reports an aborted stream as finished.) The producer is stopped even while it waits
  // for its next item.
  res.once('close', () => {
    if (!res.writableEnded) markClosed();
    else closed = true;
  });
  /** Writes unless the client is gone; a write racing the disconnect (HTTP/2 throws) counts as gone. */
  const write = (chunk: Buffer): boolean => {
    if (closed) return true;
    try {
      return res.write(chunk);
    } catch {
      markClosed();
      return true;
    }
  };

  try {
    while (!closed) {
      const next = await iterator.next();
      if (next.done || closed) break;
      if (!write(encodeEventStreamMessage(next.value, protocol)) && !closed) {
        await new Promise<void>((resolve) => {
          wakeWriter = resolve;
          res.once('drain', resolve);
        });
        wakeWriter = undefined;
      }
    }
  } catch (err) {
    // The producer failed: tell the client in-stream, as AWS does.
    if (!(err instanceof AwsError)) logError(err);
    const type = err instanceof AwsError ? err.type : 'InternalFailure';
    const payload: Record<string, unknown> = {};
    if (err instanceof AwsError && err.hasMessage) payload[err.messageKey] = err.message;
    write(encodeEventStreamMessage({ kind: 'exception', exceptionType: type, payload }, protocol));
  }
  if (!closed) {
    try {
      res.end();
    } catch {
      /* the client left between the last write and the end */
    }
  }
}
