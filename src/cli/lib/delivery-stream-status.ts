/** Waiting for a delivery stream to become ACTIVE or to disappear (Firehose has no waiters of its own for this). */
import { DescribeDeliveryStreamCommand, type DeliveryStreamDescription, type FirehoseClient } from '@aws-sdk/client-firehose';
import { CliError } from './errors.js';

const POLL_MS = 250;
/** AWS takes a few seconds to create a delivery stream; a broken one should not hang a script forever. */
const GIVE_UP_MS = 10 * 60_000;

export async function waitForDeliveryStreamActive(firehose: FirehoseClient, name: string): Promise<DeliveryStreamDescription> {
  const deadline = Date.now() + GIVE_UP_MS;
  for (;;) {
    const d = (await firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: name }))).DeliveryStreamDescription!;
    if (d.DeliveryStreamStatus === 'ACTIVE') return d;
    if (d.DeliveryStreamStatus?.endsWith('FAILED')) {
      throw new CliError(`delivery stream ${name} is ${d.DeliveryStreamStatus}${d.FailureDescription?.Details ? `: ${d.FailureDescription.Details}` : ''}`);
    }
    if (Date.now() > deadline) throw new CliError(`delivery stream ${name} is still ${d.DeliveryStreamStatus}; gave up waiting`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

export async function waitForDeliveryStreamDeleted(firehose: FirehoseClient, name: string): Promise<void> {
  const deadline = Date.now() + GIVE_UP_MS;
  for (;;) {
    try {
      await firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: name }));
    } catch (err) {
      if (err instanceof Error && err.name === 'ResourceNotFoundException') return;
      throw err;
    }
    if (Date.now() > deadline) throw new CliError(`delivery stream ${name} still exists; gave up waiting`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}
