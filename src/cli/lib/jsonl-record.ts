/** Reading one line of the JSONL export format back into a record to write. */
import { CliError } from './errors.js';
import { bytesFromFields } from './record-data.js';

export interface LoadedRecord {
  data: Uint8Array;
  partitionKey?: string;
}

export function parseJsonlRecord(line: string, where: string): LoadedRecord {
  let obj: unknown;
  try {
    obj = JSON.parse(line);
  } catch (err) {
    throw new CliError(`${where}: not JSON (${(err as Error).message})`);
  }
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) throw new CliError(`${where}: expected {"arrival": …, "data": …}`);
  const o = obj as Record<string, unknown>;
  let data: Uint8Array;
  try {
    data = bytesFromFields(o, where);
  } catch (err) {
    throw new CliError((err as Error).message);
  }
  const key = o['partitionKey'];
  return typeof key === 'string' && key.length > 0 ? { data, partitionKey: key } : { data };
}
