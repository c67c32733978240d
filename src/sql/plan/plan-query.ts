/**
 * Planning queries: SELECT (plain, streaming GROUP BY, stagger, sliding OVER windows, DISTINCT, streaming ORDER BY),
 * UNION ALL and VALUES. Validation follows KDA's rules: a streaming GROUP BY and ORDER BY need a monotonic leading
 * expression, windows must end at the current row, DISTINCT aggregates are not allowed on streams.
 */
import { SqlCompileError, type SourcePosition } from '../errors.js';
import { compileProjection, compileRowFn } from '../eval/evaluator.js';
import { interpret } from '../eval/interpreter.js';
import { Distinct } from '../runtime/operators/distinct.js';
import { FilterProject } from '../runtime/operators/filter-project.js';
import { GroupAggregate } from '../runtime/operators/group-aggregate.js';
import { OrderBy, type OrderByConfig } from '../runtime/operators/order-by.js';
import { SlidingWindow, type SlidingWindowDef } from '../runtime/operators/sliding-window.js';
import { StaggerWindow } from '../runtime/operators/stagger-window.js';
import { TSort } from '../runtime/operators/t-sort.js';
import { Merge } from '../runtime/merge.js';
import type { Sink } from '../runtime/sink.js';
import type { CallExpr, Expr, OrderItem, Query, SelectQuery, WindowSpec } from '../syntax/ast.js';
import { bindAggregate, type BoundAggregate } from './aggregate-calls.js';
import { isAnalytic, isGroupAggregate, someCall } from './ast-walk.js';
import { bindExpr, commonType, type BindContext } from './bind-expr.js';
import type { BExpr, RowFn } from './bound-expr.js';
import { notNullFunction } from './not-null.js';
import { streamingOrderBy } from './streaming-order-by.js';
import { assertedMonotonic, bucketEndOf, dependsOnRowtimeOnly, monotonicity } from './monotonic.js';
import { planFrom, type PlanContext } from './plan-from.js';
import type { BuildEnv, OutColumn, PlanNode } from './plan-node.js';
import { Scope } from './scope.js';

const STATIC_CTX = { now: () => 0, queryStart: 0 };

export function planQuery(q: Query, pc: PlanContext): PlanNode {
  switch (q.kind) {
    case 'Select':
      return planSelect(q, pc);
    case 'Union':
      return planUnion(q, pc);
    case 'Values':
      return planValues(q, pc);
  }
}

function planUnion(q: Extract<Query, { kind: 'Union' }>, pc: PlanContext): PlanNode {
  if (!q.all) throw new SqlCompileError('UNION of streams must be UNION ALL', q.pos);
  const left = pc.planQuery(q.left, pc);
  const right = pc.planQuery(q.right, pc);
  const lv = left.columns.filter((c) => !c.hidden);
  const rv = right.columns.filter((c) => !c.hidden);
  if (lv.length !== rv.length) throw new SqlCompileError(`Column count mismatch in UNION ALL (${lv.length} and ${rv.length})`, q.pos);
  const columns = lv.map((c, i) => ({ ...c, type: commonType([c.type, rv[i]!.type], q.pos) }));
  const remap = rv.map((c, i) => [c.key, lv[i]!.key] as const);
  const same = remap.every(([a, b]) => a === b);
  const orderBy = q.orderBy ? unionOrderBy(q.orderBy, columns, pc) : undefined;
  return {
    label: orderBy ? 'Union ALL (ORDER BY)' : 'Union ALL',
    columns,
    inputs: [left, right],
    build: (out, env) => {
      const merge = new Merge(orderBy ? new OrderBy(out, env, orderBy) : out);
      left.build(merge.input(), env);
      const r = merge.input();
      right.build(
        same
          ? r
          : {
              push: (row, rt) => {
                const o: Record<string, unknown> = {};
                for (const [a, b] of remap) o[b] = row[a] ?? null;
                r.push(o, rt);
              },
              bound: (t) => r.bound(t),
            },
        env,
      );
    },
  };
}

/**
 * `… UNION ALL … ORDER BY …` sorts the union's rows (not the last SELECT's): items name the union's columns (by
 * name or ordinal, as in the first SELECT) or are expressions over them and ROWTIME.
 */
function unionOrderBy(items: readonly OrderItem[], columns: readonly OutColumn[], pc: PlanContext): OrderByConfig {
  const scope = new Scope([{ names: [], columns }]);
  const order = items.map((o) => {
    const e = o.expr;
    if (e.kind === 'Literal' && typeof e.value === 'number' && Number.isInteger(e.value)) {
      const c = columns[e.value - 1];
      if (!c) throw new SqlCompileError(`Ordinal ${e.value} out of range`, e.pos);
      return { expr: { k: 'field', type: c.type, key: c.key } as BExpr, desc: o.desc };
    }
    return { expr: bindExpr(e, { scope, clause: 'ORDER BY clause' }), desc: o.desc };
  });
  return streamingOrderBy(order, items[0]!.expr.pos, pc.evaluator, false);
}

function planValues(q: Extract<Query, { kind: 'Values' }>, pc: PlanContext): PlanNode {
  const scope = new Scope([]);
  const rows = q.rows.map((r) => r.map((e) => bindExpr(e, { scope, clause: 'VALUES' })));
  const width = rows[0]!.length;
  if (rows.some((r) => r.length !== width)) throw new SqlCompileError('All rows of VALUES must have the same number of values', q.pos);
  const columns: OutColumn[] = rows[0]!.map((_, i) => ({ name: `EXPR$${i}`, key: `EXPR$${i}`, type: commonType(rows.map((r) => r[i]!.type), q.pos) }));
  const fns = rows.map((r) => r.map((e) => compileRowFn(e, pc.evaluator)));
  return {
    label: 'Values',
    columns,
    inputs: [],
    build: (out, env) =>
      env.onStart(() => {
        for (const r of fns) {
          const row: Record<string, unknown> = {};
          r.forEach((f, i) => (row[`EXPR$${i}`] = f({}, env.ctx.queryStart, env.ctx)));
          out.push(row, env.ctx.queryStart);
        }
        // VALUES has nothing more to say: a stream it shares with other pumps must not wait for it.
        out.bound(Infinity);
      }),
  };
}

/** A chain of operators, built back to front. */
type Stage = (out: Sink, env: BuildEnv) => Sink;

function canonical(e: BExpr): string {
  return JSON.stringify(e, (k, v) => (typeof v === 'function' ? `fn:${v.name}` : k === 'fn' && typeof v === 'object' && v ? `fn:${v.name}` : v));
}

interface SelectEntry {
  readonly name: string;
  readonly expr: BExpr;
  readonly asRowtime: boolean;
}

function itemName(e: Expr, alias: string | undefined, index: number): string {
  if (alias !== undefined) return alias;
  if (e.kind === 'Ref') return e.parts[e.parts.length - 1]!;
  return `EXPR$${index}`;
}

function resolveWindow(spec: WindowSpec | string, named: ReadonlyMap<string, WindowSpec>, pos: SourcePosition): WindowSpec {
  let w = typeof spec === 'string' ? named.get(spec) : spec;
  if (!w) throw new SqlCompileError(`Window '${String(spec)}' not found`, pos);
  const seen = new Set<string>();
  while (w.base) {
    if (seen.has(w.base)) throw new SqlCompileError(`Window '${w.base}' refers to itself`, w.pos);
    seen.add(w.base);
    const base = named.get(w.base);
    if (!base) throw new SqlCompileError(`Window '${w.base}' not found`, w.pos);
    const frame: WindowSpec['frame'] = w.frame ?? base.frame;
    w = {
      kind: 'WindowSpec',
      ...(base.base ? { base: base.base } : {}),
      partitionBy: w.partitionBy.length ? w.partitionBy : base.partitionBy,
      orderBy: w.orderBy.length ? w.orderBy : base.orderBy,
      ...(frame ? { frame } : {}),
      pos: w.pos,
    };
  }
  return w;
}

function planSelect(q: SelectQuery, outer: PlanContext): PlanNode {
  if (!q.from) throw new SqlCompileError('A streaming SELECT needs a FROM clause', q.pos);
  const windows = new Map(q.windows.map((w) => [w.name, w.spec] as const));
  const pc: PlanContext = { ...outer, windows };
  const from = planFrom(q.from, pc);
  if (from.table) throw new SqlCompileError('SELECT STREAM needs a stream; a reference table can only be joined to one', q.from.pos);
  if (from.over) throw new SqlCompileError('OVER after a FROM item is only allowed for the inputs of a join', q.from.pos);
  const scope = new Scope(from.sources);
  const ev = pc.evaluator;
  const where = q.where ? bindExpr(q.where, { scope, clause: 'WHERE clause' }) : undefined;
  if (where && where.type.name !== 'BOOLEAN' && where.type.name !== 'NULL') throw new SqlCompileError('WHERE needs a BOOLEAN condition', q.where!.pos);
  const whereFn = where ? compileRowFn(where, ev) : undefined;

  const exprs: Expr[] = [...q.items.flatMap((i) => (i.kind === 'SelectItem' ? [i.expr] : [])), ...(q.having ? [q.having] : [])];
  const grouped = !!q.groupBy || !!q.stagger || exprs.some((e) => someCall(e, isGroupAggregate));
  const analytic = exprs.some((e) => someCall(e, isAnalytic)) || (q.orderBy ?? []).some((o) => someCall(o.expr, isAnalytic));

  const stages: Stage[] = [];
  if (whereFn && (grouped || analytic)) stages.push((out, env) => new FilterProject(out, env, whereFn, undefined));

  // ---- the context the SELECT list, HAVING and ORDER BY are bound in
  let itemCtx: BindContext;
  if (grouped) {
    if (analytic) throw new SqlCompileError('Windowed (OVER) aggregates cannot be combined with GROUP BY in one query', q.pos);
    const keyExprs = q.groupBy ?? q.stagger?.partitionBy ?? [];
    const keys = keyExprs.map((e) => bindExpr(e, { scope, clause: 'GROUP BY clause' }));
    const keyIds = keys.map(canonical);
    const mono = keys.map((k, i) => (q.stagger ? -1 : monotonicity(k) === 'asc' || monotonicity(k) === 'desc' ? i : -1)).filter((i) => i >= 0);
    if (!q.stagger && mono.length === 0) {
      throw new SqlCompileError('Streaming aggregation requires at least one monotonic expression in GROUP BY clause', (q.groupBy?.[0] ?? q.items[0]!).pos);
    }
    const aggs: BoundAggregate[] = [];
    const aggIds: string[] = [];
    const keyRefs = keys.map((k, i) => {
      const ref: BExpr = { k: 'field', type: k.type, key: `$g${i}` };
      if (mono.includes(i)) assertedMonotonic.add(ref);
      return ref;
    });
    itemCtx = {
      scope: new Scope([]),
      clause: 'SELECT list',
      groupKey: (e) => {
        let b: BExpr;
        try {
          b = bindExpr(e, { scope });
        } catch {
          return undefined;
        }
        const i = keyIds.indexOf(canonical(b));
        return i >= 0 ? keyRefs[i] : undefined;
      },
      aggregate: (call: CallExpr) => {
        if (call.over !== undefined) throw new SqlCompileError('Windowed (OVER) aggregates cannot be combined with GROUP BY in one query', call.pos);
        const a = bindAggregate(call, { scope, clause: 'aggregate arguments' }, false);
        // The same aggregate written twice (SELECT list, HAVING, ORDER BY) is computed once.
        const id = JSON.stringify([a.spec, a.arg ? canonical(a.arg) : null]);
        let i = aggIds.indexOf(id);
        if (i < 0) {
          aggs.push(a);
          aggIds.push(id);
          i = aggs.length - 1;
        }
        return { k: 'field', type: a.spec.type, key: `$a${i}` };
      },
    };
    // Bind the outputs first so every aggregate is known before the operator is configured.
    const bound = bindOutputs(q, itemCtx, scope);
    const having = q.having ? bindExpr(q.having, { ...itemCtx, clause: 'HAVING clause' }) : undefined;
    const keyFns = keys.map((k) => compileRowFn(k, ev));
    // Read when the operator is built: ORDER BY, bound later, may still add aggregates.
    let compiledAggs: { spec: BoundAggregate['spec']; arg?: RowFn }[] | undefined;
    const aggCfg = (): { spec: BoundAggregate['spec']; arg?: RowFn }[] =>
      (compiledAggs ??= aggs.map((a) => ({ spec: a.spec, ...(a.arg ? { arg: compileRowFn(a.arg, ev) } : {}) })));
    if (q.stagger) {
      const range = interpret(bindExpr(q.stagger.range, { scope: new Scope([]) }))({}, 0, STATIC_CTX);
      if (typeof range !== 'number' || range <= 0) throw new SqlCompileError('STAGGER needs RANGE INTERVAL … with a positive length', q.stagger.pos);
      stages.push((out, env) => new StaggerWindow(out, env, { keys: keyFns, rangeMs: range, aggs: aggCfg() }));
    } else {
      const monoKeys = mono.map((i) => keys[i]!);
      const rowtimeOnly = monoKeys.every(dependsOnRowtimeOnly);
      const monoFns = mono.map((i) => keyFns[i]!);
      const endIndex = monoKeys.findIndex((k) => bucketEndOf(k) !== undefined);
      const endFn = endIndex >= 0 ? bucketEndOf(monoKeys[endIndex]!) : undefined;
      const cfg = {
        keys: keyFns,
        monotonic: mono,
        ...(rowtimeOnly ? { keysAt: (t: number) => monoFns.map((f) => f({}, t, STATIC_CTX)) } : {}),
        ...(endFn ? { bucketEnd: (values: readonly unknown[]) => endFn(values[endIndex] as number) } : {}),
      };
      stages.push((out, env) => new GroupAggregate(out, env, { ...cfg, aggs: aggCfg() }));
    }
    return finishSelect(q, pc, from.node, stages, bound, having, itemCtx);
  }

  if (analytic) {
    const defs: { id: string; def: { partition: RowFn[]; frame: SlidingWindowDef['frame']; aggs: SlidingWindowDef['aggs'][number][] } }[] = [];
    let count = 0;
    itemCtx = {
      scope,
      clause: 'SELECT list',
      aggregate: (call: CallExpr) => {
        if (call.over === undefined) {
          throw new SqlCompileError(`Aggregate ${call.name} without OVER needs GROUP BY; in a query with windowed aggregates every aggregate needs OVER`, call.pos);
        }
        const spec = resolveWindow(call.over, windows, call.pos);
        if (spec.orderBy.length) throw new SqlCompileError('ORDER BY is not allowed in the window of a windowed aggregation', spec.pos);
        if (!spec.frame) throw new SqlCompileError('A window on a stream needs RANGE INTERVAL … PRECEDING or ROWS n PRECEDING', spec.pos);
        const partition = spec.partitionBy.map((e) => bindExpr(e, { scope, clause: 'PARTITION BY' }));
        let frame: SlidingWindowDef['frame'];
        if (spec.frame.preceding === 'CURRENT ROW') frame = spec.frame.unit === 'RANGE' ? { unit: 'RANGE', ms: 0 } : { unit: 'ROWS', n: 0 };
        else {
          const size = interpret(bindExpr(spec.frame.preceding, { scope: new Scope([]) }))({}, 0, STATIC_CTX);
          if (spec.frame.unit === 'RANGE') {
            if (typeof size !== 'number' || size < 0 || !bindExpr(spec.frame.preceding, { scope: new Scope([]) }).type.name.startsWith('INTERVAL')) {
              throw new SqlCompileError('RANGE over ROWTIME needs an INTERVAL: RANGE INTERVAL \'1\' MINUTE PRECEDING', spec.frame.pos);
            }
            frame = { unit: 'RANGE', ms: size };
          } else {
            if (typeof size !== 'number' || !Number.isInteger(size) || size < 0) throw new SqlCompileError('ROWS needs a non-negative integer', spec.frame.pos);
            frame = { unit: 'ROWS', n: size };
          }
        }
        const id = JSON.stringify([partition.map(canonical), frame]);
        let d = defs.find((x) => x.id === id);
        if (!d) {
          d = { id, def: { partition: partition.map((p) => compileRowFn(p, ev)), frame, aggs: [] } };
          defs.push(d);
        }
        const a = bindAggregate(call, { scope, clause: 'aggregate arguments' }, true);
        const out = `$w${count++}`;
        d.def.aggs.push({ spec: a.spec, out, ...(a.arg ? { arg: compileRowFn(a.arg, ev) } : {}) });
        return { k: 'field', type: a.spec.type, key: out };
      },
    };
    const bound = bindOutputs(q, itemCtx, scope);
    stages.push((out, env) => new SlidingWindow(out, env, defs.map((d) => d.def)));
    return finishSelect(q, pc, from.node, stages, bound, undefined, itemCtx);
  }

  itemCtx = { scope, clause: 'SELECT list' };
  const bound = bindOutputs(q, itemCtx, scope);
  return finishSelect(q, pc, from.node, stages, bound, where, itemCtx, true);
}

function bindOutputs(q: SelectQuery, ctx: BindContext, scope: Scope): SelectEntry[] {
  const out: SelectEntry[] = [];
  q.items.forEach((item, index) => {
    if (item.kind === 'Star') {
      if (ctx.groupKey) throw new SqlCompileError('* is not allowed in a grouped query', item.pos);
      for (const c of scope.star(item.qualifier, item.pos)) out.push({ name: c.name, expr: { k: 'field', type: c.type, key: c.key }, asRowtime: false });
      return;
    }
    const expr = bindExpr(item.expr, ctx);
    out.push({ name: itemName(item.expr, item.alias, index), expr, asRowtime: item.alias === 'ROWTIME' });
  });
  return out;
}

/** ORDER BY items may name a select alias or an ordinal. */
function orderExpr(o: OrderItem, q: SelectQuery): Expr {
  const e = o.expr;
  const items = q.items;
  if (e.kind === 'Literal' && typeof e.value === 'number' && Number.isInteger(e.value)) {
    const item = items[e.value - 1];
    if (!item || item.kind !== 'SelectItem') throw new SqlCompileError(`Ordinal ${e.value} out of range`, e.pos);
    return item.expr;
  }
  if (e.kind === 'Ref' && e.parts.length === 1) {
    const item = items.find((i) => i.kind === 'SelectItem' && i.alias === e.parts[0]);
    if (item && item.kind === 'SelectItem') return item.expr;
  }
  return e;
}

function finishSelect(
  q: SelectQuery,
  pc: PlanContext,
  input: PlanNode,
  stages: Stage[],
  entries: SelectEntry[],
  filter: BExpr | undefined,
  ctx: BindContext,
  filterIsWhere = false,
): PlanNode {
  const ev = pc.evaluator;
  if (q.orderBy && q.orderWithin) {
    // T-sort: the key is a TIMESTAMP, selected AS ROWTIME, ascending.
    if (q.orderBy.length !== 1 || q.orderBy[0]!.desc) throw new SqlCompileError('ORDER BY … WITHIN takes one ascending TIMESTAMP expression', q.orderBy[0]!.expr.pos);
    const key = bindExpr(orderExpr(q.orderBy[0]!, q), { ...ctx, clause: 'ORDER BY clause' });
    if (key.type.name !== 'TIMESTAMP') throw new SqlCompileError('ORDER BY … WITHIN needs a TIMESTAMP expression', q.orderBy[0]!.expr.pos);
    if (key.k === 'rowtime') throw new SqlCompileError('ORDER BY … WITHIN cannot sort by the ROWTIME of the output; qualify it, e.g. s.ROWTIME', q.orderBy[0]!.expr.pos);
    if (!entries.some((e) => e.asRowtime)) throw new SqlCompileError('ORDER BY … WITHIN needs its sort expression selected AS ROWTIME', q.orderBy[0]!.expr.pos);
    const slack = interpret(bindExpr(q.orderWithin, { scope: new Scope([]) }))({}, 0, STATIC_CTX);
    if (typeof slack !== 'number' || slack < 0) throw new SqlCompileError('WITHIN needs a non-negative INTERVAL', q.orderWithin.pos);
    if (filterIsWhere && filter) {
      const f = compileRowFn(filter, ev);
      stages.push((out, env) => new FilterProject(out, env, f, undefined));
      filter = undefined;
    }
    const keyFn = compileRowFn(key, ev);
    stages.push((out, env) => new TSort(out, env, keyFn, slack));
  } else if (q.orderBy) {
    const order = q.orderBy.map((o) => ({ expr: bindExpr(orderExpr(o, q), { ...ctx, clause: 'ORDER BY clause' }), desc: o.desc }));
    const cfg = streamingOrderBy(order, q.orderBy[0]!.expr.pos, ev, !!ctx.groupKey);
    // A plain query filters before sorting; the sort then sees the rows the projection will read.
    if (filterIsWhere && filter) {
      const f = compileRowFn(filter, ev);
      stages.push((out, env) => new FilterProject(out, env, f, undefined));
      filter = undefined;
    }
    stages.push((out, env) => new OrderBy(out, env, cfg));
  }
  // Output column keys are unique even when names repeat.
  const used = new Set<string>();
  const visible = entries.filter((e) => !e.asRowtime);
  const columns: OutColumn[] = visible.map((e) => {
    let key = e.name;
    for (let n = 1; used.has(key); n++) key = `${e.name}$${n}`;
    used.add(key);
    return { name: e.name, type: e.expr.type, key };
  });
  const projector = compileProjection(visible.map((e, i) => ({ key: columns[i]!.key, expr: e.expr })), ev);
  const rowtimeEntry = entries.find((e) => e.asRowtime);
  if (rowtimeEntry && rowtimeEntry.expr.type.name !== 'TIMESTAMP') throw new SqlCompileError('The expression selected AS ROWTIME must be a TIMESTAMP', q.pos);
  const rowtimeFn = rowtimeEntry ? compileRowFn(rowtimeEntry.expr, ev) : undefined;
  const filterFn = filter ? compileRowFn(filter, ev) : undefined;
  stages.push((out, env) => new FilterProject(out, env, filterFn, projector, rowtimeFn));
  if (q.distinct) {
    const keys = columns.map((c) => c.key);
    if (entries.length === 0 || (monotonicity(entries[0]!.expr) !== 'asc' && !entries[0]!.asRowtime)) {
      throw new SqlCompileError('SELECT STREAM DISTINCT needs a monotonic first column, such as ROWTIME or FLOOR(s.ROWTIME TO MINUTE)', q.pos);
    }
    stages.push((out) => new Distinct(out, keys));
  }
  const buildWith = (all: Stage[]) => (out: Sink, env: BuildEnv) => {
    let sink = out;
    for (let i = all.length - 1; i >= 0; i--) sink = all[i]!(sink, env);
    input.build(sink, env);
  };
  const node: PlanNode = { label: labelOf(q), columns, inputs: [input], build: buildWith(stages) };
  if (q.distinct) return node;
  return {
    ...node,
    // The pump's INSERT folded into the SELECT list: one generated object per row instead of two.
    fuseInsert: (assign, unset) => {
      const fused = [
        ...assign.map((a) => {
          const i = columns.findIndex((c) => c.key === a.from);
          const expr = visible[i]!.expr;
          const converted = a.convert ? ({ k: 'strict', type: expr.type, fn: 'cast', args: [expr], extra: [a.convert] } as BExpr) : expr;
          if (!a.notNull) return { key: a.to, expr: converted };
          const check = notNullFunction(a.notNull, converted.type);
          return { key: a.to, expr: { k: 'call', type: converted.type, name: check.name, fn: check, args: [converted] } as BExpr };
        }),
        ...unset.map((u) => ({ key: u, expr: { k: 'const', type: { name: 'NULL', nullable: true }, value: null } as BExpr })),
      ];
      const fusedProjector = compileProjection(fused, ev);
      const last = (out: Sink, env: BuildEnv): Sink => new FilterProject(out, env, filterFn, fusedProjector, rowtimeFn);
      return { ...node, label: `${node.label} → INSERT`, build: buildWith([...stages.slice(0, -1), last]) };
    },
  };
}

function labelOf(q: SelectQuery): string {
  if (q.stagger) return 'Select (stagger window)';
  if (q.groupBy) return 'Select (GROUP BY)';
  return 'Select';
}
