/**
 * Reads FailedRecordCount from a PutRecords response without parsing the whole (~50 KB) body: the load generator
 * must stay cheap. Falls back to a full parse when the field is not where a compact encoder puts it.
 */
const PATTERN = /"FailedRecordCount"\s*:\s*(\d+)/;

export function failedRecordCount(body: Buffer): number {
  // The field is usually first or last; look at both ends before scanning everything.
  const head = body.toString('latin1', 0, Math.min(body.length, 64));
  const tail = body.toString('latin1', Math.max(0, body.length - 64));
  const match = head.match(PATTERN) ?? tail.match(PATTERN) ?? body.toString('latin1').match(PATTERN);
  if (!match) throw new Error(`PutRecords response without FailedRecordCount: ${body.toString('utf8', 0, 200)}`);
  return Number(match[1]);
}
