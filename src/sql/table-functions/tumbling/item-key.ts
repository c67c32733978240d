/**
 * A Map/Set key for a column value, so equal SQL values meet and values of different kinds never do
 * (the number 1 and the string '1' are different items). NULL has no key: the tumbling functions skip it,
 * as aggregate functions do.
 */
export function itemKey(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return 's' + value;
    case 'number':
      return 'n' + String(value);
    case 'bigint':
      return 'n' + value.toString();
    case 'boolean':
      return value ? 'bt' : 'bf';
    default:
      if (value === null || value === undefined) return undefined;
      if (value instanceof Uint8Array) return 'x' + Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex');
      return 'o' + JSON.stringify(value);
  }
}
