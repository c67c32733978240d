/**
 * Finding a consumer the ways the consumer APIs name one: by ConsumerARN, or by StreamARN + ConsumerName. A
 * ConsumerARN carries its stream (and account and region), so no request scope is needed.
 */
import { AwsError } from '../../server/service.js';
import { parseConsumerArn, parseStreamArn } from '../model/arns.js';
import { streamNotFound } from '../model/errors.js';
import type { ConsumerMeta, StreamMeta } from '../model/types.js';
import type { KinesisRuntime } from '../runtime.js';

export interface ConsumerRef {
  ConsumerARN?: string;
  StreamARN?: string;
  ConsumerName?: string;
}

export function consumerNotFound(what: string): AwsError {
  return new AwsError('ResourceNotFoundException', `Consumer ${what} not found.`);
}

export function streamOfArn(rt: KinesisRuntime, streamArn: string): StreamMeta {
  const loc = parseStreamArn(streamArn);
  if (!loc) throw new AwsError('InvalidArgumentException', `Invalid StreamARN: ${streamArn}`);
  const stream = rt.registry.find(loc.accountId, loc.region, loc.streamName);
  if (!stream) throw streamNotFound(loc.streamName, loc.accountId);
  return stream;
}

/** The stream and consumer a request names; InvalidArgumentException when it names neither way. */
export function lookupConsumer(rt: KinesisRuntime, ref: ConsumerRef): { stream: StreamMeta; consumer: ConsumerMeta } {
  if (ref.ConsumerARN !== undefined) {
    const loc = parseConsumerArn(ref.ConsumerARN);
    if (!loc) throw consumerNotFound(ref.ConsumerARN);
    const stream = rt.registry.find(loc.accountId, loc.region, loc.streamName);
    if (!stream) throw streamNotFound(loc.streamName, loc.accountId);
    const consumer = stream.consumers.find((c) => c.arn === ref.ConsumerARN);
    if (!consumer) throw consumerNotFound(ref.ConsumerARN);
    return { stream, consumer };
  }
  if (ref.StreamARN === undefined || ref.ConsumerName === undefined) {
    throw new AwsError(
      'InvalidArgumentException',
      'Either ConsumerARN or both ConsumerName and StreamARN must be provided.',
    );
  }
  const stream = streamOfArn(rt, ref.StreamARN);
  const consumer = stream.consumers.find((c) => c.name === ref.ConsumerName);
  if (!consumer) throw consumerNotFound(`${ref.ConsumerName} under stream ${stream.name} under account ${stream.accountId}`);
  return { stream, consumer };
}

/** A consumer as the API describes it (Describe adds StreamARN). */
export function consumerShape(consumer: ConsumerMeta, streamArn?: string): Record<string, unknown> {
  const out: Record<string, unknown> = {
    ConsumerName: consumer.name,
    ConsumerARN: consumer.arn,
    ConsumerStatus: consumer.status,
    ConsumerCreationTimestamp: new Date(consumer.createdMs),
  };
  if (streamArn !== undefined) out.StreamARN = streamArn;
  return out;
}
