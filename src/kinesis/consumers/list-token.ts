/** ListStreamConsumers' NextToken: opaque to clients, it carries the stream and the offset to continue from. */
import { AwsError } from '../../server/service.js';

export function encodeListToken(streamArn: string, offset: number): string {
  return Buffer.from(JSON.stringify({ s: streamArn, o: offset }), 'utf8').toString('base64');
}

export function decodeListToken(token: string, streamArn: string): number {
  try {
    const v = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { s?: unknown; o?: unknown };
    if (v.s === streamArn && typeof v.o === 'number' && Number.isInteger(v.o) && v.o >= 0) return v.o;
  } catch {
    // fall through
  }
  throw new AwsError('InvalidArgumentException', `Invalid NextToken: ${token}`);
}
