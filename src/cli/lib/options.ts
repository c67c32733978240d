/** Option parsers shared by the stream commands. */
import { InvalidArgumentError } from 'commander';
import parseDuration from 'parse-duration';

export function integer(min: number, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`expected an integer from ${min}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : ' up'}`);
    return n;
  };
}

export function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a number above 0');
  return n;
}

/** `30s`, `5m`, `1h30m`, or a plain number of seconds. */
export function duration(value: string): number {
  const ms = /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) * 1000 : parseDuration(value);
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms <= 0) throw new InvalidArgumentError('expected a duration such as 30s, 5m or 1h');
  return ms;
}
