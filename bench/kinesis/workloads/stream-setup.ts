/** Creates the benchmark streams and waits until they are ACTIVE; returns what later phases need. */
import { callJson } from '../client/kinesis-json.js';
import type { KinesisTransport } from '../client/transport.js';

export interface StreamInfo {
  name: string;
  arn: string;
  shardIds: string[];
}

interface DescribeStreamOutput {
  StreamDescription: { StreamARN: string; StreamStatus: string; Shards: { ShardId: string }[] };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function createActiveStream(transport: KinesisTransport, name: string, shardCount: number): Promise<StreamInfo> {
  await callJson(transport, 'CreateStream', { StreamName: name, ShardCount: shardCount });
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const out = await callJson<DescribeStreamOutput>(transport, 'DescribeStream', { StreamName: name });
    const d = out.StreamDescription;
    if (d.StreamStatus === 'ACTIVE') return { name, arn: d.StreamARN, shardIds: d.Shards.map((s) => s.ShardId) };
    await sleep(100);
  }
  throw new Error(`stream ${name} not ACTIVE after 30 s`);
}
