/**
 * S3 object names: `<evaluated prefix><stream>-<version>-<yyyy-MM-dd-HH-mm-ss>-<uuid><extension>`, the time being
 * the approximate arrival (UTC) of the oldest record in the object, like the prefix's.
 */
import { randomUUID } from 'node:crypto';
import { formatTimestamp } from '../delivery/timestamp-format.js';

export function objectFileName(streamName: string, version: number, oldest: Date): string {
  return `${streamName}-${version}-${formatTimestamp('yyyy-MM-dd-HH-mm-ss', oldest)}-${randomUUID()}`;
}
