/**
 * The table-function hook: `FROM TABLE(FN(CURSOR(SELECT STREAM …), arg, …))`. A function sees the cursor's columns
 * and the constant arguments at plan time, validates them, declares its output columns (usually the cursor's plus
 * its own) and creates its operator per run. The ML functions plug in here with `registerTableFunction`.
 */
import { SqlCompileError, type SourcePosition } from '../errors.js';
import type { SqlType } from '../types.js';
import { GroupRank } from '../runtime/operators/group-rank.js';
import type { OperatorEnv } from '../runtime/operator-env.js';
import type { Sink } from '../runtime/sink.js';
import type { OutColumn } from './plan-node.js';

export interface TableFunctionCall {
  readonly name: string;
  /** Output columns of the CURSOR(…) query; its rows are keyed by `key`. */
  readonly cursor: readonly OutColumn[];
  /** The arguments after the cursor: constant values (string literals name cursor columns). */
  readonly args: readonly unknown[];
  readonly argTypes: readonly SqlType[];
  readonly pos: SourcePosition;
}

export interface PlannedTableFunction {
  /** Output columns; rows the operator emits are keyed by their `key`. */
  readonly columns: readonly OutColumn[];
  /** A fresh operator for one run, pushing into `out`. */
  create(out: Sink, env: OperatorEnv): Sink;
}

export interface TableFunctionDef {
  readonly name: string;
  plan(call: TableFunctionCall): PlannedTableFunction;
}

const registry = new Map<string, TableFunctionDef>();

export function registerTableFunction(def: TableFunctionDef): void {
  registry.set(def.name.toUpperCase(), def);
}

export function tableFunction(name: string): TableFunctionDef | undefined {
  return registry.get(name.toUpperCase());
}

/** Finds a cursor column named by a string argument (exact, then case-insensitive). */
export function cursorColumn(call: TableFunctionCall, name: unknown, what: string): OutColumn {
  if (typeof name !== 'string') throw new SqlCompileError(`${call.name}: ${what} must be a column name in single quotes`, call.pos);
  const col = call.cursor.find((c) => c.name === name) ?? call.cursor.find((c) => c.name.toUpperCase() === name.toUpperCase());
  if (!col) throw new SqlCompileError(`${call.name}: column '${name}' not found in the CURSOR query`, call.pos);
  return col;
}

registerTableFunction({
  name: 'GROUP_RANK',
  plan(call) {
    const [rankBy, rankOut, sortOrder, outputOrder, maxIdle, outputMax] = call.args;
    if (call.args.length !== 6) throw new SqlCompileError('GROUP_RANK takes CURSOR(…), rankByColumn, rankOutColumn, sortOrder, outputOrder, maxIdle, outputMax', call.pos);
    const by = cursorColumn(call, rankBy, 'rankByColumn');
    if (typeof rankOut !== 'string') throw new SqlCompileError('GROUP_RANK: rankOutColumn must be a string', call.pos);
    const order = (v: unknown, what: string): boolean => {
      if (typeof v !== 'string' || !/^(asc|desc)$/i.test(v)) throw new SqlCompileError(`GROUP_RANK: ${what} must be 'asc' or 'desc'`, call.pos);
      return v.toLowerCase() === 'desc';
    };
    const cfg = {
      rankBy: by.key,
      rankOut,
      sortDesc: order(sortOrder, 'sortOrder'),
      outputDesc: order(outputOrder, 'outputOrder'),
      maxIdleMs: Number(maxIdle),
      outputMax: Number(outputMax),
    };
    return {
      columns: [...call.cursor, { name: rankOut, key: rankOut, type: { name: 'INTEGER', nullable: false } }],
      create: (out, env) => new GroupRank(out, env, cfg),
    };
  },
});

// The machine-learning and approximate table functions are not implemented yet: say so at validation time.
for (const name of ['RANDOM_CUT_FOREST', 'RANDOM_CUT_FOREST_WITH_EXPLANATION', 'HOTSPOTS', 'TOP_K_ITEMS_TUMBLING', 'COUNT_DISTINCT_ITEMS_TUMBLING']) {
  if (registry.has(name)) continue;
  registerTableFunction({
    name,
    plan(call) {
      throw new SqlCompileError(`${name} is not supported yet by this engine`, call.pos);
    },
  });
}
