/**
 * Routes a hash key to the open shard whose range holds it. Open shards always tile the whole hash key space, so
 * a binary search over their starting keys (16-byte big-endian buffers, compared natively) finds the shard.
 */
import type { ShardMeta } from '../model/types.js';
import { isOpen } from '../model/types.js';
import { hashKeyBytes } from './hash-keys.js';

export class ShardRouter {
  private readonly starts: Buffer[];
  readonly shards: ShardMeta[];

  constructor(allShards: readonly ShardMeta[]) {
    const open = allShards.filter(isOpen).sort((a, b) => {
      const x = BigInt(a.startingHashKey);
      const y = BigInt(b.startingHashKey);
      return x < y ? -1 : x > y ? 1 : 0;
    });
    this.shards = open;
    this.starts = open.map((s) => hashKeyBytes(BigInt(s.startingHashKey)));
  }

  /** The open shard for a 16-byte hash key; undefined only if no shard is open. */
  route(hashKey: Buffer): ShardMeta | undefined {
    const i = this.slot(hashKey);
    return i < 0 ? undefined : this.shards[i];
  }

  /** Index into `shards` of the open shard for a 16-byte hash key; −1 only if no shard is open. */
  slot(hashKey: Buffer): number {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    if (hi < 0) return -1;
    // Last shard whose start ≤ hashKey.
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (Buffer.compare(starts[mid]!, hashKey) <= 0) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

const routers = new WeakMap<readonly ShardMeta[], { router: ShardRouter; fingerprint: string }>();

function fingerprint(shards: readonly ShardMeta[]): string {
  let open = 0;
  for (const s of shards) if (isOpen(s)) open++;
  return `${shards.length}/${open}/${shards[shards.length - 1]?.shardId ?? ''}`;
}

/** The router for a stream's current shard list (rebuilt when the shard set changes). */
export function routerFor(shards: readonly ShardMeta[]): ShardRouter {
  const fp = fingerprint(shards);
  const cached = routers.get(shards);
  if (cached && cached.fingerprint === fp) return cached.router;
  const router = new ShardRouter(shards);
  routers.set(shards, { router, fingerprint: fp });
  return router;
}
