/**
 * The logical plan: a tree of query nodes that know their output columns and how to wire their physical operators.
 * A compiled application keeps these; each run (`SqlApplication`) builds fresh operators from them.
 */
import type { SqlType } from '../types.js';
import type { OperatorEnv } from '../runtime/operator-env.js';
import type { Sink } from '../runtime/sink.js';
import type { InsertColumn } from '../runtime/operators/insert.js';
import type { Row } from './bound-expr.js';

export interface OutColumn {
  readonly name: string;
  readonly type: SqlType;
  /** Key of the value in this node's output rows (unique; usually the name). */
  readonly key: string;
  /** System columns such as APPROXIMATE_ARRIVAL_TIME: readable by name, not part of `*`. */
  readonly hidden?: boolean;
}

export interface BuildEnv extends OperatorEnv {
  /** Feeds `sink` with the rows and bounds of an in-application stream. */
  subscribe(stream: string, sink: Sink): void;
  /** Rows of a reference table. */
  tableRows(name: string): readonly Row[];
  /** Runs once when the application starts (VALUES). */
  onStart(fn: () => void): void;
}

export interface PlanNode {
  /** What the node is, for EXPLAIN-style descriptions and messages. */
  readonly label: string;
  readonly columns: readonly OutColumn[];
  /** A reference table rather than a stream. */
  readonly isTable?: boolean;
  readonly inputs: readonly PlanNode[];
  build(out: Sink, env: BuildEnv): void;
  /**
   * A variant whose rows are already the target stream's rows (the pump's column assignment folded into the last
   * projection), when the node can do that; the pump then needs no separate INSERT mapping.
   */
  fuseInsert?(assign: readonly InsertColumn[], unset: readonly string[]): PlanNode;
}

/** An indented outline of a plan (used by `freshet sql explain`-style output and tests). */
export function describePlan(node: PlanNode, indent = ''): string {
  const cols = node.columns.filter((c) => !c.hidden).map((c) => c.name).join(', ');
  return [`${indent}${node.label} [${cols}]`, ...node.inputs.map((i) => describePlan(i, indent + '  '))].join('\n');
}
