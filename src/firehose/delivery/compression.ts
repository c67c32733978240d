/**
 * S3 object compression as Firehose writes it. Framings follow what AWS produces (probed against AWS by the Floci
 * project, issue floci-io/floci#2328): `Snappy` is snappy-java's stream format (magic 0x82 "SNAPPY" 0x00, then
 * length-prefixed blocks), `HADOOP_SNAPPY` is Hadoop's block format; both objects end in `.snappy` (AWS's table
 * says `.hsnappy` for the latter, AWS itself writes `.snappy`). ZIP holds one deflated entry.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { unzipSync, zipSync } from 'fflate';
import snappy from 'snappyjs';

export type CompressionFormat = 'UNCOMPRESSED' | 'GZIP' | 'ZIP' | 'Snappy' | 'HADOOP_SNAPPY';

export interface Compressed {
  body: Uint8Array;
  extension: string;
  contentEncoding?: string;
}

const SNAPPY_JAVA_MAGIC = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00]);
/** snappy-java's default block size (32 KiB) and Hadoop's default codec buffer (256 KiB). */
const SNAPPY_JAVA_BLOCK = 32 * 1024;
const HADOOP_BLOCK = 256 * 1024;

function int32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

function blocks(data: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < data.length; i += size) out.push(data.subarray(i, i + size));
  return out;
}

function snappyJava(data: Uint8Array): Buffer {
  const parts: Uint8Array[] = [SNAPPY_JAVA_MAGIC, int32(1), int32(1)];
  for (const block of blocks(data, SNAPPY_JAVA_BLOCK)) {
    const c = snappy.compress(block);
    parts.push(int32(c.length), c);
  }
  return Buffer.concat(parts);
}

function hadoopSnappy(data: Uint8Array): Buffer {
  const parts: Uint8Array[] = [];
  for (const block of blocks(data, HADOOP_BLOCK)) {
    const c = snappy.compress(block);
    parts.push(int32(block.length), int32(c.length), c);
  }
  return Buffer.concat(parts);
}

/** `entryName` names the ZIP's one entry (the object's file name without `.zip`). */
export function compress(format: CompressionFormat, data: Uint8Array, entryName: string): Compressed {
  switch (format) {
    case 'GZIP':
      return { body: gzipSync(data), extension: '.gz', contentEncoding: 'gzip' };
    case 'ZIP':
      return { body: zipSync({ [entryName]: data }), extension: '.zip', contentEncoding: 'zip' };
    case 'Snappy':
      return { body: snappyJava(data), extension: '.snappy', contentEncoding: 'snappy-java' };
    case 'HADOOP_SNAPPY':
      return { body: hadoopSnappy(data), extension: '.snappy', contentEncoding: 'hadoop-snappy' };
    default:
      return { body: data, extension: '' };
  }
}

/** The inverse, for tests and tools that read delivered objects back. */
export function decompress(format: CompressionFormat, body: Uint8Array): Buffer {
  const buf = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  switch (format) {
    case 'GZIP':
      return gunzipSync(buf);
    case 'ZIP':
      return Buffer.concat(Object.values(unzipSync(buf)));
    case 'Snappy': {
      if (!buf.subarray(0, 8).equals(SNAPPY_JAVA_MAGIC)) throw new Error('not a snappy-java stream');
      const parts: Uint8Array[] = [];
      for (let i = 16; i < buf.length; ) {
        const n = buf.readUInt32BE(i);
        parts.push(snappy.uncompress(buf.subarray(i + 4, i + 4 + n)));
        i += 4 + n;
      }
      return Buffer.concat(parts);
    }
    case 'HADOOP_SNAPPY': {
      const parts: Uint8Array[] = [];
      for (let i = 0; i < buf.length; ) {
        const raw = buf.readUInt32BE(i);
        i += 4;
        let got = 0;
        while (got < raw) {
          const n = buf.readUInt32BE(i);
          const block = snappy.uncompress(buf.subarray(i + 4, i + 4 + n));
          parts.push(block);
          got += block.length;
          i += 4 + n;
        }
      }
      return Buffer.concat(parts);
    }
    default:
      return buf;
  }
}
