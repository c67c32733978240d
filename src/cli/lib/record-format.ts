/** How a record read from a stream is shown: for people (header + decoded data), raw, or as a JSONL line. */
import type { _Record } from '@aws-sdk/client-kinesis';
import type { Colors } from './output.js';
import { dataFields, decodeData, hexLines } from './record-data.js';

/** The offline SQL runner's JSONL line, plus where the record came from. */
export function recordJsonLine(record: _Record, extra: Record<string, unknown> = {}): string {
  const data = record.Data ?? new Uint8Array();
  return JSON.stringify({
    arrival: (record.ApproximateArrivalTimestamp ?? new Date(0)).toISOString(),
    ...dataFields(data),
    partitionKey: record.PartitionKey,
    sequenceNumber: record.SequenceNumber,
    ...extra,
  });
}

export function recordForHumans(shardId: string, record: _Record, c: Colors): string {
  const arrival = (record.ApproximateArrivalTimestamp ?? new Date(0)).toISOString();
  const header = `${c.dim('──')} ${c.cyan(arrival)}  ${c.dim(shardId)}  ${c.dim('seq')} ${record.SequenceNumber}  ${c.dim('key')} ${c.yellow(record.PartitionKey ?? '')}`;
  const bytes = record.Data ?? new Uint8Array();
  const d = decodeData(bytes);
  let body: string;
  if (d.kind === 'json') body = typeof d.value === 'object' && d.value !== null ? JSON.stringify(d.value, null, 2) : d.text;
  else if (d.kind === 'text') body = d.text;
  else body = `${c.dim(`binary, ${bytes.length} bytes:`)}\n${hexLines(bytes).join('\n')}`;
  return `${header}\n${body}\n`;
}

/** The record's bytes followed by a newline, for piping. */
export function recordRaw(record: _Record): Uint8Array {
  const data = record.Data ?? new Uint8Array();
  const outBytes = new Uint8Array(data.length + 1);
  outBytes.set(data);
  outBytes[data.length] = 0x0a;
  return outBytes;
}
