/**
 * Reads a whole stream with GetRecords (one reader per shard, from TRIM_HORIZON, until a page comes back empty)
 * and then verifies it. Only the fetching is timed: each reader pulls the next iterator out of the raw body and
 * keeps the body; decoding and checking every record happens after the clock stops, so the load generator's
 * JSON work is not charged to the server.
 */
import { callJson } from '../client/kinesis-json.js';
import type { KinesisTransport } from '../client/transport.js';
import { ErrorTally } from './error-tally.js';
import { startMeter, type PhaseUsage } from './phase-meter.js';
import { verifyReadBack, type ReadBackCheck } from './read-back-check.js';

export interface FullReadResult extends PhaseUsage {
  records: number;
  perSecond: number;
  calls: number;
  check: ReadBackCheck;
  errors: number;
  errorSamples: string[];
}

const ITERATOR_KEY = Buffer.from('"NextShardIterator":"');
/** An empty page is tiny; anything larger has records (100-byte payloads are ~140 bytes each in JSON). */
const SMALL_BODY = 4096;

function nextIterator(body: Buffer): string | undefined {
  const at = body.indexOf(ITERATOR_KEY);
  if (at >= 0) {
    const start = at + ITERATOR_KEY.length;
    return body.toString('latin1', start, body.indexOf(0x22, start));
  }
  const match = body.toString('latin1').match(/"NextShardIterator"\s*:\s*"([^"]+)"/);
  return match?.[1];
}

function isEmptyPage(body: Buffer): boolean {
  if (body.length > SMALL_BODY) return false;
  const out = JSON.parse(body.toString('utf8')) as { Records?: unknown[] };
  return !out.Records || out.Records.length === 0;
}

async function readShard(transport: KinesisTransport, stream: string, shardId: string, limit: number, pages: Buffer[], tally: ErrorTally): Promise<number> {
  const first = await callJson<{ ShardIterator: string }>(transport, 'GetShardIterator', {
    StreamName: stream,
    ShardId: shardId,
    ShardIteratorType: 'TRIM_HORIZON',
  });
  let iterator: string | undefined = first.ShardIterator;
  let calls = 0;
  while (iterator) {
    const res = await transport.send('GetRecords', `{"ShardIterator":"${iterator}","Limit":${limit}}`);
    calls++;
    if (res.status !== 200) {
      tally.addResponse(res.status, res.body);
      break;
    }
    if (isEmptyPage(res.body)) break;
    pages.push(res.body);
    iterator = nextIterator(res.body);
  }
  return calls;
}

export async function fullRead(
  transport: KinesisTransport,
  serverPid: number,
  stream: string,
  shardIds: string[],
  expectedRecords: number,
  limit: number,
): Promise<FullReadResult> {
  const tally = new ErrorTally();
  const pages: Buffer[] = [];
  const stop = startMeter(serverPid);
  const calls = await Promise.all(shardIds.map((id) => readShard(transport, stream, id, limit, pages, tally).catch((err: Error) => (tally.add(err.message), 0))));
  const usage = stop();
  const check = verifyReadBack(pages, expectedRecords);
  if (!check.exact) tally.add(`read-back: ${check.summary}`);
  return {
    ...usage,
    records: check.recordsRead,
    perSecond: check.recordsRead / usage.seconds,
    calls: calls.reduce((a, b) => a + b, 0),
    check,
    errors: tally.count,
    errorSamples: tally.samples,
  };
}
