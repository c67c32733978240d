/**
 * put→get latency seen by GetRecords pollers: one poller per shard, starting from LATEST, each issuing its next
 * GetRecords as soon as the previous one answers (no sleep), so the figure is the best a poller can get.
 */
import { callJson } from '../client/kinesis-json.js';
import type { KinesisTransport } from '../client/transport.js';
import type { StreamInfo } from './stream-setup.js';
import { LatencyProbe } from './latency-probe.js';

export async function pollingLatency(transport: KinesisTransport, stream: StreamInfo, firstId: number, count: number, intervalMs: number) {
  const probe = new LatencyProbe(firstId, count);
  let running = true;
  const iterators = await Promise.all(
    stream.shardIds.map((shardId) =>
      callJson<{ ShardIterator: string }>(transport, 'GetShardIterator', { StreamName: stream.name, ShardId: shardId, ShardIteratorType: 'LATEST' }),
    ),
  );
  const poll = async (iterator: string | undefined): Promise<void> => {
    while (running && iterator) {
      const res = await transport.send('GetRecords', `{"ShardIterator":"${iterator}","Limit":10000}`);
      if (res.status !== 200) {
        probe.tally.addResponse(res.status, res.body);
        return;
      }
      const out = JSON.parse(res.body.toString('utf8')) as { NextShardIterator?: string; Records: { Data: string }[] };
      for (const r of out.Records) probe.arrived(Buffer.from(r.Data, 'base64'));
      iterator = out.NextShardIterator;
    }
  };
  const pollers = iterators.map((it) => poll(it.ShardIterator).catch((err: Error) => probe.tally.add(err.message)));
  await probe.produce(transport, stream.name, intervalMs);
  await probe.waitForArrivals(3000);
  running = false;
  await Promise.all(pollers);
  return probe.result();
}
