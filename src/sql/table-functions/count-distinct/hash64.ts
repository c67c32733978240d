/**
 * A 64-bit string hash as two 32-bit halves, for HyperLogLog: two independently seeded multiply–xorshift lanes over
 * the UTF-16 code units with a murmur3-style avalanche at the end, so every output bit depends on every input bit.
 */
export interface Hash64 {
  readonly hi: number;
  readonly lo: number;
}

export function hash64(text: string): Hash64 {
  let h1 = 0xdeadbeef ^ text.length;
  let h2 = 0x41c6ce57 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  // a final murmur3 fmix on each half
  return { hi: fmix32(h2) >>> 0, lo: fmix32(h1 ^ h2) >>> 0 };
}

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}
