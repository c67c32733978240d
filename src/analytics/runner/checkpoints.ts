/**
 * Where an application's input positions are kept: per input, per source shard, the sequence number of the last
 * record whose output has been delivered (or that the shard was read to its end). Written after each delivery,
 * and on stop, so a stop/start (LAST_STOPPED_POINT) or a crash resumes after the last delivered record: nothing is
 * lost, and at most the records after the last checkpoint are read twice (KDA's at-least-once).
 */
import type { StorageEngine } from '../../storage/engine.js';

export interface ShardPosition {
  sequenceNumber?: string;
  /** Nothing read yet from a shard started at a time (NOW): resume at that time, not at the next start's. */
  startedAtMs?: number;
  /** The shard was closed and read to its end. */
  done?: boolean;
}

export interface InputCheckpoint {
  shards: Record<string, ShardPosition>;
}

export interface CheckpointStore {
  load(inputId: string): Promise<InputCheckpoint | undefined>;
  save(inputId: string, checkpoint: InputCheckpoint): Promise<void>;
  clear(): Promise<void>;
}

const PREFIX = 'analytics/checkpoints/';

export function storageCheckpoints(storage: StorageEngine, accountId: string, region: string, app: string): CheckpointStore {
  const base = `${PREFIX}${accountId}/${region}/${app}/`;
  return {
    async load(inputId) {
      return (await storage.getMeta<InputCheckpoint>(base + inputId))?.value;
    },
    async save(inputId, checkpoint) {
      await storage.putMeta(base + inputId, checkpoint);
    },
    async clear() {
      for (const e of await storage.listMeta(base)) await storage.deleteMeta(e.key);
    },
  };
}

/** For standalone runs (`freshet app run`): positions live as long as the process. */
export function memoryCheckpoints(): CheckpointStore {
  const map = new Map<string, InputCheckpoint>();
  return {
    async load(inputId) {
      const c = map.get(inputId);
      return c ? structuredClone(c) : undefined;
    },
    async save(inputId, checkpoint) {
      map.set(inputId, structuredClone(checkpoint));
    },
    async clear() {
      map.clear();
    },
  };
}
