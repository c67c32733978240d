/**
 * put→get latency seen by enhanced fan-out: a registered consumer and one SubscribeToShard per shard through
 * @aws-sdk/client-kinesis v3 (its default HTTP/2 handler, h2c to an http:// endpoint), starting at LATEST.
 * Records are still produced by the raw HTTP/1.1 client, as in the polling measurement.
 */
import { DescribeStreamConsumerCommand, KinesisClient, RegisterStreamConsumerCommand, SubscribeToShardCommand } from '@aws-sdk/client-kinesis';
import type { KinesisTransport } from '../client/transport.js';
import type { StreamInfo } from './stream-setup.js';
import { LatencyProbe } from './latency-probe.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function activeConsumer(client: KinesisClient, streamArn: string): Promise<string> {
  const reg = await client.send(new RegisterStreamConsumerCommand({ StreamARN: streamArn, ConsumerName: 'bench-consumer' }));
  const arn = reg.Consumer!.ConsumerARN!;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const d = await client.send(new DescribeStreamConsumerCommand({ ConsumerARN: arn }));
    if (d.ConsumerDescription?.ConsumerStatus === 'ACTIVE') return arn;
    await sleep(100);
  }
  throw new Error('consumer not ACTIVE after 30 s');
}

export async function subscribeLatency(endpoint: string, producer: KinesisTransport, stream: StreamInfo, firstId: number, count: number, intervalMs: number) {
  const client = new KinesisClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDFRESHETBENCH', secretAccessKey: 'not-verified' },
    maxAttempts: 1,
  });
  const probe = new LatencyProbe(firstId, count);
  const abort = new AbortController();
  try {
    const consumerArn = await activeConsumer(client, stream.arn);
    const subscribed: Promise<void>[] = [];
    const readers = stream.shardIds.map(async (shardId) => {
      let markLive!: () => void;
      subscribed.push(new Promise<void>((r) => (markLive = r)));
      const out = await client.send(
        new SubscribeToShardCommand({ ConsumerARN: consumerArn, ShardId: shardId, StartingPosition: { Type: 'LATEST' } }),
        { abortSignal: abort.signal },
      );
      markLive();
      for await (const event of out.EventStream!) {
        for (const r of event.SubscribeToShardEvent?.Records ?? []) if (r.Data) probe.arrived(r.Data);
      }
    });
    const failures = readers.map((p) =>
      p.catch((err: Error) => {
        if (!abort.signal.aborted) probe.tally.add(`SubscribeToShard: ${err.name}: ${err.message.split('\n')[0]}`);
      }),
    );
    // Produce only once every subscription is open (or has failed), so LATEST covers the first record.
    await Promise.race([Promise.all(subscribed), Promise.all(failures), sleep(10_000)]);
    if (probe.tally.count > 0) return { ...probe.result(), failed: probe.tally.samples[0] };
    await sleep(200);
    await probe.produce(producer, stream.name, intervalMs);
    await probe.waitForArrivals(3000);
    abort.abort();
    await Promise.race([Promise.all(failures), sleep(2000)]);
    return { ...probe.result(), failed: undefined };
  } catch (err) {
    return { ...probe.result(), failed: `${(err as Error).name}: ${(err as Error).message.split('\n')[0]}` };
  } finally {
    abort.abort();
    client.destroy();
  }
}
