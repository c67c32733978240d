/** Turning aggregate and analytic calls into AggregateSpecs: argument checks, constant arguments, result types. */
import { SqlCompileError } from '../errors.js';
import { interpret } from '../eval/interpreter.js';
import { isNumeric, sqlType } from '../functions/type-rules.js';
import type { AggregateSpec } from '../runtime/aggregates.js';
import type { CallExpr } from '../syntax/ast.js';
import type { SqlType } from '../types.js';
import { ANALYTIC_ONLY, bindExpr, type BindContext } from './bind-expr.js';
import type { BExpr } from './bound-expr.js';
import { Scope } from './scope.js';

export interface BoundAggregate {
  readonly spec: AggregateSpec;
  readonly arg?: BExpr;
}

const STATIC_CTX = { now: () => 0, queryStart: 0 };

function constant(call: CallExpr, index: number, what: string): unknown {
  const e = call.args[index];
  if (!e) return undefined;
  try {
    const b = bindExpr(e, { scope: new Scope([]) });
    return interpret(b)({}, 0, STATIC_CTX);
  } catch {
    throw new SqlCompileError(`${call.name}: ${what} must be a constant`, e.pos);
  }
}

function resultType(name: string, arg: SqlType | undefined): SqlType {
  switch (name) {
    case 'COUNT':
      return sqlType('BIGINT', false);
    case 'ANY':
    case 'SOME':
    case 'EVERY':
      return sqlType('BOOLEAN');
    case 'VAR_POP':
    case 'VAR_SAMP':
    case 'STDDEV_POP':
    case 'STDDEV_SAMP':
    case 'STDDEV':
    case 'VARIANCE':
      return arg && (arg.name === 'DECIMAL' || arg.name === 'REAL') ? { ...arg, nullable: true } : sqlType('DOUBLE');
    default:
      return arg ? { ...arg, nullable: true } : sqlType('NULL');
  }
}

/** Binds one aggregate call's arguments in the input scope (`ctx` carries no aggregate hook: no nesting). */
export function bindAggregate(call: CallExpr, ctx: BindContext, analytic: boolean): BoundAggregate {
  const name = call.name === 'SOME' ? 'ANY' : call.name;
  if (call.distinct) {
    throw new SqlCompileError(`${call.name}(DISTINCT …) is not allowed in ${analytic ? 'windowed' : 'streaming'} aggregation`, call.pos);
  }
  if (!analytic && ANALYTIC_ONLY.has(name)) {
    throw new SqlCompileError(`${call.name} needs an OVER clause`, call.pos);
  }
  if (call.star && name !== 'COUNT') throw new SqlCompileError(`${call.name}(*) is not allowed`, call.pos);
  if (!call.star && call.args.length === 0) throw new SqlCompileError(`${call.name} needs an argument`, call.pos);
  const arg = call.star ? undefined : bindExpr(call.args[0]!, ctx);
  const maxArgs: Record<string, number> = { LAG: 3, NTH_VALUE: 2, EXP_AVG: 2 };
  if (call.args.length > (maxArgs[name] ?? 1)) throw new SqlCompileError(`Invalid number of arguments to function '${call.name}'`, call.pos);
  if (arg && ['SUM', 'AVG', 'VAR_POP', 'VAR_SAMP', 'STDDEV_POP', 'STDDEV_SAMP', 'STDDEV', 'VARIANCE', 'EXP_AVG'].includes(name) && !isNumeric(arg.type)) {
    throw new SqlCompileError(`Cannot apply '${call.name}' to arguments of type '${call.name}(<${arg.type.name}>)'`, call.pos);
  }
  const consts: unknown[] = [];
  if (name === 'LAG') {
    if (call.args.length > 1) consts.push(constant(call, 1, 'the offset'));
    if (call.args.length > 2) consts.push(constant(call, 2, 'the default'));
  } else if (name === 'NTH_VALUE') {
    if (call.args.length < 2) throw new SqlCompileError('NTH_VALUE needs a position: NTH_VALUE(x, n)', call.pos);
    consts.push(constant(call, 1, 'the position'));
  } else if (name === 'EXP_AVG') {
    const half = constant(call, 1, 'the half-life interval');
    if (typeof half !== 'number' || half <= 0) throw new SqlCompileError('EXP_AVG needs a positive INTERVAL half-life', call.pos);
    consts.push(half);
  }
  const spec: AggregateSpec = {
    name,
    type: resultType(name, arg?.type),
    argType: arg?.type ?? sqlType('NULL'),
    star: call.star,
    ignoreNulls: call.nulls === 'IGNORE',
    fromLast: call.fromLast === true,
    consts,
  };
  return { spec, ...(arg ? { arg } : {}) };
}
