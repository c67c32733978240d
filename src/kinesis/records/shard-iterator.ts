/**
 * Shard iterators: opaque tokens that name a stream, a shard and a starting sequence number, in kinesalite's binary
 * format (which kinesalite's tests and the tools built on it check): base64 of an 8-byte version prefix
 * `00 00 00 00 00 00 00 01` followed by AES-256-CBC of `<14-digit ms>/<stream>/<shardId>/<sequence>/<36 zeros>`.
 * Encryption keeps clients from forging or editing them; the creation time gives them their 5-minute lifetime.
 */
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { AwsError } from '../../server/service.js';

// kinesalite's key and IV, so that iterators stay interchangeable with the tooling that decodes them.
const KEY = Buffer.from('1133a5a833666b49abf28c8ba302930f0b2fb240dccd43cf4dfbc0ca91f17751', 'hex');
const IV = Buffer.from('7bf139dbabbea2d9995d6fcae1dff7da', 'hex');
const VERSION_PREFIX = Buffer.from([0, 0, 0, 0, 0, 0, 0, 1]);
const TRAILER = '0'.repeat(36);
const MIN_BYTES = 152;
const MAX_BYTES = 280;
const SHARD_ID = /^shardId-\d{12}$/;
const STREAM_NAME = /^[a-zA-Z0-9_.-]{1,128}$/;

export const DEFAULT_ITERATOR_TTL_MS = 300_000;

export interface ShardIteratorContent {
  /** When the iterator was handed out (epoch ms). */
  createdMs: number;
  streamName: string;
  shardId: string;
  /** Decimal sequence number the next read starts at (inclusive). */
  sequenceNumber: string;
}

export function encodeShardIterator(streamName: string, shardId: string, sequenceNumber: string, nowMs = Date.now()): string {
  const plain = `${String(nowMs).padStart(14, '0')}/${streamName}/${shardId}/${sequenceNumber}/${TRAILER}`;
  const cipher = createCipheriv('aes-256-cbc', KEY, IV);
  return Buffer.concat([VERSION_PREFIX, cipher.update(plain, 'utf8'), cipher.final()]).toString('base64');
}

export function invalidShardIterator(): AwsError {
  return new AwsError('InvalidArgumentException', 'Invalid ShardIterator.');
}

/**
 * Decodes and checks an iterator: InvalidArgumentException "Invalid ShardIterator." for anything that is not one of
 * ours, ExpiredIteratorException (AWS's message) once it is older than `ttlMs`. AWS accepts an iterator wrapped in
 * double quotes (what some shells and tools hand over), so the quotes are dropped first.
 */
export function decodeShardIterator(iterator: string, ttlMs = DEFAULT_ITERATOR_TTL_MS, nowMs = Date.now()): ShardIteratorContent {
  let text = iterator;
  if (text.length >= 2 && text.charCodeAt(0) === 34 && text.charCodeAt(text.length - 1) === 34) text = text.slice(1, -1);
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length < MIN_BYTES || bytes.length > MAX_BYTES || bytes.toString('base64') !== text) throw invalidShardIterator();
  if (!bytes.subarray(0, 8).equals(VERSION_PREFIX)) throw invalidShardIterator();
  let plain: string;
  try {
    const decipher = createDecipheriv('aes-256-cbc', KEY, IV);
    plain = Buffer.concat([decipher.update(bytes.subarray(8)), decipher.final()]).toString('utf8');
  } catch {
    throw invalidShardIterator();
  }
  const pieces = plain.split('/');
  if (pieces.length !== 5) throw invalidShardIterator();
  const [msText, streamName, shardId, sequenceNumber, trailer] = pieces as [string, string, string, string, string];
  // The fixed trailer doubles as an integrity check: a tampered ciphertext garbles it.
  if (trailer !== TRAILER) throw invalidShardIterator();
  const createdMs = Number(msText);
  if (!(createdMs > 0 && createdMs <= nowMs)) throw invalidShardIterator();
  if (!STREAM_NAME.test(streamName) || !SHARD_ID.test(shardId) || !/^\d{1,130}$/.test(sequenceNumber)) {
    throw invalidShardIterator();
  }
  if (nowMs - createdMs > ttlMs) {
    throw new AwsError(
      'ExpiredIteratorException',
      `Iterator expired. The iterator was created at time ${toAmzUtcString(createdMs)} while right now it is ` +
        `${toAmzUtcString(nowMs)} which is further in the future than the tolerated delay of ${ttlMs} milliseconds.`,
    );
  }
  return { createdMs, streamName, shardId, sequenceNumber };
}

/** `Thu Jan 22 01:22:02 UTC 2015`, the date format of AWS's ExpiredIteratorException message. */
export function toAmzUtcString(ms: number): string {
  // toUTCString gives `Thu, 22 Jan 2015 01:22:02 GMT`.
  const m = /^(\w+), (\d+) (\w+) (\d+) ([\d:]+) GMT$/.exec(new Date(ms).toUTCString());
  if (!m) return new Date(ms).toISOString();
  return `${m[1]} ${m[3]} ${m[2]} ${m[5]} UTC ${m[4]}`;
}
