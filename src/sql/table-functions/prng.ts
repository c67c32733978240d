/**
 * A small seeded PRNG (xoshiro128**, seeded through splitmix32) so randomised table functions are reproducible
 * under a seed. Not cryptographic; it only has to be fast and well distributed.
 */
export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const next = (): number => {
      // splitmix32 spreads any seed (even 0) over the whole state
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
  }

  /** Uniform 32-bit unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  nextDouble(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** A seed for a child generator, so each tree of a forest has its own stream. */
  fork(): Prng {
    return new Prng(this.nextUint32());
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** The seed to use: the explicit one, else FRESHET_RCF_SEED, else a random one. */
export function resolveSeed(explicit: number | undefined): number {
  if (explicit !== undefined && Number.isFinite(explicit)) return explicit >>> 0;
  const fromEnv = process.env.FRESHET_RCF_SEED;
  if (fromEnv !== undefined && fromEnv.trim() !== '' && Number.isFinite(Number(fromEnv))) return Number(fromEnv) >>> 0;
  return (Math.random() * 4294967296) >>> 0;
}
