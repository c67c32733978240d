/** Waiting for a stream to settle after create/reshard/delete, polling faster than the SDK waiters (10 s). */
import { DescribeStreamSummaryCommand, type KinesisClient, type StreamDescriptionSummary } from '@aws-sdk/client-kinesis';
import { CliError } from './errors.js';
import { sleep } from './backoff.js';

export async function waitForActive(kinesis: KinesisClient, name: string, local: boolean, timeoutMs = 10 * 60_000): Promise<StreamDescriptionSummary> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = (await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: name }))).StreamDescriptionSummary!;
    if (s.StreamStatus === 'ACTIVE') return s;
    if (Date.now() > deadline) throw new CliError(`stream ${name} is still ${s.StreamStatus} after ${Math.round(timeoutMs / 1000)} s`);
    await sleep(local ? 100 : 2000);
  }
}

export async function waitForDeleted(kinesis: KinesisClient, name: string, local: boolean, timeoutMs = 10 * 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: name }));
    } catch (err) {
      if (err instanceof Error && err.name === 'ResourceNotFoundException') return;
      throw err;
    }
    if (Date.now() > deadline) throw new CliError(`stream ${name} still exists after ${Math.round(timeoutMs / 1000)} s`);
    await sleep(local ? 100 : 2000);
  }
}
