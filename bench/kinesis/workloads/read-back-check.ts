/** Exact read-back check: every id 0…expected-1 present once, with exactly the bytes that were written. */
import { payloadId, recordPayload } from '../data/records.js';

export interface ReadBackCheck {
  exact: boolean;
  recordsRead: number;
  missing: number;
  duplicates: number;
  corrupt: number;
  summary: string;
}

export function verifyReadBack(pages: readonly Buffer[], expected: number): ReadBackCheck {
  const seen = new Uint8Array(expected);
  let recordsRead = 0;
  let duplicates = 0;
  let corrupt = 0;
  for (const page of pages) {
    const out = JSON.parse(page.toString('utf8')) as { Records: { Data: string }[] };
    for (const record of out.Records) {
      recordsRead++;
      const bytes = Buffer.from(record.Data, 'base64');
      const id = payloadId(bytes);
      if (id < 0 || id >= expected || !bytes.equals(recordPayload(id))) {
        corrupt++;
        continue;
      }
      if (seen[id]) duplicates++;
      seen[id] = 1;
    }
  }
  let missing = 0;
  for (let i = 0; i < expected; i++) if (!seen[i]) missing++;
  const exact = missing === 0 && duplicates === 0 && corrupt === 0 && recordsRead === expected;
  const summary = exact
    ? `all ${expected} records read back exactly once, byte for byte`
    : `${recordsRead} read of ${expected}: ${missing} missing, ${duplicates} duplicated, ${corrupt} corrupt`;
  return { exact, recordsRead, missing, duplicates, corrupt, summary };
}
