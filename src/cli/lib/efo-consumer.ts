/**
 * A short-lived enhanced fan-out consumer for one reading session: registered under a name that says who owns it,
 * used once ACTIVE, deregistered on exit. Whether an endpoint offers EFO is probed with ListStreamConsumers
 * (kinesalite answers UnknownOperationException).
 */
import { hostname } from 'node:os';
import {
  DeregisterStreamConsumerCommand,
  DescribeStreamConsumerCommand,
  DescribeStreamSummaryCommand,
  ListStreamConsumersCommand,
  RegisterStreamConsumerCommand,
  type KinesisClient,
} from '@aws-sdk/client-kinesis';
import { abortableSleep } from './abortable-sleep.js';
import { CliError } from './errors.js';

export async function streamArnOf(kinesis: KinesisClient, streamName: string): Promise<string> {
  const res = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: streamName }));
  return res.StreamDescriptionSummary!.StreamARN!;
}

/** True when the endpoint implements the consumer API. */
export async function offersFanOut(kinesis: KinesisClient, streamArn: string): Promise<boolean> {
  try {
    await kinesis.send(new ListStreamConsumersCommand({ StreamARN: streamArn, MaxResults: 1 }));
    return true;
  } catch (err) {
    const name = err instanceof Error ? err.name : '';
    if (name === 'UnknownOperationException' || name === 'InvalidAction' || name === 'UnknownOperation') return false;
    const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status === 400 || status === 404 || status === 501) return false;
    throw err;
  }
}

export interface Consumer {
  arn: string;
  name: string;
  deregister(): Promise<void>;
}

export async function registerConsumer(kinesis: KinesisClient, streamArn: string, signal: AbortSignal): Promise<Consumer> {
  const name = `freshet-tail-${hostname().replace(/[^a-zA-Z0-9_.-]/g, '-').slice(0, 60)}-${process.pid}-${Date.now().toString(36)}`;
  const res = await kinesis.send(new RegisterStreamConsumerCommand({ StreamARN: streamArn, ConsumerName: name }));
  const arn = res.Consumer!.ConsumerARN!;
  const consumer: Consumer = {
    arn,
    name,
    async deregister() {
      await kinesis.send(new DeregisterStreamConsumerCommand({ ConsumerARN: arn }));
    },
  };
  try {
    let status = res.Consumer!.ConsumerStatus;
    for (let waited = 0; status !== 'ACTIVE'; waited++) {
      if (signal.aborted) return consumer;
      if (waited > 600) throw new CliError(`consumer ${name} did not become ACTIVE`);
      await abortableSleep(waited < 10 ? 100 : 1000, signal);
      const d = await kinesis.send(new DescribeStreamConsumerCommand({ ConsumerARN: arn }));
      status = d.ConsumerDescription!.ConsumerStatus;
    }
  } catch (err) {
    await consumer.deregister().catch(() => undefined);
    throw err;
  }
  return consumer;
}
