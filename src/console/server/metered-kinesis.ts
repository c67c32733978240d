/**
 * Counts Kinesis traffic for the console's metrics by wrapping the service's `handle`: the put/get actions stay
 * untouched. GetRecords does not name its stream, so the stream of each iterator handed out (GetShardIterator,
 * then each NextShardIterator) is remembered in a bounded map.
 */
import type { ActionResult, AwsJsonService, RequestContext } from '../../server/service.js';
import type { StreamMetrics } from './stream-metrics.js';

/** Iterators expire after 5 minutes; this bound only protects memory from clients that never read on. */
const MAX_TRACKED_ITERATORS = 50_000;

type Input = Record<string, unknown> | undefined;

function streamOf(input: Input): string | undefined {
  const name = input?.StreamName;
  if (typeof name === 'string') return name;
  const arn = input?.StreamARN;
  if (typeof arn === 'string') return arn.slice(arn.indexOf(':stream/') + ':stream/'.length) || undefined;
  return undefined;
}

/** Decoded size of a blob as the transport hands it over: base64 text (JSON) or bytes (CBOR). */
function blobBytes(data: unknown): number {
  if (typeof data === 'string') {
    const pad = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
    return Math.floor((data.length * 3) / 4) - pad;
  }
  if (data instanceof Uint8Array) return data.byteLength;
  return 0;
}

/** Kinesis bills a record's partition key with its data; IncomingBytes does the same. */
function recordBytes(r: Record<string, unknown> | undefined): number {
  const key = r?.PartitionKey;
  return blobBytes(r?.Data) + (typeof key === 'string' ? Buffer.byteLength(key) : 0);
}

export function meterKinesis(service: AwsJsonService, metrics: StreamMetrics): AwsJsonService {
  const iteratorStreams = new Map<string, string>();
  const remember = (iterator: unknown, stream: string): void => {
    if (typeof iterator !== 'string') return;
    if (iteratorStreams.size >= MAX_TRACKED_ITERATORS) iteratorStreams.delete(iteratorStreams.keys().next().value!);
    iteratorStreams.set(iterator, stream);
  };

  return {
    targetPrefix: service.targetPrefix,
    signingName: service.signingName,
    operations: service.operations,
    async handle(operation: string, input: unknown, ctx: RequestContext): Promise<ActionResult> {
      const result = await service.handle(operation, input, ctx);
      const args = input as Input;
      const out = result as Record<string, unknown>;
      switch (operation) {
        case 'PutRecord': {
          const stream = streamOf(args);
          if (stream) metrics.recordPut(stream, 1, recordBytes(args));
          break;
        }
        case 'PutRecords': {
          const stream = streamOf(args);
          const records = Array.isArray(args?.Records) ? (args.Records as Record<string, unknown>[]) : [];
          const failed = typeof out.FailedRecordCount === 'number' ? out.FailedRecordCount : 0;
          const answers = Array.isArray(out.Records) ? (out.Records as Record<string, unknown>[]) : [];
          let bytes = 0;
          records.forEach((r, i) => {
            if (!answers[i]?.ErrorCode) bytes += recordBytes(r);
          });
          if (stream) metrics.recordPut(stream, records.length - failed, bytes);
          break;
        }
        case 'GetShardIterator': {
          const stream = streamOf(args);
          if (stream) remember(out.ShardIterator, stream);
          break;
        }
        case 'GetRecords': {
          const iterator = args?.ShardIterator;
          const stream = typeof iterator === 'string' ? iteratorStreams.get(iterator) : undefined;
          if (!stream) break;
          iteratorStreams.delete(iterator as string);
          remember(out.NextShardIterator, stream);
          const n = Array.isArray(out.Records) ? out.Records.length : 0;
          metrics.recordGet(stream, n, typeof out.MillisBehindLatest === 'number' ? out.MillisBehindLatest : undefined);
          break;
        }
      }
      return result;
    },
  };
}
