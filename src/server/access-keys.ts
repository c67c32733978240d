/** Reading access keys from the command line (`ID:SECRET[:ACCOUNT]`) and from a JSON file. */
import { readFile } from 'node:fs/promises';
import type { AccessKey } from './sigv4-verifier.js';

const ACCOUNT_ID = /^\d{12}$/;

export function parseAccessKeySpec(spec: string): AccessKey {
  const parts = spec.split(':');
  if (parts.length < 2 || parts.length > 3 || !parts[0] || !parts[1]) {
    throw new Error(`access key "${spec}" must look like ID:SECRET or ID:SECRET:ACCOUNT`);
  }
  const accountId = parts[2];
  if (accountId !== undefined && !ACCOUNT_ID.test(accountId)) throw new Error(`account id "${accountId}" must be 12 digits`);
  return { accessKeyId: parts[0], secretAccessKey: parts[1], accountId };
}

/** A JSON file holding `[{"accessKeyId","secretAccessKey","accountId"?}]`. */
export async function loadAccessKeyFile(path: string): Promise<AccessKey[]> {
  const parsed: unknown = JSON.parse(await readFile(path, 'utf8'));
  if (!Array.isArray(parsed)) throw new Error(`${path}: expected a JSON array of access keys`);
  return parsed.map((entry, i) => {
    const e = entry as Record<string, unknown>;
    if (typeof e?.accessKeyId !== 'string' || typeof e.secretAccessKey !== 'string') {
      throw new Error(`${path}: entry ${i} needs string "accessKeyId" and "secretAccessKey"`);
    }
    if (e.accountId !== undefined && (typeof e.accountId !== 'string' || !ACCOUNT_ID.test(e.accountId))) {
      throw new Error(`${path}: entry ${i}: "accountId" must be 12 digits`);
    }
    return { accessKeyId: e.accessKeyId, secretAccessKey: e.secretAccessKey, accountId: e.accountId as string | undefined };
  });
}
