/**
 * The records DiscoverInputSchema looks at: up to 100 from the stream's shards, from the starting position.
 * NOW means recent records — those of the last minute, else the first to arrive within the wait — as the console
 * sampled a stream a producer is writing to.
 */
import type { StartingPosition } from '../model/application.js';
import type { IteratorStart, StreamEndpoint } from '../runner/stream-endpoint.js';

const SAMPLE = 100;
const RECENT_MS = 60_000;

export async function sampleStream(endpoint: StreamEndpoint, position: StartingPosition, now: number, waitMs: number): Promise<Uint8Array[]> {
  const start: IteratorStart = position === 'NOW' ? { type: 'AT_TIMESTAMP', timestamp: new Date(now - RECENT_MS) } : { type: 'TRIM_HORIZON' };
  const shards = await endpoint.listShards();
  const iterators = new Map<string, string | undefined>();
  for (const s of shards) iterators.set(s.shardId, await endpoint.shardIterator(s.shardId, start));
  const out: Uint8Array[] = [];
  const deadline = Date.now() + waitMs;
  for (;;) {
    for (const [shardId, it] of iterators) {
      if (!it || out.length >= SAMPLE) continue;
      const res = await endpoint.getRecords(it, SAMPLE - out.length);
      for (const r of res.records) out.push(r.data);
      iterators.set(shardId, res.nextIterator);
    }
    if (out.length || Date.now() >= deadline || ![...iterators.values()].some(Boolean)) return out;
    await new Promise((res) => setTimeout(res, Math.min(200, Math.max(0, deadline - Date.now()))));
  }
}
