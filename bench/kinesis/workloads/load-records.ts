/**
 * Writes records `firstId … firstId+count-1` with PutRecords from several clients, retrying entries the server
 * rejects, so a later read-back can expect every id exactly once. Retries and hard failures are reported.
 */
import type { KinesisTransport } from '../client/transport.js';
import { putRecordsBody } from '../data/records.js';
import { failedRecordCount } from '../data/put-records-result.js';
import { ErrorTally } from './error-tally.js';
import { startMeter, type PhaseUsage } from './phase-meter.js';

export interface LoadResult extends PhaseUsage {
  /** Records stored: all of `count`, or fewer when the time cap stopped the load (`capped`). */
  records: number;
  capped: boolean;
  perSecond: number;
  retriedRecords: number;
  errors: number;
  errorSamples: string[];
}

const MAX_ATTEMPTS = 5;

function bodyForIds(streamName: string, ids: number[]): Buffer {
  // Consecutive ids are the common case; anything else is a retry of scattered failures.
  const contiguous = ids.every((id, i) => id === ids[0]! + i);
  if (contiguous) return putRecordsBody(streamName, ids[0]!, ids.length);
  const parts = ids.map((id) => putRecordsBody(streamName, id, 1).toString('utf8'));
  const records = parts.map((p) => p.slice(p.indexOf('[') + 1, p.lastIndexOf(']')));
  return Buffer.from(`{"StreamName":"${streamName}","Records":[${records.join(',')}]}`);
}

export async function loadRecords(
  transport: KinesisTransport,
  serverPid: number,
  streamName: string,
  firstId: number,
  count: number,
  batch: number,
  writers: number,
  capSeconds: number,
): Promise<LoadResult> {
  const tally = new ErrorTally();
  let retriedRecords = 0;
  let nextBatch = 0;
  let stored = 0;
  const batches = Math.ceil(count / batch);

  const writeIds = async (ids: number[]): Promise<void> => {
    let pending = ids;
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > MAX_ATTEMPTS) {
        tally.add(`gave up on ${pending.length} records after ${MAX_ATTEMPTS} attempts`, pending.length);
        return;
      }
      if (attempt > 1) retriedRecords += pending.length;
      try {
        const res = await transport.send('PutRecords', bodyForIds(streamName, pending));
        if (res.status !== 200) {
          tally.addResponse(res.status, res.body);
          continue;
        }
        if (failedRecordCount(res.body) === 0) return;
        const out = JSON.parse(res.body.toString('utf8')) as { Records: { ErrorCode?: string; ErrorMessage?: string }[] };
        const failed = pending.filter((_, i) => out.Records[i]?.ErrorCode);
        const first = out.Records.find((r) => r.ErrorCode);
        tally.add(`PutRecords entry ${first?.ErrorCode}: ${first?.ErrorMessage}`, 0);
        pending = failed;
      } catch (err) {
        tally.add((err as Error).message);
      }
    }
  };

  // Batches are handed out in order and every started batch is finished, so a capped load still stores exactly
  // the ids firstId … firstId + (batches started) × batch - 1.
  const deadline = performance.now() + capSeconds * 1000;
  let capped = false;
  const worker = async (): Promise<void> => {
    for (let b = nextBatch++; b < batches; b = nextBatch++) {
      if (performance.now() > deadline) {
        capped = true;
        nextBatch = batches;
        return;
      }
      const start = firstId + b * batch;
      const n = Math.min(batch, firstId + count - start);
      await writeIds(Array.from({ length: n }, (_, i) => start + i));
      stored = Math.max(stored, start + n - firstId);
    }
  };
  const stop = startMeter(serverPid);
  await Promise.all(Array.from({ length: writers }, worker));
  const usage = stop();
  const records = capped ? Math.min(count, stored) : count;
  return { ...usage, records, capped, perSecond: records / usage.seconds, retriedRecords, errors: tally.count, errorSamples: tally.samples };
}
