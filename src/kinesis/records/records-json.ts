/**
 * GetRecords' `Records` for JSON answers, rendered straight from the stored records into the response buffer: no
 * per-record object, Date, sequence-number string or base64 string. The bytes are exactly those the generic encoder
 * writes for the `WireRecord` objects `toWireRecords` builds (same members, same order, same number formatting).
 *
 * Sequence numbers are kept as ASCII digits: within a run of consecutive positions in the same second each number is
 * the previous one plus 2^80, added digit by digit; anything else is converted from the shard's BigInt once.
 */
import { base64Into, base64Length } from '../../server/base64-writer.js';
import { PreEncodedJsonArray, type JsonOut } from '../../server/json-codec.js';
import type { StoredRecord } from '../../storage/engine.js';
import type { ShardSequencer } from './sequence-format.js';

/** 2^80 in decimal, least significant digit first. */
const STEP_DIGITS = Uint8Array.from((1n << 80n).toString().split('').reverse(), (c) => c.charCodeAt(0) - 48);

const OPEN_SEQ = Buffer.from('{"SequenceNumber":"');
const ARRIVAL = Buffer.from('","ApproximateArrivalTimestamp":');
const DATA = Buffer.from(',"Data":"');
const KEY = Buffer.from('","PartitionKey":');
const KMS = Buffer.from(',"EncryptionType":"KMS"');

function put(out: JsonOut, bytes: Buffer): void {
  const b = out.buf;
  let p = out.pos;
  for (let i = 0; i < bytes.length; i++) b[p++] = bytes[i]!;
  out.pos = p;
}

/** A string as JSON (as JSON.stringify writes it); `out` must have room for 2 + its length when it is plain ASCII. */
function putString(out: JsonOut, s: string): void {
  const n = s.length;
  const b = out.buf;
  let p = out.pos;
  b[p++] = 0x22;
  let i = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) break;
    b[p++] = c;
  }
  if (i === n) {
    b[p++] = 0x22;
    out.pos = p;
    return;
  }
  const quoted = JSON.stringify(s);
  const len = Buffer.byteLength(quoted, 'utf8');
  out.reserve(len);
  out.pos += out.buf.write(quoted, out.pos, len, 'utf8');
}

export class RecordsJsonPage extends PreEncodedJsonArray {
  private stored: StoredRecord[] = [];
  private sequencer!: ShardSequencer;
  private cutoffMs = 0;
  private kms = false;

  /** The records of `stored` that arrived at or after `cutoffMs` (the others are past retention). */
  static page(stored: StoredRecord[], sequencer: ShardSequencer, cutoffMs: number, kms: boolean): RecordsJsonPage {
    const page = new RecordsJsonPage();
    page.stored = stored;
    page.sequencer = sequencer;
    page.cutoffMs = cutoffMs;
    page.kms = kms;
    let n = 0;
    for (let i = 0; i < stored.length; i++) if (stored[i]!.arrivalMs >= cutoffMs) n++;
    page.length = n;
    return page;
  }

  // Array methods that make new arrays (map, filter, …) construct the species: plain arrays.
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }

  writeJson(out: JsonOut): void {
    out.reserve(1);
    out.buf[out.pos++] = 0x5b;
    // Current sequence number, least significant digit first (values 0–9), and its length.
    const digits = new Uint8Array(64);
    let nd = 0;
    let lastPosition = -2;
    let lastSecs = -1;
    let lastMs = -1;
    let msText = Buffer.alloc(0);
    let first = true;
    const seq = this.sequencer;
    for (let r = 0; r < this.stored.length; r++) {
      const rec = this.stored[r]!;
      if (rec.arrivalMs < this.cutoffMs) continue;
      const secs = seq.secondsOf(rec.arrivalMs);
      let carried = false;
      if (rec.position === lastPosition + 1 && secs === lastSecs) {
        let carry = 0;
        for (let i = 0; i < nd; i++) {
          const d = digits[i]! + (i < STEP_DIGITS.length ? STEP_DIGITS[i]! : 0) + carry;
          if (d >= 10) {
            digits[i] = d - 10;
            carry = 1;
          } else {
            digits[i] = d;
            carry = 0;
            if (i >= STEP_DIGITS.length) break;
          }
        }
        carried = carry === 0;
      }
      if (!carried) {
        const text = seq.valueAt(rec.position, rec.arrivalMs).toString();
        nd = text.length;
        for (let i = 0; i < nd; i++) digits[i] = text.charCodeAt(nd - 1 - i) - 48;
      }
      lastPosition = rec.position;
      lastSecs = secs;
      if (rec.arrivalMs !== lastMs) {
        lastMs = rec.arrivalMs;
        msText = Buffer.from(String(lastMs / 1000), 'latin1');
      }
      const data = rec.data;
      const key = rec.partitionKey;
      out.reserve(
        1 + OPEN_SEQ.length + nd + ARRIVAL.length + msText.length + DATA.length + base64Length(data.byteLength) +
          KEY.length + key.length + 3 + KMS.length + 1,
      );
      const b = out.buf;
      if (!first) b[out.pos++] = 0x2c;
      first = false;
      put(out, OPEN_SEQ);
      let p = out.pos;
      for (let i = nd - 1; i >= 0; i--) b[p++] = digits[i]! + 48;
      out.pos = p;
      put(out, ARRIVAL);
      put(out, msText);
      put(out, DATA);
      out.pos = base64Into(data, b, out.pos);
      put(out, KEY);
      putString(out, key);
      out.reserve(KMS.length + 2);
      if (this.kms) put(out, KMS);
      out.buf[out.pos++] = 0x7d;
    }
    out.reserve(1);
    out.buf[out.pos++] = 0x5d;
  }
}
