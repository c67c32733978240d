/**
 * Folder names for log keys. Log keys are arbitrary strings chosen by the services (e.g. a stream ARN plus a shard
 * id), so they are percent-encoded (dots too, so no name can be `.` or `..`); a key whose encoding is too long for
 * a file name gets a truncated prefix plus a hash. The exact key is kept in the folder's `LOG` file, which is what
 * recovery trusts.
 */
import { createHash } from 'node:crypto';

const MAX_NAME = 160;

export function logDirName(log: string): string {
  // `~` is escaped too: it marks hashed names, so no plain name can ever look like one.
  const encoded = encodeURIComponent(log).replace(/[.*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  if (encoded.length <= MAX_NAME) return encoded;
  const hash = createHash('sha256').update(log).digest('hex').slice(0, 32);
  return `${encoded.slice(0, MAX_NAME - 40).replace(/%[0-9A-F]?$/, '')}~${hash}`;
}
