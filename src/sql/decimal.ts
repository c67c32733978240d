/**
 * Exact fixed-point DECIMAL values (KDA allows up to 19 significant digits): an unscaled bigint and a scale, so
 * `12.50` is { unscaled: 1250n, scale: 2 }. Immutable; arithmetic never goes through binary floating point.
 */
export class Decimal {
  constructor(
    readonly unscaled: bigint,
    readonly scale: number,
  ) {}

  /** Parses `-12.5`, `3`, `.25`, `1e3`; returns undefined when the text is not a number. */
  static parse(text: string): Decimal | undefined {
    const m = /^\s*([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/.exec(text);
    if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
    const frac = m[3] ?? '';
    let unscaled = BigInt((m[2] || '0') + frac);
    let scale = frac.length;
    const exp = m[4] ? Number(m[4]) : 0;
    if (exp > 0) {
      if (exp >= scale) {
        unscaled *= 10n ** BigInt(exp - scale);
        scale = 0;
      } else scale -= exp;
    } else scale -= exp;
    return new Decimal(m[1] === '-' ? -unscaled : unscaled, scale);
  }

  static fromInteger(n: number | bigint): Decimal {
    return new Decimal(BigInt(n), 0);
  }

  /** A double's shortest decimal text made exact (0.1 → 0.1, not 0.1000000000000000055…). */
  static fromNumber(n: number): Decimal {
    if (!Number.isFinite(n)) throw new RangeError(`not a finite number: ${n}`);
    return Decimal.parse(String(n))!;
  }

  /** Rescales, rounding half away from zero when digits are dropped. */
  withScale(scale: number): Decimal {
    if (scale === this.scale) return this;
    if (scale > this.scale) return new Decimal(this.unscaled * 10n ** BigInt(scale - this.scale), scale);
    const div = 10n ** BigInt(this.scale - scale);
    let q = this.unscaled / div;
    const r = this.unscaled % div;
    const twice = (r < 0n ? -r : r) * 2n;
    if (twice >= div) q += this.unscaled < 0n ? -1n : 1n;
    return new Decimal(q, scale);
  }

  /** Drops the fraction (toward zero), as CAST to an integer type does. */
  truncate(): bigint {
    return this.unscaled / 10n ** BigInt(this.scale);
  }

  add(o: Decimal): Decimal {
    const s = Math.max(this.scale, o.scale);
    return new Decimal(this.withScale(s).unscaled + o.withScale(s).unscaled, s);
  }

  sub(o: Decimal): Decimal {
    const s = Math.max(this.scale, o.scale);
    return new Decimal(this.withScale(s).unscaled - o.withScale(s).unscaled, s);
  }

  mul(o: Decimal): Decimal {
    return new Decimal(this.unscaled * o.unscaled, this.scale + o.scale);
  }

  /** Quotient at `scale` digits, rounded half away from zero; the caller checks for a zero divisor. */
  div(o: Decimal, scale: number): Decimal {
    // (a / 10^sa) / (b / 10^sb) = a * 10^(sb + scale + 1 - sa) / b, at scale + 1 digits, then rounded to scale.
    const shift = o.scale + scale + 1 - this.scale;
    const num = shift >= 0 ? this.unscaled * 10n ** BigInt(shift) : this.unscaled / 10n ** BigInt(-shift);
    return new Decimal(num / o.unscaled, scale + 1).withScale(scale);
  }

  neg(): Decimal {
    return new Decimal(-this.unscaled, this.scale);
  }

  isZero(): boolean {
    return this.unscaled === 0n;
  }

  compare(o: Decimal): number {
    const s = Math.max(this.scale, o.scale);
    const a = this.withScale(s).unscaled;
    const b = o.withScale(s).unscaled;
    return a < b ? -1 : a > b ? 1 : 0;
  }

  /** Number of significant digits left of the point plus the scale, as DECIMAL(p, s) counts precision. */
  precision(): number {
    const digits = (this.unscaled < 0n ? -this.unscaled : this.unscaled).toString().length;
    return Math.max(digits, this.scale);
  }

  toNumber(): number {
    return Number(this.toString());
  }

  /** Plain notation with exactly `scale` fraction digits: 12.50, -0.05, 7. */
  toString(): string {
    const neg = this.unscaled < 0n;
    let digits = (neg ? -this.unscaled : this.unscaled).toString();
    if (this.scale <= 0) return (neg ? '-' : '') + digits + '0'.repeat(-this.scale);
    if (digits.length <= this.scale) digits = '0'.repeat(this.scale - digits.length + 1) + digits;
    const cut = digits.length - this.scale;
    return (neg ? '-' : '') + digits.slice(0, cut) + '.' + digits.slice(cut);
  }

  toJSON(): string {
    return this.toString();
  }
}

export function isDecimal(v: unknown): v is Decimal {
  return v instanceof Decimal;
}
