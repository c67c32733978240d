/**
 * Routes a hash key to the open shard whose range holds it. Open shards always tile the whole hash key space, so
 * a binary search over their starting keys finds the shard; keys are compared as four big-endian 32-bit words.
 */
import type { ShardMeta } from '../model/types.js';
import { isOpen } from '../model/types.js';
import { bigintToWords } from './hash-keys.js';

export class ShardRouter {
  /** Starting hash keys of `shards`, 4 words each. */
  private readonly starts: Uint32Array;
  readonly shards: ShardMeta[];

  constructor(allShards: readonly ShardMeta[]) {
    const open = allShards.filter(isOpen).sort((a, b) => {
      const x = BigInt(a.startingHashKey);
      const y = BigInt(b.startingHashKey);
      return x < y ? -1 : x > y ? 1 : 0;
    });
    this.shards = open;
    this.starts = new Uint32Array(open.length * 4);
    open.forEach((s, i) => bigintToWords(BigInt(s.startingHashKey), this.starts, i * 4));
  }

  /** Index into `shards` of the open shard for a hash key (4 words); −1 only if no shard is open. */
  slot(key: Uint32Array): number {
    const starts = this.starts;
    let lo = 0;
    let hi = this.shards.length - 1;
    if (hi < 0) return -1;
    // Last shard whose start ≤ key.
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (startAtOrBelow(starts, mid * 4, key)) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

function startAtOrBelow(starts: Uint32Array, at: number, key: Uint32Array): boolean {
  for (let w = 0; w < 4; w++) {
    const s = starts[at + w]!;
    const k = key[w]!;
    if (s !== k) return s < k;
  }
  return true;
}

// Stream metadata is immutable once published (the registry changes copies), so a shard list's identity is
// enough to know its router is current.
const routers = new WeakMap<readonly ShardMeta[], ShardRouter>();

/** The router for a stream's current shard list. */
export function routerFor(shards: readonly ShardMeta[]): ShardRouter {
  let router = routers.get(shards);
  if (!router) {
    router = new ShardRouter(shards);
    routers.set(shards, router);
  }
  return router;
}
