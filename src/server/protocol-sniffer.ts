/**
 * One port, two protocols: HTTP/2 clients with prior knowledge (the AWS SDK for JavaScript v3) open with the fixed
 * preface `PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n`; anything else is HTTP/1.1. The first bytes are read, put back with
 * unshift() and the socket is handed to the matching server, which reads them again (http2 drains bytes already
 * buffered on the socket; http parses them through its 'data' listener).
 */
import type { Socket } from 'node:net';

const PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 'latin1');
const SILENT_CONNECTION_MS = 120_000;

export interface ProtocolTargets {
  http1(socket: Socket): void;
  http2(socket: Socket): void;
}

export function sniffProtocol(socket: Socket, targets: ProtocolTargets): void {
  let seen: Buffer = Buffer.alloc(0);
  const onData = (chunk: Buffer): void => {
    seen = seen.length === 0 ? chunk : Buffer.concat([seen, chunk]);
    const n = Math.min(seen.length, PREFACE.length);
    const couldBeHttp2 = seen.compare(PREFACE, 0, n, 0, n) === 0;
    // A partial read that still matches the preface: wait for more bytes before deciding.
    if (couldBeHttp2 && n < PREFACE.length) return;
    socket.removeListener('data', onData);
    socket.removeListener('error', onEarlyError);
    socket.setTimeout(0);
    socket.removeListener('timeout', onSilent);
    socket.pause();
    socket.unshift(seen);
    if (couldBeHttp2) {
      targets.http2(socket);
    } else {
      targets.http1(socket);
      // The http server reads new bytes straight from the handle; resuming replays the unshifted ones through its
      // 'data' listener first.
      socket.resume();
    }
  };
  const onSilent = (): void => {
    socket.destroy();
  };
  const onEarlyError = (): void => {
    socket.destroy();
  };
  socket.on('error', onEarlyError);
  // A connection that never says anything would otherwise be held open until shutdown.
  socket.setTimeout(SILENT_CONNECTION_MS, onSilent);
  socket.on('data', onData);
}
