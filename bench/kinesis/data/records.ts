/**
 * Deterministic record payloads, so a read-back can verify every byte without keeping what was written: record
 * `id` is 100 bytes, its id as 12 ASCII digits followed by filler bytes derived from the id.
 */
import { WORKLOAD } from '../config.js';

const ID_DIGITS = 12;

export function recordPayload(id: number, size: number = WORKLOAD.recordBytes): Buffer {
  const buf = Buffer.allocUnsafe(size);
  buf.write(String(id).padStart(ID_DIGITS, '0'), 0, 'latin1');
  for (let i = ID_DIGITS; i < size; i++) buf[i] = (id * 31 + i * 7) & 0xff;
  return buf;
}

/** The id a payload claims, or -1 if it is not one of ours. */
export function payloadId(payload: Buffer): number {
  if (payload.length < ID_DIGITS) return -1;
  const id = Number(payload.toString('latin1', 0, ID_DIGITS));
  return Number.isInteger(id) ? id : -1;
}

/** JSON body of one PutRecords request carrying records `firstId … firstId+count-1`, one partition key each. */
export function putRecordsBody(streamName: string, firstId: number, count: number): Buffer {
  const entries: string[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const id = firstId + i;
    entries[i] = `{"Data":"${recordPayload(id).toString('base64')}","PartitionKey":"pk-${id}"}`;
  }
  return Buffer.from(`{"StreamName":"${streamName}","Records":[${entries.join(',')}]}`);
}

export function putRecordBody(streamName: string, id: number): Buffer {
  return Buffer.from(`{"StreamName":"${streamName}","Data":"${recordPayload(id).toString('base64')}","PartitionKey":"pk-${id}"}`);
}
