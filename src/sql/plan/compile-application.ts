/**
 * Application code → CompiledApplication: the streams it declares, and for each pump the plan of its query plus
 * how the query's columns are assigned to the target stream. Everything KDA's validator would reject fails here
 * with SqlCompileError (the API's CodeValidationException).
 */
import { SqlCompileError, type SourcePosition } from '../errors.js';
import type { EvaluatorKind } from '../eval/evaluator.js';
import { castFunction } from '../functions/conversions.js';
import { isCharacter, isNumeric, typeToString } from '../functions/type-rules.js';
import type { InsertColumn } from '../runtime/operators/insert.js';
import type { Script } from '../syntax/ast.js';
import { parseScript } from '../syntax/parser.js';
import type { SqlType } from '../types.js';
import { ERROR_STREAM, ERROR_STREAM_COLUMNS, type ColumnInfo, type StreamInfo, type TableInfo } from './catalog.js';
import type { PlanContext } from './plan-from.js';
import type { PlanNode } from './plan-node.js';
import { notNullViolation } from './not-null.js';
import { planQuery } from './plan-query.js';

export interface CompileOptions {
  /** In-application input streams (SOURCE_SQL_STREAM_001 …) with their schema columns. */
  readonly inputs: readonly { readonly name: string; readonly columns: readonly ColumnInfo[] }[];
  /** Reference tables. */
  readonly tables?: readonly TableInfo[];
  readonly evaluator?: EvaluatorKind;
}

export interface CompiledPump {
  readonly name: string;
  readonly target: string;
  readonly plan: PlanNode;
  readonly assign: readonly InsertColumn[];
  readonly unset: readonly string[];
  /** `plan` already emits the target stream's rows (assignment folded into its projection). */
  readonly fused: boolean;
}

export interface CompiledApplication {
  readonly script: Script;
  /** Every in-application stream: inputs, declared streams and error_stream, in declaration order. */
  readonly streams: readonly StreamInfo[];
  readonly tables: readonly TableInfo[];
  readonly pumps: readonly CompiledPump[];
}

function family(t: SqlType): string {
  if (t.name === 'NULL') return 'NULL';
  if (isNumeric(t)) return 'numeric';
  if (isCharacter(t)) return 'char';
  if (t.name === 'TIMESTAMP' || t.name === 'DATE') return 'timestamp';
  if (t.name === 'BINARY' || t.name === 'VARBINARY') return 'binary';
  return t.name;
}

function sameType(a: SqlType, b: SqlType): boolean {
  return a.name === b.name && (a.precision ?? -1) === (b.precision ?? -1) && (a.scale ?? -1) === (b.scale ?? -1);
}

export function compileApplication(code: string, options: CompileOptions): CompiledApplication {
  const script = parseScript(code);
  const streams = new Map<string, StreamInfo>();
  const tables = new Map<string, TableInfo>();
  for (const input of options.inputs) streams.set(input.name, { name: input.name, columns: input.columns, kind: 'input' });
  for (const t of options.tables ?? []) tables.set(t.name, t);
  streams.set(ERROR_STREAM, { name: ERROR_STREAM, columns: ERROR_STREAM_COLUMNS, kind: 'error' });

  // Streams first, so pumps may be declared before the streams they read.
  for (const st of script.statements) {
    if (st.kind !== 'CreateStream') continue;
    const existing = streams.get(st.name);
    if (existing && existing.kind !== 'app') throw new SqlCompileError(`Stream '${st.name}' already exists as ${existing.kind === 'input' ? 'an input stream' : 'a system stream'}`, st.pos);
    if (existing && !st.orReplace) throw new SqlCompileError(`Stream '${st.name}' already exists; use CREATE OR REPLACE STREAM`, st.pos);
    if (tables.has(st.name)) throw new SqlCompileError(`'${st.name}' is already a reference table`, st.pos);
    for (const c of st.columns) {
      if (c.type.name === 'INTERVAL_DAY_SECOND' || c.type.name === 'INTERVAL_YEAR_MONTH') throw new SqlCompileError('INTERVAL is not allowed as a column type', c.pos);
    }
    streams.set(st.name, { name: st.name, columns: st.columns.map((c) => ({ name: c.name, type: c.type })), kind: 'app' });
  }

  const pc: PlanContext = { streams, tables, evaluator: options.evaluator ?? 'codegen', windows: new Map(), planQuery };
  const pumps = new Map<string, CompiledPump>();
  const edges = new Map<string, { reads: Set<string>; pos: SourcePosition }>();
  for (const st of script.statements) {
    if (st.kind !== 'CreatePump') continue;
    if (pumps.has(st.name) && !st.orReplace) throw new SqlCompileError(`Pump '${st.name}' already exists; use CREATE OR REPLACE PUMP`, st.pos);
    const target = streams.get(st.target);
    if (!target) {
      const near = [...streams.keys()].find((n) => n.toUpperCase() === st.target.toUpperCase());
      throw new SqlCompileError(`Object '${st.target}' not found${near ? `; did you mean "${near}"? (unquoted names are upper-cased)` : ''}`, st.pos);
    }
    if (target.kind !== 'app') throw new SqlCompileError(`Cannot insert into ${target.kind === 'input' ? 'the input stream' : 'the system stream'} '${st.target}'`, st.pos);
    const reads = new Set<string>();
    const plan = planQuery(st.query, { ...pc, reads });
    edges.set(st.name, { reads, pos: st.pos });
    const source = plan.columns.filter((c) => !c.hidden);
    let targetCols: ColumnInfo[];
    if (st.targetColumns) {
      targetCols = st.targetColumns.map((n) => {
        const c = target.columns.find((x) => x.name === n);
        if (!c) throw new SqlCompileError(`Unknown target column '${n}'`, st.pos);
        return c;
      });
    } else targetCols = [...target.columns];
    if (targetCols.length !== source.length) {
      throw new SqlCompileError(`Number of INSERT target columns (${targetCols.length}) does not equal number of source items (${source.length})`, st.query.pos);
    }
    const assign: InsertColumn[] = targetCols.map((t, i) => {
      const s = source[i]!;
      const fs = family(s.type);
      const ft = family(t.type);
      if (fs !== 'NULL' && fs !== ft) {
        throw new SqlCompileError(
          `Cannot assign to target field '${t.name}' of type ${typeToString(t.type)} from source field '${s.name}' of type ${typeToString(s.type)}`,
          st.query.pos,
        );
      }
      const notNull = t.type.nullable === false ? { notNull: () => notNullViolation(target.name, t.name) } : {};
      if (fs === 'NULL' || sameType(s.type, t.type)) return { from: s.key, to: t.name, ...notNull };
      // Exact into exact of the same kind needs no conversion unless it can overflow or must truncate.
      const convert = fs === 'char' ? charFit(t.type) : castFunction(s.type, t.type);
      return { from: s.key, to: t.name, ...(convert ? { convert } : {}), ...notNull };
    });
    const unsetColumns = target.columns.filter((c) => !targetCols.includes(c));
    const required = unsetColumns.find((c) => c.type.nullable === false);
    if (required) throw new SqlCompileError(`Column '${required.name}' of stream '${target.name}' is NOT NULL and pump '${st.name}' does not set it`, st.pos);
    const unset = unsetColumns.map((c) => c.name);
    const fusedPlan = plan.fuseInsert?.(assign, unset);
    pumps.set(st.name, { name: st.name, target: target.name, plan: fusedPlan ?? plan, assign, unset, fused: fusedPlan !== undefined });
  }
  checkCycles([...pumps.values()], edges);
  return { script, streams: [...streams.values()], tables: [...tables.values()], pumps: [...pumps.values()] };
}

/** Pumps that feed their own input, directly or through other streams, would loop forever on one row. */
function checkCycles(pumps: readonly CompiledPump[], edges: ReadonlyMap<string, { reads: Set<string>; pos: SourcePosition }>): void {
  for (const start of pumps) {
    // Can rows written by `start` reach a stream `start` reads?
    const seen = new Set<string>();
    const queue = [start.target];
    while (queue.length) {
      const s = queue.pop()!;
      if (seen.has(s)) continue;
      seen.add(s);
      if (edges.get(start.name)!.reads.has(s)) {
        throw new SqlCompileError(`Pump '${start.name}' reads stream '${s}', which its own output flows into: pumps must not form a cycle`, edges.get(start.name)!.pos);
      }
      for (const p of pumps) if (edges.get(p.name)!.reads.has(s)) queue.push(p.target);
    }
  }
}

/** VARCHAR(n)/CHAR(n) assignment: silently truncated (KDA's console shows 'Volkswag' in a VARCHAR(8) column). */
function charFit(t: SqlType): ((v: unknown) => unknown) | undefined {
  const n = t.precision;
  if (n === undefined) return undefined;
  if (t.name === 'CHAR') return (v) => ((v as string).length >= n ? (v as string).slice(0, n) : (v as string).padEnd(n, ' '));
  return (v) => ((v as string).length > n ? (v as string).slice(0, n) : v);
}
