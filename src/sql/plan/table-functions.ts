/**
 * The table-function hook: `FROM TABLE(FN(CURSOR(SELECT STREAM …), arg, …))`. A function sees the cursor's columns
 * and the constant arguments at plan time, validates them, declares its output columns (usually the cursor's plus
 * its own) and creates its operator per run. GROUP_RANK is defined here; the analytics functions come from
 * `../table-functions/` through an adapter.
 */
import { rowError, SqlCompileError, type SourcePosition } from '../errors.js';
import { TableFunctionArgumentError, tableFunctions as libraryTableFunctions, type TableFunctionDef as LibraryTableFunction } from '../table-functions/index.js';
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

/**
 * The built-in analytics functions (RANDOM_CUT_FOREST, HOTSPOTS, TOP_K_ITEMS_TUMBLING, …) implement the library
 * contract of `../table-functions/contract.ts`; this adapts them to the planner's hook.
 */
function adapt(def: LibraryTableFunction): TableFunctionDef {
  return {
    name: def.name,
    plan(call) {
      let bound;
      try {
        bound = def.bind(
          call.cursor.filter((c) => !c.hidden).map((c) => ({ name: c.name, type: c.type, key: c.key })),
          call.args,
        );
      } catch (err) {
        if (err instanceof TableFunctionArgumentError) throw new SqlCompileError(err.message, call.pos);
        throw err;
      }
      const columns = bound.outputColumns.map((c) => ({ name: c.name, type: c.type, key: c.key ?? c.name }));
      return {
        columns,
        create(out, env) {
          const instance = bound.create(env.seed === undefined ? {} : { seed: env.seed });
          // Errors from downstream of an emitted row are not this row's: they pass the catch below untouched.
          const emit = (row: Record<string, unknown>, rowtime: number): void => {
            try {
              out.push(row, rowtime);
            } catch (err) {
              throw new DownstreamError(err);
            }
          };
          const op = {
            push(row: Record<string, unknown>, rowtime: number): void {
              try {
                instance.push(row, rowtime, emit);
              } catch (err) {
                if (err instanceof DownstreamError) throw err.cause;
                env.report(rowError(err), row, rowtime);
              }
            },
            bound(t: number): void {
              try {
                instance.advanceTime(t, emit);
              } catch (err) {
                if (err instanceof DownstreamError) throw err.cause;
                env.report(rowError(err), {}, t);
              }
              out.bound(t);
            },
            nextDeadline: () => instance.nextDeadline(),
          };
          env.timed(op);
          return op;
        },
      };
    },
  };
}

/** Registers a function written against the library contract (the built-ins below; tests add faulty ones). */
export function registerLibraryTableFunction(def: LibraryTableFunction): void {
  registerTableFunction(adapt(def));
}

for (const def of libraryTableFunctions.values()) registerLibraryTableFunction(def);

/** Carries an error thrown downstream of a table function's `emit` through the function's own error handling. */
class DownstreamError extends Error {
  constructor(override readonly cause: unknown) {
    super('downstream error');
  }
}
