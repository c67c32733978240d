/**
 * KPL aggregation: a record that starts with the magic bytes F3 89 9A C2 holds a protobuf `AggregatedRecord`
 * followed by the MD5 of the protobuf bytes. Firehose splits those into their user records when reading a Kinesis
 * stream (and for the RecordDeAggregation processor). A record whose MD5 does not match is left as it is, as the
 * KPL's own de-aggregator does.
 */
import { createHash } from 'node:crypto';

const MAGIC = Buffer.from([0xf3, 0x89, 0x9a, 0xc2]);
const MD5_LENGTH = 16;

export interface UserRecord {
  data: Buffer;
  partitionKey?: string;
}

function varint(buf: Buffer, at: { i: number }): number {
  let result = 0;
  let shift = 0;
  for (;;) {
    if (at.i >= buf.length) throw new Error('truncated varint');
    const b = buf[at.i++]!;
    result += (b & 0x7f) * 2 ** shift;
    if (!(b & 0x80)) return result;
    shift += 7;
  }
}

/** Field number → values (length-delimited fields as Buffers, varints as numbers). */
function fields(buf: Buffer): Array<[number, Buffer | number]> {
  const out: Array<[number, Buffer | number]> = [];
  const at = { i: 0 };
  while (at.i < buf.length) {
    const key = varint(buf, at);
    const field = Math.floor(key / 8);
    switch (key & 7) {
      case 0:
        out.push([field, varint(buf, at)]);
        break;
      case 2: {
        const len = varint(buf, at);
        if (at.i + len > buf.length) throw new Error('truncated field');
        out.push([field, buf.subarray(at.i, at.i + len)]);
        at.i += len;
        break;
      }
      case 1:
        at.i += 8;
        break;
      case 5:
        at.i += 4;
        break;
      default:
        throw new Error('unsupported wire type');
    }
  }
  return out;
}

export function isAggregated(data: Uint8Array): boolean {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (buf.length < MAGIC.length + MD5_LENGTH || !buf.subarray(0, 4).equals(MAGIC)) return false;
  const body = buf.subarray(4, buf.length - MD5_LENGTH);
  return createHash('md5').update(body).digest().equals(buf.subarray(buf.length - MD5_LENGTH));
}

/** The user records of an aggregated record, or the record itself when it is not one. */
export function deaggregate(data: Uint8Array): UserRecord[] {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (!isAggregated(buf)) return [{ data: buf }];
  try {
    const top = fields(buf.subarray(4, buf.length - MD5_LENGTH));
    const keys = top.filter(([f]) => f === 1).map(([, v]) => (v as Buffer).toString('utf8'));
    const records: UserRecord[] = [];
    for (const [f, v] of top) {
      if (f !== 3) continue;
      const rec = fields(v as Buffer);
      const dataField = rec.find(([n]) => n === 3);
      const keyIndex = rec.find(([n]) => n === 1)?.[1] as number | undefined;
      records.push({ data: Buffer.from((dataField?.[1] as Buffer | undefined) ?? Buffer.alloc(0)), ...(keyIndex !== undefined ? { partitionKey: keys[keyIndex] } : {}) });
    }
    return records;
  } catch {
    return [{ data: buf }];
  }
}

/** Builds an aggregated record (tests and producers); `partitionKeys[i]` belongs to `records[i]`. */
export function aggregate(records: Array<{ data: Uint8Array; partitionKey: string }>): Buffer {
  const keyIndex = new Map<string, number>();
  const parts: Buffer[] = [];
  const enc = (n: number): Buffer => {
    const bytes: number[] = [];
    do {
      let b = n % 128;
      n = Math.floor(n / 128);
      if (n > 0) b |= 0x80;
      bytes.push(b);
    } while (n > 0);
    return Buffer.from(bytes);
  };
  const ld = (field: number, value: Buffer): Buffer => Buffer.concat([enc(field * 8 + 2), enc(value.length), value]);
  for (const r of records) {
    if (!keyIndex.has(r.partitionKey)) {
      keyIndex.set(r.partitionKey, keyIndex.size);
      parts.push(ld(1, Buffer.from(r.partitionKey, 'utf8')));
    }
  }
  for (const r of records) {
    const inner = Buffer.concat([enc(1 * 8), enc(keyIndex.get(r.partitionKey)!), ld(3, Buffer.from(r.data))]);
    parts.push(ld(3, inner));
  }
  const body = Buffer.concat(parts);
  return Buffer.concat([MAGIC, body, createHash('md5').update(body).digest()]);
}
