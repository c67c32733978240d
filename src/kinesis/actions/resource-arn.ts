/** ResourceARN (TagResource, resource policies…): a stream ARN or a consumer ARN, resolved to metadata. */
import { AwsError } from '../../server/service.js';
import { parseConsumerArn, parseStreamArn } from '../model/arns.js';
import { streamNotFound } from '../model/errors.js';
import type { StreamAddress } from '../model/stream-registry.js';
import type { ConsumerMeta, StreamMeta } from '../model/types.js';
import type { KinesisRuntime } from '../runtime.js';

export interface ResolvedResource {
  address: StreamAddress;
  /** Set when the ARN names a consumer. */
  consumerArn?: string;
}

export function resolveResourceArn(arn: string): ResolvedResource {
  const consumer = parseConsumerArn(arn);
  if (consumer) {
    return {
      address: { accountId: consumer.accountId, region: consumer.region, streamName: consumer.streamName },
      consumerArn: arn,
    };
  }
  const stream = parseStreamArn(arn);
  if (stream) return { address: stream };
  throw new AwsError('InvalidArgumentException', `Invalid ResourceARN: ${arn}`);
}

/** The stream (and consumer) an ARN names, or ResourceNotFoundException. */
export function lookupResource(rt: KinesisRuntime, arn: string): { stream: StreamMeta; consumer?: ConsumerMeta } {
  const { address, consumerArn } = resolveResourceArn(arn);
  const stream = rt.registry.find(address.accountId, address.region, address.streamName);
  if (!stream) throw streamNotFound(address.streamName, address.accountId);
  if (consumerArn === undefined) return { stream };
  const consumer = findConsumer(stream, consumerArn);
  return { stream, consumer };
}

export function findConsumer(stream: StreamMeta, arn: string): ConsumerMeta {
  const consumer = stream.consumers.find((c) => c.arn === arn);
  if (!consumer) throw new AwsError('ResourceNotFoundException', `Consumer ${arn} not found.`);
  return consumer;
}
