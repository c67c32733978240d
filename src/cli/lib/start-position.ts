/** `--from` for reading commands: trim-horizon | latest | at-timestamp:ISO | sequence:N. */
import { InvalidArgumentError } from 'commander';

export type StartPosition =
  | { type: 'TRIM_HORIZON' }
  | { type: 'LATEST' }
  | { type: 'AT_TIMESTAMP'; timestamp: Date }
  | { type: 'AT_SEQUENCE_NUMBER'; sequenceNumber: string };

export function parseStartPosition(value: string): StartPosition {
  const v = value.trim();
  const lower = v.toLowerCase();
  if (lower === 'trim-horizon' || lower === 'trim_horizon' || lower === 'beginning') return { type: 'TRIM_HORIZON' };
  if (lower === 'latest' || lower === 'end') return { type: 'LATEST' };
  const colon = v.indexOf(':');
  const kind = colon > 0 ? lower.slice(0, colon) : '';
  const arg = colon > 0 ? v.slice(colon + 1) : '';
  if (kind === 'at-timestamp' || kind === 'timestamp') {
    const ms = /^\d+(\.\d+)?$/.test(arg) ? Number(arg) * 1000 : Date.parse(arg);
    if (!arg || Number.isNaN(ms)) throw new InvalidArgumentError(`'${arg}' is not a timestamp (e.g. at-timestamp:2024-05-01T17:47:00Z)`);
    return { type: 'AT_TIMESTAMP', timestamp: new Date(ms) };
  }
  if (kind === 'sequence' || kind === 'at-sequence') {
    if (!/^\d{1,128}$/.test(arg)) throw new InvalidArgumentError(`'${arg}' is not a sequence number`);
    return { type: 'AT_SEQUENCE_NUMBER', sequenceNumber: arg };
  }
  throw new InvalidArgumentError('expected trim-horizon, latest, at-timestamp:ISO-8601 or sequence:N');
}
