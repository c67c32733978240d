/**
 * What the data-plane actions share within one Kinesis service: the stream registry, the storage, the service
 * clock, the throughput limiter (when limits are on), the append signal that wakes subscribers, and the arrival
 * clock that keeps arrival times non-decreasing per log even if the wall clock steps back.
 */
import type { StorageEngine } from '../../storage/engine.js';
import type { StreamRegistry } from '../model/stream-registry.js';
import type { KinesisRuntime } from '../runtime.js';
import { ThroughputLimiter } from '../throughput/shard-throughput.js';
import { AppendSignal } from './append-signal.js';

export class DataPlane {
  readonly registry: StreamRegistry;
  readonly storage: StorageEngine;
  readonly throughput: ThroughputLimiter | undefined;
  readonly appends = new AppendSignal();
  readonly iteratorTtlMs: number;
  readonly now: () => number;
  private readonly lastArrival = new Map<string, number>();

  constructor(rt: KinesisRuntime) {
    this.registry = rt.registry;
    this.storage = rt.storage;
    this.now = () => rt.now();
    this.throughput = rt.options.throughputLimits ? new ThroughputLimiter() : undefined;
    this.iteratorTtlMs = rt.options.iteratorTtlMs;
  }

  /** Arrival time for a batch appended to `log` now: never before the previous batch's. */
  arrivalFor(log: string, nowMs: number): number {
    const last = this.lastArrival.get(log);
    const t = last !== undefined && last > nowMs ? last : nowMs;
    if (t !== last) this.lastArrival.set(log, t);
    return t;
  }
}

const planes = new WeakMap<KinesisRuntime, DataPlane>();

/** The data plane of a Kinesis service (created on first use). */
export function dataPlaneOf(rt: KinesisRuntime): DataPlane {
  let p = planes.get(rt);
  if (!p) {
    p = new DataPlane(rt);
    planes.set(rt, p);
  }
  return p;
}
