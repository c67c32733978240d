/**
 * Reads a whole stream: every shard, and the children of a shard once it and its sibling parent are read to
 * their end (after a split or merge), by polling or through an enhanced fan-out consumer.
 */
import type { KinesisClient, Shard } from '@aws-sdk/client-kinesis';
import { CliError } from './errors.js';
import { isClosed, listAllShards, parentsOf, shardHoldsSequence } from './shard-lineage.js';
import { pollShard, type ShardBatch, type ShardOutcome } from './shard-poller.js';
import { subscribeShard } from './shard-subscriber.js';
import type { StartPosition } from './start-position.js';

export interface ReadStreamOptions {
  stream: string;
  from: StartPosition;
  /** Only this shard (and its descendants). */
  shardId?: string;
  /** Set: read through this enhanced fan-out consumer; unset: poll GetRecords. */
  consumerArn?: string;
  /** Stop each open shard at its tip (an export) instead of following it. */
  stopAtTip?: boolean;
  until?: Date;
  idleMs?: number;
  signal: AbortSignal;
  onBatch(batch: ShardBatch): Promise<void>;
  /** Told the shards as they become known, and each one read to its end or tip. */
  onShards?(shards: Shard[]): void;
  onShardDone?(shardId: string, outcome: ShardOutcome): void;
}

export interface StreamClients {
  kinesis: KinesisClient;
  streaming(): KinesisClient;
}

export async function readStream(clients: StreamClients, o: ReadStreamOptions): Promise<void> {
  const shards = new Map<string, Shard>();
  const refresh = async (): Promise<void> => {
    for (const s of await listAllShards(clients.kinesis, o.stream, o.signal)) shards.set(s.ShardId!, s);
    o.onShards?.([...shards.values()]);
  };
  await refresh();
  if (o.shardId && !shards.has(o.shardId)) throw new CliError(`stream ${o.stream} has no shard ${o.shardId} (shards: ${[...shards.keys()].join(', ')})`);

  // Which shards to read, and from where the first readers start.
  let root = o.shardId;
  if (o.from.type === 'AT_SEQUENCE_NUMBER' && !root) {
    const seq = o.from.sequenceNumber;
    root = [...shards.values()].find((s) => shardHoldsSequence(s, seq))?.ShardId;
    if (!root) throw new CliError(`no shard of ${o.stream} holds sequence number ${seq}`);
  }
  const included = (id: string, depth = 0): boolean => {
    if (!root || id === root) return true;
    const s = shards.get(id);
    return !!s && depth < 1000 && parentsOf(s).some((p) => included(p, depth + 1));
  };
  const done = new Set<string>();
  const started = new Set<string>();
  // LATEST: nothing before now matters, so closed shards count as read; their open descendants start at LATEST.
  const initialFrom = new Map<string, StartPosition>();
  if (o.from.type === 'LATEST') {
    for (const s of shards.values()) {
      if (!included(s.ShardId!)) continue;
      if (isClosed(s)) done.add(s.ShardId!);
      else initialFrom.set(s.ShardId!, o.from);
    }
  } else if (o.from.type === 'AT_SEQUENCE_NUMBER') {
    initialFrom.set(root!, o.from);
    for (const s of shards.values()) if (s.ShardId !== root && included(s.ShardId!)) initialFrom.set(s.ShardId!, { type: 'TRIM_HORIZON' });
  }
  const positionFor = (id: string): StartPosition => initialFrom.get(id) ?? (o.from.type === 'AT_TIMESTAMP' ? o.from : { type: 'TRIM_HORIZON' });

  const running = new Map<string, Promise<void>>();
  let failure: unknown;
  let wake: () => void = () => undefined;

  const startReady = (): void => {
    for (const s of shards.values()) {
      const id = s.ShardId!;
      if (started.has(id) || done.has(id) || !included(id)) continue;
      const waiting = parentsOf(s).filter((p) => shards.has(p) && included(p) && !done.has(p));
      if (waiting.length > 0) continue;
      started.add(id);
      running.set(id, readOne(id).then(
        async (outcome) => {
          done.add(id);
          o.onShardDone?.(id, outcome);
          try {
            if (outcome === 'ended' && !o.signal.aborted) await refresh();
            startReady();
          } catch (err) {
            failure ??= err;
          }
          running.delete(id); // only now: the children it may have started are running
          wake();
        },
        (err: unknown) => {
          running.delete(id);
          failure ??= err;
          wake();
        },
      ));
    }
  };

  const readOne = (id: string): Promise<ShardOutcome> =>
    o.consumerArn
      ? subscribeShard(clients.streaming(), { consumerArn: o.consumerArn, shardId: id, from: positionFor(id), signal: o.signal, onBatch: o.onBatch })
      : pollShard(clients.kinesis, {
          stream: o.stream,
          shardId: id,
          from: positionFor(id),
          stopAtTip: o.stopAtTip ?? false,
          ...(o.until ? { until: o.until } : {}),
          idleMs: o.idleMs ?? 1000,
          signal: o.signal,
          onBatch: o.onBatch,
        });

  startReady();
  const aborted = new Promise<void>((res) => o.signal.addEventListener('abort', () => res(), { once: true }));
  while (running.size > 0 && !failure && !o.signal.aborted) {
    await Promise.race([new Promise<void>((res) => (wake = res)), aborted]);
  }
  if (failure && !o.signal.aborted) throw failure;
}
