/**
 * Aggregate functions for streaming GROUP BY, stagger windows and sliding (OVER) windows. NULL inputs are ignored
 * except by COUNT(*). Results keep the argument's type (KDA: AVG over INTEGER truncates). Invertible aggregates
 * (COUNT, SUM, AVG, variances) support `remove` so sliding windows update in O(1); the rest are computed from the
 * window's values.
 */
import { SqlRuntimeError } from '../errors.js';
import { roundHalfUp } from '../functions/conversions.js';
import type { SqlType } from '../types.js';

export interface AggregateSpec {
  readonly name: string;
  readonly type: SqlType;
  /** Type of the (first) argument. */
  readonly argType: SqlType;
  readonly star: boolean;
  readonly ignoreNulls: boolean;
  readonly fromLast: boolean;
  /** Constant trailing arguments: LAG's offset and default, NTH_VALUE's n, EXP_AVG's half-life. */
  readonly consts: readonly unknown[];
}

export interface Accumulator {
  add(v: unknown, rowtime: number): void;
  remove?(v: unknown): void;
  result(now: number): unknown;
}

const INT_RANGE: Record<string, readonly [number, number]> = {
  TINYINT: [-128, 127],
  SMALLINT: [-32768, 32767],
  INTEGER: [-2147483648, 2147483647],
  BIGINT: [-9223372036854775808, 9223372036854775807],
};

/** A numeric aggregate result in the result type's representation. */
function finish(x: number, type: SqlType): number {
  const range = INT_RANGE[type.name];
  if (range) {
    const v = Math.trunc(x);
    if (v < range[0] || v > range[1]) throw new SqlRuntimeError('Overflow', `Aggregate value ${v} is out of range for ${type.name}`);
    return v;
  }
  if (type.name === 'REAL') return Math.fround(x);
  if (type.name === 'DECIMAL') return roundHalfUp(x, type.scale ?? 0);
  return x;
}

class Count implements Accumulator {
  n = 0;
  constructor(private readonly star: boolean) {}
  add(v: unknown): void {
    if (this.star || v !== null) this.n++;
  }
  remove(v: unknown): void {
    if (this.star || v !== null) this.n--;
  }
  result(): unknown {
    return this.n;
  }
}

class Sum implements Accumulator {
  n = 0;
  sum = 0;
  sumSq = 0;
  constructor(private readonly spec: AggregateSpec) {}
  add(v: unknown): void {
    if (v === null) return;
    const x = v as number;
    this.n++;
    this.sum += x;
    this.sumSq += x * x;
  }
  remove(v: unknown): void {
    if (v === null) return;
    const x = v as number;
    this.n--;
    this.sum -= x;
    this.sumSq -= x * x;
  }
  result(): unknown {
    const { name, type } = this.spec;
    const n = this.n;
    if (n === 0) return null;
    switch (name) {
      case 'SUM':
        return finish(this.sum, type);
      case 'AVG':
        return finish(this.sum / n, type);
    }
    const varPop = Math.max(0, (this.sumSq - (this.sum * this.sum) / n) / n);
    const varSamp = n > 1 ? Math.max(0, (this.sumSq - (this.sum * this.sum) / n) / (n - 1)) : null;
    switch (name) {
      case 'VAR_POP':
        return finish(varPop, type);
      case 'STDDEV_POP':
        return finish(Math.sqrt(varPop), type);
      case 'VAR_SAMP':
      case 'VARIANCE':
        return varSamp === null ? null : finish(varSamp, type);
      default:
        return varSamp === null ? null : finish(Math.sqrt(varSamp), type);
    }
  }
}

function compare(a: unknown, b: unknown): number {
  return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
}

/** MIN, MAX, FIRST_VALUE, LAST_VALUE, ANY/SOME, EVERY in a growing group. */
class Running implements Accumulator {
  v: unknown = null;
  seen = false;
  constructor(private readonly spec: AggregateSpec) {}
  add(v: unknown): void {
    const { name, ignoreNulls } = this.spec;
    switch (name) {
      case 'MIN':
      case 'MAX':
        if (v !== null && (this.v === null || compare(v, this.v) === (name === 'MIN' ? -1 : 1))) this.v = v;
        return;
      case 'FIRST_VALUE':
        if (!this.seen && (v !== null || !ignoreNulls)) {
          this.v = v;
          this.seen = true;
        }
        return;
      case 'LAST_VALUE':
        if (v !== null || !ignoreNulls) this.v = v;
        return;
      case 'EVERY':
        if (v !== null) this.v = this.v === null ? v : (this.v as boolean) && (v as boolean);
        return;
      default: // ANY, SOME
        if (v !== null) this.v = this.v === null ? v : (this.v as boolean) || (v as boolean);
    }
  }
  result(): unknown {
    return this.v;
  }
}

const INVERTIBLE = new Set(['COUNT', 'SUM', 'AVG', 'VAR_POP', 'VAR_SAMP', 'STDDEV_POP', 'STDDEV_SAMP', 'STDDEV', 'VARIANCE']);

export function isInvertible(spec: AggregateSpec): boolean {
  return INVERTIBLE.has(spec.name);
}

/** An accumulator for a GROUP BY or stagger group (values only ever added). */
export function createAccumulator(spec: AggregateSpec): Accumulator {
  if (spec.name === 'COUNT') return new Count(spec.star);
  if (INVERTIBLE.has(spec.name)) return new Sum(spec);
  if (['MIN', 'MAX', 'FIRST_VALUE', 'LAST_VALUE', 'ANY', 'SOME', 'EVERY'].includes(spec.name)) return new Running(spec);
  throw new Error(`${spec.name} cannot be used in GROUP BY`);
}

/**
 * A non-invertible aggregate over a sliding window's values (oldest first; the current row is last) and their
 * ROWTIMEs. `now` is the current row's ROWTIME.
 */
export function windowValue(spec: AggregateSpec, values: readonly unknown[], times: readonly number[], start: number, now: number): unknown {
  const end = values.length;
  switch (spec.name) {
    case 'LAG': {
      const n = (spec.consts[0] as number | undefined) ?? 1;
      const dflt = spec.consts.length > 1 ? spec.consts[1] : null;
      if (n < 0) throw new SqlRuntimeError('Invalid argument', 'LAG offset must not be negative');
      let k = n;
      for (let i = end - 1; i >= start; i--) {
        if (spec.ignoreNulls && values[i] === null && i !== end - 1) continue;
        if (k === 0) return values[i];
        k--;
      }
      return dflt;
    }
    case 'NTH_VALUE': {
      const n = spec.consts[0] as number;
      if (!(n >= 1)) throw new SqlRuntimeError('Invalid argument', 'NTH_VALUE position must be at least 1');
      let k = n;
      if (spec.fromLast) {
        for (let i = end - 1; i >= start; i--) if (!(spec.ignoreNulls && values[i] === null) && --k === 0) return values[i];
      } else {
        for (let i = start; i < end; i++) if (!(spec.ignoreNulls && values[i] === null) && --k === 0) return values[i];
      }
      return null;
    }
    case 'EXP_AVG': {
      // Weights halve for every full half-life interval of age (the SR: the latest interval weighs twice the one before).
      const half = spec.consts[0] as number;
      let num = 0;
      let den = 0;
      for (let i = start; i < end; i++) {
        const v = values[i];
        if (v === null) continue;
        const w = Math.pow(2, -Math.floor((now - times[i]!) / half));
        num += w * (v as number);
        den += w;
      }
      return den === 0 ? null : finish(num / den, spec.type);
    }
    default: {
      const acc = createAccumulator(spec);
      for (let i = start; i < end; i++) acc.add(values[i], times[i]!);
      return acc.result(now);
    }
  }
}
