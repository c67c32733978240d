/** AWS's consumer quotas: 20 registered consumers per stream, at most 5 of them being created at once. */
import { AwsError } from '../../server/service.js';
import type { StreamMeta } from '../model/types.js';

export const MAX_CONSUMERS_PER_STREAM = 20;
export const MAX_CREATING_CONSUMERS = 5;

export function checkConsumerLimits(stream: StreamMeta): void {
  if (stream.consumers.length >= MAX_CONSUMERS_PER_STREAM) {
    throw new AwsError(
      'LimitExceededException',
      `Stream ${stream.name} under account ${stream.accountId} already has the maximum number of consumers (${MAX_CONSUMERS_PER_STREAM}).`,
    );
  }
  const creating = stream.consumers.filter((c) => c.status === 'CREATING').length;
  if (creating >= MAX_CREATING_CONSUMERS) {
    throw new AwsError(
      'LimitExceededException',
      `Stream ${stream.name} under account ${stream.accountId} already has ${MAX_CREATING_CONSUMERS} consumers being created.`,
    );
  }
}
