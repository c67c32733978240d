/** Waiting for an analytics application to reach a status, or to disappear (the SDK has no waiters for these). */
import { DescribeApplicationCommand, type ApplicationStatus, type KinesisAnalyticsClient } from '@aws-sdk/client-kinesis-analytics';
import { CliError } from './errors.js';

const POLL_MS = 250;
/** AWS takes a minute or two to start an application; a stuck one should not hang a script forever. */
const GIVE_UP_MS = 10 * 60_000;

export async function waitForApplicationStatus(client: KinesisAnalyticsClient, name: string, wanted: ApplicationStatus): Promise<void> {
  const deadline = Date.now() + GIVE_UP_MS;
  for (;;) {
    const status = (await client.send(new DescribeApplicationCommand({ ApplicationName: name }))).ApplicationDetail?.ApplicationStatus;
    if (status === wanted) return;
    if (Date.now() > deadline) throw new CliError(`application ${name} is still ${status}; gave up waiting for ${wanted}`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

export async function waitForApplicationDeleted(client: KinesisAnalyticsClient, name: string): Promise<void> {
  const deadline = Date.now() + GIVE_UP_MS;
  for (;;) {
    try {
      await client.send(new DescribeApplicationCommand({ ApplicationName: name }));
    } catch (err) {
      if (err instanceof Error && err.name === 'ResourceNotFoundException') return;
      throw err;
    }
    if (Date.now() > deadline) throw new CliError(`application ${name} still exists; gave up waiting`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}
