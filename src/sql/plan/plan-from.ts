/**
 * Planning FROM: stream and table references, subqueries, table functions and joins. Each result carries the
 * scope sources through which the query level resolves names, with the keys its rows use.
 */
import { SqlCompileError, type SourcePosition } from '../errors.js';
import { interpret } from '../eval/interpreter.js';
import { Scope, type ScopeSource } from './scope.js';
import type { FromItem, Query, WindowSpec } from '../syntax/ast.js';
import { TableJoin } from '../runtime/operators/table-join.js';
import { StreamJoin, type JoinWindow } from '../runtime/operators/stream-join.js';
import type { JoinSide } from '../runtime/operators/join-rows.js';
import type { Sink } from '../runtime/sink.js';
import { bindExpr } from './bind-expr.js';
import type { BExpr } from './bound-expr.js';
import { APPROXIMATE_ARRIVAL_TIME, ERROR_STREAM, type StreamInfo, type TableInfo } from './catalog.js';
import { ROWTIME_KEY_SUFFIX } from './monotonic.js';
import type { OutColumn, PlanNode } from './plan-node.js';
import { tableFunction } from './table-functions.js';
import type { EvaluatorKind } from '../eval/evaluator.js';
import { compileRowFn } from '../eval/evaluator.js';

export interface PlanContext {
  readonly streams: ReadonlyMap<string, StreamInfo>;
  readonly tables: ReadonlyMap<string, TableInfo>;
  readonly evaluator: EvaluatorKind;
  /** Named windows of the enclosing SELECT (joins use them: `JOIN S OVER w`). */
  readonly windows: ReadonlyMap<string, WindowSpec>;
  readonly planQuery: (q: Query, pc: PlanContext) => PlanNode;
  /** Collects the streams the query being planned reads (for the pump graph's cycle check). */
  readonly reads?: Set<string>;
}

export interface FromResult {
  readonly node: PlanNode;
  readonly sources: readonly ScopeSource[];
  /** Window declared on this input for a stream–stream join (`S OVER (…)`). */
  readonly over?: WindowSpec | string;
  /** The reference table's name when this input is a table. */
  readonly table?: string;
}

const ROWTIME: BExpr = { k: 'rowtime', type: { name: 'TIMESTAMP', nullable: false } };
const STATIC_CTX = { now: () => 0, queryStart: 0 };

function near(names: Iterable<string>, name: string): string {
  for (const n of names) if (n.toUpperCase() === name.toUpperCase()) return `; did you mean "${n}"? (unquoted names are upper-cased)`;
  return '';
}

function renamed(columns: readonly OutColumn[], aliases: readonly string[] | undefined, pos: SourcePosition): OutColumn[] {
  const visible = columns.filter((c) => !c.hidden);
  if (!aliases) return [...columns];
  if (aliases.length !== visible.length) throw new SqlCompileError(`List of column aliases must have the same degree as the table (${visible.length})`, pos);
  return [...visible.map((c, i) => ({ ...c, name: aliases[i]! })), ...columns.filter((c) => c.hidden)];
}

function sourceOf(names: string[], columns: readonly OutColumn[], rowtime?: BExpr): ScopeSource {
  return {
    names,
    columns: columns.map((c) => ({ name: c.name, type: c.type, key: c.key, ...(c.hidden ? { hidden: true } : {}) })),
    ...(rowtime ? { rowtime } : {}),
  };
}

export function planFrom(from: FromItem, pc: PlanContext): FromResult {
  switch (from.kind) {
    case 'TableRef': {
      const name = from.name[from.name.length - 1]!;
      if (name === ERROR_STREAM || name.toLowerCase() === ERROR_STREAM) {
        throw new SqlCompileError('error_stream is a system stream: application code cannot read from it', from.pos);
      }
      const stream = pc.streams.get(name);
      if (stream) {
        pc.reads?.add(name);
        const columns: OutColumn[] = stream.columns.map((c) => ({ name: c.name, type: c.type, key: c.name }));
        if (stream.kind === 'input') {
          columns.push({ name: APPROXIMATE_ARRIVAL_TIME, key: APPROXIMATE_ARRIVAL_TIME, type: { name: 'TIMESTAMP', nullable: true }, hidden: true });
        }
        const cols = renamed(columns, from.columnAliases, from.pos);
        const node: PlanNode = {
          label: `Scan ${name}`,
          columns: cols,
          inputs: [],
          build: (out, env) => env.subscribe(name, out),
        };
        return { node, sources: [sourceOf([from.alias ?? name], cols, ROWTIME)], ...(from.over ? { over: from.over } : {}) };
      }
      const table = pc.tables.get(name);
      if (table) {
        const cols = renamed(table.columns.map((c) => ({ name: c.name, type: c.type, key: c.name })), from.columnAliases, from.pos);
        const node: PlanNode = {
          label: `Table ${name}`,
          columns: cols,
          isTable: true,
          inputs: [],
          build: () => {
            throw new Error('a reference table is only read through a join');
          },
        };
        return { node, sources: [sourceOf([from.alias ?? name], cols)], table: name };
      }
      throw new SqlCompileError(`Object '${name}' not found${near([...pc.streams.keys(), ...pc.tables.keys()], name)}`, from.pos);
    }
    case 'Subquery': {
      const node = pc.planQuery(from.query, pc);
      const cols = renamed(node.columns, from.columnAliases, from.pos);
      return { node, sources: [sourceOf(from.alias ? [from.alias] : [], cols, ROWTIME)], ...(from.over ? { over: from.over } : {}) };
    }
    case 'TableFunction':
      return planTableFunction(from, pc);
    case 'Join':
      return planJoin(from, pc);
  }
}

function planTableFunction(from: Extract<FromItem, { kind: 'TableFunction' }>, pc: PlanContext): FromResult {
  const def = tableFunction(from.name);
  if (!def) throw new SqlCompileError(`No match found for table function ${from.name}`, from.pos);
  const [cursorArg, ...rest] = from.args;
  if (!cursorArg || cursorArg.kind !== 'Cursor') throw new SqlCompileError(`${from.name} needs CURSOR(SELECT STREAM …) as its first argument`, from.pos);
  const cursor = pc.planQuery(cursorArg.query, pc);
  const empty = new Scope([]);
  const args: unknown[] = [];
  const argTypes = [];
  for (const a of rest) {
    if (a.kind === 'Cursor') throw new SqlCompileError(`${from.name} takes one CURSOR`, a.pos);
    const b = bindExpr(a, { scope: empty, clause: 'table function arguments' });
    args.push(interpret(b)({}, 0, STATIC_CTX));
    argTypes.push(b.type);
  }
  const planned = def.plan({ name: from.name, cursor: cursor.columns, args, argTypes, pos: from.pos });
  const cols = renamed(planned.columns, from.columnAliases, from.pos);
  const node: PlanNode = {
    label: `TableFunction ${from.name}`,
    columns: cols,
    inputs: [cursor],
    build: (out, env) => cursor.build(planned.create(out, env), env),
  };
  return { node, sources: [sourceOf(from.alias ? [from.alias] : [], cols, ROWTIME)] };
}

/** Re-keys one join input's sources under a prefix; a plain input also gets its ROWTIME stored in the row. */
function prefixed(r: FromResult, prefix: string): { side: JoinSide; sources: ScopeSource[] } {
  const keys: [string, string][] = r.node.columns.map((c) => [c.key, prefix + c.key]);
  const isJoin = r.node.label.startsWith('Join');
  const rowtimeKey = r.table || isJoin ? undefined : prefix + ROWTIME_KEY_SUFFIX;
  const sources = r.sources.map((s) => ({
    names: s.names,
    columns: s.columns.map((c) => ({ ...c, key: prefix + c.key })),
    ...(rowtimeKey
      ? { rowtime: { k: 'field', type: ROWTIME.type, key: rowtimeKey } as BExpr }
      : s.rowtime && s.rowtime.k === 'field'
        ? { rowtime: { ...s.rowtime, key: prefix + s.rowtime.key } }
        : {}),
  }));
  return { side: { keys, ...(rowtimeKey ? { rowtimeKey } : {}) }, sources };
}

function windowOf(over: WindowSpec | string | undefined, pc: PlanContext, pos: SourcePosition): JoinWindow {
  if (over === undefined) return { unit: 'RANGE', ms: 0 };
  const spec = typeof over === 'string' ? pc.windows.get(over) : over;
  if (!spec) throw new SqlCompileError(`Window '${String(over)}' not found`, pos);
  if (spec.partitionBy.length) throw new SqlCompileError('PARTITION BY is not allowed in the window of a join input', spec.pos);
  const frame = spec.frame;
  if (!frame) throw new SqlCompileError('The window of a join input needs RANGE … PRECEDING or ROWS … PRECEDING', spec.pos);
  if (frame.preceding === 'CURRENT ROW') return frame.unit === 'RANGE' ? { unit: 'RANGE', ms: 0 } : { unit: 'ROWS', n: 0 };
  const size = interpret(bindExpr(frame.preceding, { scope: new Scope([]) }))({}, 0, STATIC_CTX);
  if (frame.unit === 'RANGE') {
    if (typeof size !== 'number' || size < 0) throw new SqlCompileError('RANGE needs a non-negative interval', frame.pos);
    return { unit: 'RANGE', ms: size };
  }
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 0) throw new SqlCompileError('ROWS needs a non-negative integer', frame.pos);
  return { unit: 'ROWS', n: size };
}

function fieldKeys(e: BExpr, into: Set<string>): Set<string> {
  if (e.k === 'field') into.add(e.key);
  else if (e.k === 'strict' || e.k === 'and' || e.k === 'or' || e.k === 'call') e.args.forEach((a) => fieldKeys(a, into));
  else if (e.k === 'not' || e.k === 'is') fieldKeys(e.arg, into);
  else if (e.k === 'in') [e.arg, ...e.list].forEach((a) => fieldKeys(a, into));
  else if (e.k === 'case') {
    e.whens.forEach((w) => (fieldKeys(w.when, into), fieldKeys(w.then, into)));
    fieldKeys(e.else, into);
  }
  return into;
}

function planJoin(j: Extract<FromItem, { kind: 'Join' }>, pc: PlanContext): FromResult {
  const left = planFrom(j.left, pc);
  const right = planFrom(j.right, pc);
  const L = prefixed(left, 'L.');
  const R = prefixed(right, 'R.');
  const sources = [...L.sources, ...R.sources];
  const scope = new Scope(sources);
  const on = j.on ? bindExpr(j.on, { scope, clause: 'ON clause' }) : undefined;
  if (on && on.type.name !== 'BOOLEAN' && on.type.name !== 'NULL') throw new SqlCompileError('ON needs a BOOLEAN condition', j.pos);
  const onFn = on ? compileRowFn(on, pc.evaluator) : undefined;
  const columns: OutColumn[] = [...L.side.keys.map(([, to], i) => ({ ...left.node.columns[i]!, key: to })), ...R.side.keys.map(([, to], i) => ({ ...right.node.columns[i]!, key: to }))];
  if (L.side.rowtimeKey) columns.push({ name: L.side.rowtimeKey, key: L.side.rowtimeKey, type: ROWTIME.type, hidden: true });
  if (R.side.rowtimeKey) columns.push({ name: R.side.rowtimeKey, key: R.side.rowtimeKey, type: ROWTIME.type, hidden: true });
  const label = `Join ${j.joinType}`;
  if (left.table && right.table) throw new SqlCompileError('A join needs at least one stream', j.pos);
  if (left.table || right.table) {
    const tableOnLeft = !!left.table;
    const tableName = (left.table ?? right.table)!;
    if (j.joinType === 'FULL' || (tableOnLeft && j.joinType === 'LEFT') || (!tableOnLeft && j.joinType === 'RIGHT')) {
      throw new SqlCompileError(`${j.joinType} JOIN would emit reference table rows without a stream row; join the stream to the table instead`, j.pos);
    }
    const outer = j.joinType === 'LEFT' || j.joinType === 'RIGHT';
    const streamSide = tableOnLeft ? R : L;
    const tableSide = tableOnLeft ? L : R;
    const streamNode = (tableOnLeft ? right : left).node;
    // An equality between a stream-only and a table-only expression indexes the table.
    let index: { streamKey: ReturnType<typeof compileRowFn>; tableKey: ReturnType<typeof compileRowFn> } | undefined;
    const tableKeys = new Set(tableSide.side.keys.map(([, to]) => to));
    for (const c of on ? (on.k === 'and' ? on.args : [on]) : []) {
      if (c.k !== 'strict' || c.fn !== 'eq') continue;
      const [a, b] = c.args as [BExpr, BExpr];
      const ka = [...fieldKeys(a, new Set())];
      const kb = [...fieldKeys(b, new Set())];
      const onlyTable = (ks: string[]): boolean => ks.length > 0 && ks.every((k) => tableKeys.has(k));
      const onlyStream = (ks: string[]): boolean => ks.every((k) => !tableKeys.has(k));
      if (onlyTable(kb) && onlyStream(ka)) index = { streamKey: compileRowFn(a, pc.evaluator), tableKey: compileRowFn(b, pc.evaluator) };
      else if (onlyTable(ka) && onlyStream(kb)) index = { streamKey: compileRowFn(b, pc.evaluator), tableKey: compileRowFn(a, pc.evaluator) };
      if (index) break;
    }
    const cfg = { outer, stream: streamSide.side, table: tableSide.side, ...(onFn ? { on: onFn } : {}), ...(index ? { index } : {}) };
    const node: PlanNode = {
      label,
      columns,
      inputs: [left.node, right.node],
      build: (out, env) => streamNode.build(new TableJoin(out, env, cfg, env.tableRows(tableName)), env),
    };
    return { node, sources };
  }
  if (!left.over && !right.over && j.joinType !== 'CROSS') {
    throw new SqlCompileError('A join of two streams needs a window on at least one input: S OVER (RANGE INTERVAL … PRECEDING)', j.pos);
  }
  const cfg = {
    left: { ...L.side, window: windowOf(left.over, pc, j.pos), outer: j.joinType === 'LEFT' || j.joinType === 'FULL' },
    right: { ...R.side, window: windowOf(right.over, pc, j.pos), outer: j.joinType === 'RIGHT' || j.joinType === 'FULL' },
    ...(onFn ? { on: onFn } : {}),
  };
  const node: PlanNode = {
    label,
    columns,
    inputs: [left.node, right.node],
    build: (out: Sink, env) => {
      const op = new StreamJoin(out, env, cfg);
      left.node.build(op.leftInput, env);
      right.node.build(op.rightInput, env);
    },
  };
  return { node, sources };
}
