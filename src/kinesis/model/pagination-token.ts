/**
 * Opaque NextToken values (ListStreams, ListShards, …): base64 of a small JSON document naming what was listed and
 * where the page ended. AWS's tokens expire after 300 seconds (ExpiredNextTokenException).
 */
import { AwsError } from '../../server/service.js';

export const NEXT_TOKEN_TTL_MS = 300_000;

export interface TokenBody {
  /** Which listing the token belongs to. */
  op: string;
  /** Everything the listing needs to resume (stream, last key…). */
  [key: string]: unknown;
}

export function encodeNextToken(body: TokenBody, now: number): string {
  return Buffer.from(JSON.stringify({ ...body, at: now }), 'utf8').toString('base64');
}

export function decodeNextToken(token: string, op: string, now: number): TokenBody {
  let body: (TokenBody & { at?: unknown }) | undefined;
  try {
    body = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
  } catch {
    body = undefined;
  }
  if (!body || typeof body !== 'object' || body.op !== op || typeof body.at !== 'number') {
    throw new AwsError('InvalidArgumentException', `Invalid NextToken: ${token}`);
  }
  if (now - body.at > NEXT_TOKEN_TTL_MS) {
    throw new AwsError(
      'ExpiredNextTokenException',
      `The NextToken has expired. NextToken was issued ${Math.floor((now - body.at) / 1000)} seconds ago; tokens expire after ${NEXT_TOKEN_TTL_MS / 1000} seconds.`,
    );
  }
  return body;
}
