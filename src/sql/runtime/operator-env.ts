/** What operators get from the running application: the clock, the error stream, and drain registration. */
import type { SqlRuntimeError } from '../errors.js';
import type { EvalContext, Row } from '../plan/bound-expr.js';
import type { Timed } from './sink.js';

export interface OperatorEnv {
  readonly ctx: EvalContext;
  /** Sends the row that failed to `error_stream`, attributed to the pump being built. */
  report(err: SqlRuntimeError, row: Row, rowtime: number): void;
  /** Registers an operator that holds rows until a time passes, so the runtime can drain it. */
  timed(op: Timed): void;
  /** Seed for randomised operators (RANDOM_CUT_FOREST), so a run can be reproduced. */
  readonly seed?: number;
}

/** A hashable identity for a tuple of SQL values (group keys, partition keys, DISTINCT rows). */
export function tupleKey(values: readonly unknown[]): string {
  let s = '';
  for (const v of values) {
    if (v === null) s += '\u0001z';
    else if (typeof v === 'string') s += '\u0001s' + v;
    else if (v instanceof Uint8Array) s += '\u0001b' + Buffer.from(v).toString('hex');
    else if (typeof v === 'object') s += '\u0001o' + JSON.stringify(v);
    else s += '\u0001' + typeof v + String(v);
  }
  return s;
}
