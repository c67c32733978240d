/**
 * A log folder's `LOG` file: the log key (the folder name is only an encoding of it) and a random incarnation id,
 * so that commit-journal entries written for a log that was since deleted can never be replayed into a new log
 * created under the same key.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { replaceFileDurably } from './durable-fs.js';

const LOG_FILE = 'LOG';

export interface LogIdentity {
  key: string;
  id: string;
}

/** Writes the identity of a new log durably (the folder is fsynced too). */
export function writeLogIdentity(dir: string, key: string): LogIdentity {
  const identity = { key, id: randomBytes(8).toString('hex') };
  replaceFileDurably(join(dir, LOG_FILE), JSON.stringify(identity));
  return identity;
}

/** The identity in `dir`, or undefined if the folder has none (its creation never completed). */
export function readLogIdentity(dir: string): LogIdentity | undefined {
  let text: string;
  try {
    text = readFileSync(join(dir, LOG_FILE), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed = JSON.parse(text) as Partial<LogIdentity>;
    if (typeof parsed.key === 'string' && typeof parsed.id === 'string') return { key: parsed.key, id: parsed.id };
  } catch {
    // not JSON: the first format, the bare key
  }
  return { key: text, id: '' };
}
