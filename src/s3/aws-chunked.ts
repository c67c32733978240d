/**
 * Decodes `Content-Encoding: aws-chunked` bodies, which the SDKs send for streaming uploads:
 * `STREAMING-AWS4-HMAC-SHA256-PAYLOAD` (each chunk `<hex size>;chunk-signature=<sig>\r\n<data>\r\n`) and
 * `STREAMING-UNSIGNED-PAYLOAD-TRAILER` (`<hex size>\r\n<data>\r\n`, then after the `0` chunk trailing headers such
 * as `x-amz-checksum-crc32:<base64>`). The data goes on; the trailers are collected for the response.
 * Chunk signatures are not verified.
 */
import { Transform, type TransformCallback } from 'node:stream';
import { S3Error } from './errors.js';

type State = 'header' | 'data' | 'data-end' | 'trailers' | 'done';

const malformed = (): S3Error => new S3Error('IncompleteBody', 'The request body terminated unexpectedly', 400);

export class AwsChunkedDecoder extends Transform {
  /** Trailing headers, lower-cased names (e.g. `x-amz-checksum-crc32`). */
  readonly trailers: Record<string, string> = {};
  private state: State = 'header';
  private pending: Buffer = Buffer.alloc(0);
  private remaining = 0;

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    try {
      this.consume();
      done();
    } catch (err) {
      done(err as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    // A body that ends right after the last chunk, with no trailer section, is complete too.
    if (this.state === 'done' || (this.state === 'trailers' && this.pending.length === 0)) return done();
    done(malformed());
  }

  private consume(): void {
    for (;;) {
      if (this.state === 'data') {
        if (this.pending.length === 0) return;
        const take = Math.min(this.remaining, this.pending.length);
        this.push(this.pending.subarray(0, take));
        this.pending = this.pending.subarray(take);
        this.remaining -= take;
        if (this.remaining === 0) this.state = 'data-end';
        continue;
      }
      if (this.state === 'done') {
        this.pending = Buffer.alloc(0);
        return;
      }
      const eol = this.pending.indexOf('\r\n');
      if (eol === -1) {
        if (this.pending.length > 64 * 1024) throw malformed();
        return;
      }
      const line = this.pending.subarray(0, eol).toString('latin1');
      this.pending = this.pending.subarray(eol + 2);
      if (this.state === 'data-end') {
        if (line !== '') throw malformed();
        this.state = 'header';
      } else if (this.state === 'header') {
        const size = parseInt(line.split(';', 1)[0]!.trim(), 16);
        if (!Number.isFinite(size) || size < 0) throw malformed();
        if (size === 0) this.state = 'trailers';
        else {
          this.remaining = size;
          this.state = 'data';
        }
      } else if (line === '') {
        this.state = 'done';
      } else {
        const colon = line.indexOf(':');
        if (colon > 0) this.trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
    }
  }
}

/** Whether a request's body is aws-chunked framed. */
export function isAwsChunked(headers: Record<string, string | string[] | undefined>): boolean {
  const sha = String(headers['x-amz-content-sha256'] ?? '');
  const encoding = String(headers['content-encoding'] ?? '');
  return sha.startsWith('STREAMING-') || encoding.split(',').some((e) => e.trim() === 'aws-chunked');
}

/** The Content-Encoding to store: the client's, without the transfer-only `aws-chunked`. */
export function storedContentEncoding(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const rest = value
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e && e !== 'aws-chunked');
  return rest.length ? rest.join(', ') : undefined;
}
