/**
 * AWS event-stream framing (application/vnd.amazon.eventstream), used by SubscribeToShard:
 *   [total length u32][headers length u32][prelude CRC32][headers][payload][message CRC32]
 * with string headers encoded as `name length u8, name, type 7, value length u16, value`. Written here rather than
 * with @smithy/eventstream-codec because only string headers are needed and Node's built-in zlib.crc32 is native.
 */
import { crc32 } from 'node:zlib';
import { encodeCbor } from './cbor-codec.js';
import { encodeJsonBytes } from './json-codec.js';
import type { EventStreamMessage, WireProtocol } from './service.js';

const STRING_TYPE = 7;

/** One framed message with the given string headers (in order) and payload. */
export function frameMessage(headers: ReadonlyArray<readonly [string, string]>, payload: Uint8Array): Buffer {
  let headersLength = 0;
  const encoded = headers.map(([name, value]) => {
    const n = Buffer.from(name, 'utf8');
    const v = Buffer.from(value, 'utf8');
    headersLength += 1 + n.length + 1 + 2 + v.length;
    return [n, v] as const;
  });
  const total = 12 + headersLength + payload.byteLength + 4;
  const out = Buffer.allocUnsafe(total);
  out.writeUInt32BE(total, 0);
  out.writeUInt32BE(headersLength, 4);
  out.writeUInt32BE(crc32(out.subarray(0, 8)), 8);
  let pos = 12;
  for (const [n, v] of encoded) {
    out[pos++] = n.length;
    n.copy(out, pos);
    pos += n.length;
    out[pos++] = STRING_TYPE;
    out.writeUInt16BE(v.length, pos);
    pos += 2;
    v.copy(out, pos);
    pos += v.length;
  }
  out.set(payload, pos);
  pos += payload.byteLength;
  out.writeUInt32BE(crc32(out.subarray(0, pos)), pos);
  return out;
}

/** Frames a service's event-stream message, its payload encoded in the request's protocol. */
export function encodeEventStreamMessage(msg: EventStreamMessage, protocol: WireProtocol): Buffer {
  const payload = protocol === 'cbor' ? encodeCbor(msg.payload) : encodeJsonBytes(msg.payload);
  const contentType = protocol === 'cbor' ? 'application/cbor' : 'application/json';
  if (msg.kind === 'event') {
    return frameMessage(
      [
        [':event-type', msg.eventType],
        [':content-type', contentType],
        [':message-type', 'event'],
      ],
      payload,
    );
  }
  return frameMessage(
    [
      [':exception-type', msg.exceptionType],
      [':content-type', contentType],
      [':message-type', 'exception'],
    ],
    payload,
  );
}
