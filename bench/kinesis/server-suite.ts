/** Every measurement, in a fixed order, against one freshly started server. */
import { WORKLOAD, STREAMS } from './config.js';
import { createHttp1Transport } from './client/http1-transport.js';
import { createHttp2Transport } from './client/http2-transport.js';
import { createRawHttp1Transport } from './client/raw-http1-transport.js';
import type { KinesisTransport } from './client/transport.js';
import { putRecordBody, putRecordsBody } from './data/records.js';
import type { ServerHandle } from './servers/server-handle.js';
import { rssMiB } from './servers/proc-stats.js';
import { createActiveStream } from './workloads/stream-setup.js';
import { loadRecords, type LoadResult } from './workloads/load-records.js';
import { fullRead, type FullReadResult } from './workloads/full-read.js';
import { runTimedWrites, type TimedWriteResult } from './workloads/timed-writes.js';
import { pollingLatency } from './workloads/polling-latency.js';
import { subscribeLatency } from './workloads/subscribe-latency.js';
import type { LatencySummary } from './report/percentiles.js';

export interface LatencyResult {
  latency?: LatencySummary;
  lost: number;
  errors: number;
  errorSamples: string[];
  /** Why there is no figure (server lacks the API, or the subscription failed). */
  unavailable?: string;
}

export interface ServerResult {
  server: string;
  pid: number;
  load200k: LoadResult;
  rssAfter200kMiB: number;
  read: FullReadResult;
  readH2?: FullReadResult;
  loadToMillion?: LoadResult;
  /** Records stored when `rssAfterMillionMiB` was sampled (WORKLOAD.storedRecordsForRss unless a load was capped). */
  storedForRss?: number;
  rssAfterMillionMiB?: number;
  pollingLatency: LatencyResult;
  subscribeLatency: LatencyResult;
  putRecord: TimedWriteResult;
  putRecordH2?: TimedWriteResult;
  putRecords: TimedWriteResult;
  putRecordsH2?: TimedWriteResult;
  rssAtEndMiB: number;
}

export interface SuiteOptions {
  /** Also store records up to WORKLOAD.storedRecordsForRss and sample memory (Freshet). */
  millionRecordRss: boolean;
  /** Repeat the throughput phases over h2c (Freshet; the peers are compared over HTTP/1.1 only). */
  http2Variants: boolean;
  /** Stop loading the read-back records after this long (see WORKLOAD.slowPeerLoadCapSeconds). */
  loadCapSeconds: number;
  /** HTTP/1.1 load generator: the raw keep-alive client (default) or undici, to cross-check it. */
  http1Client: 'raw' | 'undici';
  log: (line: string) => void;
}

const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 1000));

function writeBodies(stream: string, operation: 'PutRecords' | 'PutRecord'): Buffer[] {
  // Ids far above the read-back range; distinct partition keys spread the load over all shards.
  const base = 100_000_000;
  if (operation === 'PutRecords') return Array.from({ length: 16 }, (_, i) => putRecordsBody(stream, base + i * WORKLOAD.putRecordsBatch, WORKLOAD.putRecordsBatch));
  return Array.from({ length: 2048 }, (_, i) => putRecordBody(stream, base + i));
}

async function timedWrites(server: ServerHandle, transport: KinesisTransport, operation: 'PutRecords' | 'PutRecord'): Promise<TimedWriteResult> {
  return runTimedWrites({
    transport,
    serverPid: server.pid,
    operation,
    bodies: writeBodies(STREAMS.write, operation),
    recordsPerBody: operation === 'PutRecords' ? WORKLOAD.putRecordsBatch : 1,
    writers: WORKLOAD.writers,
    warmupSeconds: WORKLOAD.warmupSeconds,
    seconds: operation === 'PutRecords' ? WORKLOAD.putRecordsSeconds : WORKLOAD.putRecordSeconds,
  });
}

export async function runSuite(server: ServerHandle, options: SuiteOptions): Promise<ServerResult> {
  const { log } = options;
  const w = WORKLOAD;
  const connections = w.writers + w.shardCount;
  const h1 = options.http1Client === 'undici' ? createHttp1Transport(server.endpoint, connections) : createRawHttp1Transport(server.endpoint, connections);
  // One HTTP/2 session carrying every concurrent stream, as @aws-sdk/client-kinesis v3 does per endpoint.
  const h2 = server.h2c && options.http2Variants ? await createHttp2Transport(server.endpoint, 1) : undefined;
  try {
    const [readStream, latencyStream] = await Promise.all([
      createActiveStream(h1, STREAMS.read, w.shardCount),
      createActiveStream(h1, STREAMS.latency, w.shardCount),
      createActiveStream(h1, STREAMS.write, w.shardCount),
    ]);
    log(`streams ACTIVE`);

    const load200k = await loadRecords(h1, server.pid, readStream.name, 0, w.readRecords, w.putRecordsBatch, w.writers, options.loadCapSeconds);
    const stored = load200k.records;
    log(`loaded ${stored} records${load200k.capped ? ` (stopped by the ${options.loadCapSeconds} s cap)` : ''} (${load200k.perSecond.toFixed(0)} rec/s, ${load200k.errors} errors)`);
    await settle();
    const rssAfter200kMiB = rssMiB(server.pid);
    log(`RSS after ${stored} records: ${rssAfter200kMiB.toFixed(0)} MiB`);

    const read = await fullRead(h1, server.pid, readStream.name, readStream.shardIds, stored, w.getRecordsLimit);
    log(`full read HTTP/1.1: ${read.perSecond.toFixed(0)} rec/s; ${read.check.summary}`);
    let readH2: FullReadResult | undefined;
    if (h2) {
      readH2 = await fullRead(h2, server.pid, readStream.name, readStream.shardIds, stored, w.getRecordsLimit);
      log(`full read h2c: ${readH2.perSecond.toFixed(0)} rec/s; ${readH2.check.summary}`);
    }

    let loadToMillion: LoadResult | undefined;
    let rssAfterMillionMiB: number | undefined;
    let storedForRss: number | undefined;
    if (options.millionRecordRss) {
      const more = w.storedRecordsForRss - stored;
      loadToMillion = await loadRecords(h1, server.pid, readStream.name, stored, more, w.putRecordsBatch, w.writers, w.loadCapSeconds);
      storedForRss = stored + loadToMillion.records;
      await settle();
      rssAfterMillionMiB = rssMiB(server.pid);
      log(`stored ${storedForRss} records (${loadToMillion.perSecond.toFixed(0)} rec/s); RSS ${rssAfterMillionMiB.toFixed(0)} MiB`);
    }

    const count = Math.round((w.latencySeconds * 1000) / w.latencyIntervalMs);
    const polling: LatencyResult = await pollingLatency(h1, latencyStream, 0, count, w.latencyIntervalMs);
    log(`polling latency: p50 ${polling.latency?.p50.toFixed(2)} ms, p99 ${polling.latency?.p99.toFixed(2)} ms`);

    let subscribe: LatencyResult;
    if (server.enhancedFanOut) {
      const out = await subscribeLatency(server.endpoint, h1, latencyStream, count, count, w.latencyIntervalMs);
      subscribe = { ...out, unavailable: out.failed };
      log(`SubscribeToShard latency: ${out.failed ? `failed: ${out.failed}` : `p50 ${out.latency?.p50.toFixed(2)} ms, p99 ${out.latency?.p99.toFixed(2)} ms`}`);
    } else {
      subscribe = { lost: 0, errors: 0, errorSamples: [], unavailable: 'no SubscribeToShard' };
    }

    const putRecord = await timedWrites(server, h1, 'PutRecord');
    log(`PutRecord HTTP/1.1: ${putRecord.perSecond.toFixed(0)} calls/s`);
    const putRecordH2 = h2 ? await timedWrites(server, h2, 'PutRecord') : undefined;
    if (putRecordH2) log(`PutRecord h2c: ${putRecordH2.perSecond.toFixed(0)} calls/s`);
    const putRecords = await timedWrites(server, h1, 'PutRecords');
    log(`PutRecords HTTP/1.1: ${putRecords.perSecond.toFixed(0)} rec/s`);
    const putRecordsH2 = h2 ? await timedWrites(server, h2, 'PutRecords') : undefined;
    if (putRecordsH2) log(`PutRecords h2c: ${putRecordsH2.perSecond.toFixed(0)} rec/s`);

    return {
      server: server.name,
      pid: server.pid,
      load200k,
      rssAfter200kMiB,
      read,
      readH2,
      loadToMillion,
      storedForRss,
      rssAfterMillionMiB,
      pollingLatency: polling,
      subscribeLatency: subscribe,
      putRecord,
      putRecordH2,
      putRecords,
      putRecordsH2,
      rssAtEndMiB: rssMiB(server.pid),
    };
  } finally {
    await h1.close();
    await h2?.close();
  }
}
