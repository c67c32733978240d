/** Where a record's partition key comes from: a fixed key, a field of a JSON record, or random. */
import { randomUUID } from 'node:crypto';
import { CliError } from './errors.js';

export interface KeyFlags {
  key?: string;
  keyField?: string;
}

export type KeyChooser = (text: string, where: string) => string;

export function keyChooser(flags: KeyFlags, random: () => string = randomUUID): KeyChooser {
  if (flags.key !== undefined && flags.keyField !== undefined) throw new CliError('give --key or --key-field, not both');
  if (flags.key !== undefined) {
    const key = flags.key;
    if (key.length === 0 || key.length > 256) throw new CliError('--key: a partition key has 1 to 256 characters');
    return () => key;
  }
  if (flags.keyField !== undefined) {
    const path = flags.keyField.split('.');
    return (text, where) => {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        throw new CliError(`${where} is not JSON, so it has no field ${flags.keyField} for --key-field`);
      }
      for (const p of path) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[p] : undefined;
      if (value === undefined || value === null || value === '') throw new CliError(`${where} has no field ${flags.keyField} for --key-field`);
      return typeof value === 'string' ? value : JSON.stringify(value);
    };
  }
  return () => random();
}
