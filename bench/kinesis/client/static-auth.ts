/**
 * Request headers computed once per operation. None of the servers verifies signatures by default (they only check
 * that a complete SigV4 Authorization header and a date are present), so the load generator does not spend CPU on
 * signing: every request carries the same well-formed, never-verified signature.
 */
const AMZ_DATE = '20260101T000000Z';
const AUTHORIZATION =
  'AWS4-HMAC-SHA256 Credential=AKIDFRESHETBENCH/20260101/us-east-1/kinesis/aws4_request, ' +
  'SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=' + '0'.repeat(64);

const cache = new Map<string, Record<string, string>>();

export function staticHeaders(operation: string): Record<string, string> {
  let headers = cache.get(operation);
  if (!headers) {
    headers = {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `Kinesis_20131202.${operation}`,
      'x-amz-date': AMZ_DATE,
      authorization: AUTHORIZATION,
    };
    cache.set(operation, headers);
  }
  return headers;
}
