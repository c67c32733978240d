/**
 * A closed-loop write phase: `writers` clients each send one request, wait for its answer, and send the next,
 * first for a warm-up that is not counted, then for the measured window. Bodies are pre-built and reused.
 */
import type { KinesisTransport } from '../client/transport.js';
import { failedRecordCount } from '../data/put-records-result.js';
import { ErrorTally } from './error-tally.js';
import { startMeter, type PhaseUsage } from './phase-meter.js';

export interface TimedWriteResult extends PhaseUsage {
  /** Records acknowledged without error inside the measured window. */
  records: number;
  requests: number;
  perSecond: number;
  errors: number;
  errorSamples: string[];
}

export interface TimedWriteSpec {
  transport: KinesisTransport;
  serverPid: number;
  operation: 'PutRecords' | 'PutRecord';
  bodies: readonly Buffer[];
  recordsPerBody: number;
  writers: number;
  warmupSeconds: number;
  seconds: number;
}

export async function runTimedWrites(spec: TimedWriteSpec): Promise<TimedWriteResult> {
  const tally = new ErrorTally();
  let next = 0;
  let records = 0;
  let requests = 0;
  let counting = false;

  const sendOne = async (): Promise<void> => {
    const body = spec.bodies[next++ % spec.bodies.length]!;
    try {
      const res = await spec.transport.send(spec.operation, body);
      if (res.status !== 200) {
        if (counting) tally.addResponse(res.status, res.body);
        return;
      }
      const failed = spec.operation === 'PutRecords' ? failedRecordCount(res.body) : 0;
      if (!counting) return;
      requests++;
      records += spec.recordsPerBody - failed;
      if (failed > 0) tally.add(`PutRecords: ${failed} of ${spec.recordsPerBody} records failed`, failed);
    } catch (err) {
      if (counting) tally.add((err as Error).message);
    }
  };

  const loop = async (until: number): Promise<void> => {
    while (performance.now() < until) await sendOne();
  };
  const all = (until: number): Promise<void[]> => Promise.all(Array.from({ length: spec.writers }, () => loop(until)));

  await all(performance.now() + spec.warmupSeconds * 1000);
  counting = true;
  const stop = startMeter(spec.serverPid);
  await all(performance.now() + spec.seconds * 1000);
  const usage = stop();
  return { ...usage, records, requests, perSecond: records / usage.seconds, errors: tally.count, errorSamples: tally.samples };
}
