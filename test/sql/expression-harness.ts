/** Binds an expression over a one-source scope and evaluates it with BOTH evaluators, failing if they disagree. */
import assert from 'node:assert/strict';
import { SqlRuntimeError } from '../../src/sql/errors.js';
import { compile } from '../../src/sql/eval/codegen.js';
import { interpret } from '../../src/sql/eval/interpreter.js';
import { bindExpr } from '../../src/sql/plan/bind-expr.js';
import type { BExpr, EvalContext, Row } from '../../src/sql/plan/bound-expr.js';
import { Scope } from '../../src/sql/plan/scope.js';
import { parseExpressionText } from '../../src/sql/syntax/parser.js';
import { parseTypeText } from '../../src/sql/syntax/parse-type.js';

export const ctx: EvalContext = { now: () => Date.UTC(2020, 0, 1, 12), queryStart: Date.UTC(2020, 0, 1) };

/** Test column names as SQL would store them: upper-cased unless written "quoted". */
const norm = (n: string): string => (n.startsWith('"') ? n.slice(1, -1) : n.toUpperCase());

export function bind(sql: string, columns: Record<string, string> = {}): BExpr {
  const scope = new Scope([
    { names: ['S'], columns: Object.entries(columns).map(([name, t]) => ({ name: norm(name), type: parseTypeText(t), key: norm(name) })) },
  ]);
  return bindExpr(parseExpressionText(sql), { scope });
}

type Outcome = { value: unknown } | { error: string };

function run(fn: () => unknown): Outcome {
  try {
    return { value: fn() };
  } catch (err) {
    if (err instanceof SqlRuntimeError) return { error: err.errorName };
    throw err;
  }
}

/** The value of `sql` on `row` (ROWTIME = `rowtime`); throws the runtime error's name as `Error(name)`. */
export function evalBoth(sql: string, row: Row = {}, columns: Record<string, string> = {}, rowtime = 0): unknown {
  const e = bind(sql, columns);
  row = Object.fromEntries(Object.entries(row).map(([k, v]) => [norm(k), v]));
  const a = run(() => interpret(e)(row, rowtime, ctx));
  const b = run(() => compile(e)(row, rowtime, ctx));
  assert.deepEqual(b, a, `code generator and interpreter disagree on ${sql}`);
  if ('error' in a) throw new Error(a.error);
  return a.value;
}
