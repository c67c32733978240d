/**
 * Retention: every `retentionCheckMs`, records older than their stream's retention period are removed from the
 * shard logs on disk (`storage.trimBefore`), and closed shards whose every record has expired disappear from the
 * stream (their logs deleted), as AWS drops them from DescribeStream/ListShards.
 */
import type { KinesisRuntime } from './runtime.js';
import { isOpen } from './model/types.js';

const HOUR_MS = 3_600_000;

export class RetentionTrimmer {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(private readonly rt: KinesisRuntime) {}

  start(): void {
    const tick = (): void => {
      this.running = this.trimAll().catch((err: unknown) => console.error('kinesis: retention trimming failed', err));
      void this.running.then(() => {
        if (this.timer !== undefined) this.timer = setTimeout(tick, this.rt.options.retentionCheckMs).unref();
      });
    };
    this.timer = setTimeout(tick, this.rt.options.retentionCheckMs).unref();
  }

  stop(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Resolves once a run in progress has finished. */
  idle(): Promise<void> {
    return this.running;
  }

  /** One pass over every stream (also callable directly, e.g. by tests). */
  async trimAll(): Promise<void> {
    const now = this.rt.now();
    for (const stream of this.rt.registry.all()) {
      if (stream.status === 'CREATING' || stream.status === 'DELETING') continue;
      const cutoff = now - stream.retentionHours * HOUR_MS;
      for (const shard of stream.shards) await this.rt.storage.trimBefore(shard.logKey, cutoff);
      const expired = stream.shards.filter((s) => !isOpen(s) && s.closedMs !== undefined && s.closedMs < cutoff);
      if (expired.length === 0) continue;
      const ids = new Set(expired.map((s) => s.shardId));
      let removed: string[] = [];
      try {
        removed = await this.rt.registry.mutateAt(
          { accountId: stream.accountId, region: stream.region, streamName: stream.name },
          (s) => {
            if (s.streamId !== stream.streamId) return [];
            const gone = s.shards.filter((x) => ids.has(x.shardId)).map((x) => x.logKey);
            s.shards = s.shards.filter((x) => !ids.has(x.shardId));
            return gone;
          },
        );
      } catch {
        continue; // the stream was deleted meanwhile
      }
      for (const log of removed) await this.rt.storage.deleteLog(log);
    }
  }
}
