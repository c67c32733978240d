/**
 * Differential check of the two evaluators: seeded random expressions over typed columns, evaluated on random rows
 * (NULLs included) by the interpreter and by the generated code, must give the same value or the same row error.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SqlCompileError, SqlRuntimeError } from '../../src/sql/errors.js';
import { compile } from '../../src/sql/eval/codegen.js';
import { interpret } from '../../src/sql/eval/interpreter.js';
import { bind, ctx } from './expression-harness.js';

const COLUMNS = { i: 'INTEGER', j: 'SMALLINT', d: 'DOUBLE', m: 'DECIMAL(8,2)', s: 'VARCHAR(8)', b: 'BOOLEAN', t: 'TIMESTAMP' };

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generator(rand: () => number) {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const num = (depth: number): string => {
    if (depth <= 0 || rand() < 0.3) return pick(['i', 'j', 'd', 'm', '3', '0', '-2', '1.25', 'NULL', 'CAST(s AS INTEGER)']);
    return pick([
      () => `(${num(depth - 1)} ${pick(['+', '-', '*', '/'])} ${num(depth - 1)})`,
      () => `-${num(depth - 1)}`,
      () => `CASE WHEN ${bool(depth - 1)} THEN ${num(depth - 1)} ELSE ${num(depth - 1)} END`,
      () => `EXTRACT(MINUTE FROM ${time(depth - 1)})`,
      () => `STEP(${num(depth - 1)} BY 5)`,
    ])();
  };
  const str = (depth: number): string => {
    if (depth <= 0 || rand() < 0.4) return pick(['s', "'ab'", "'TECH'", 'NULL']);
    return pick([() => `(${str(depth - 1)} || ${str(depth - 1)})`, () => `CAST(${num(depth - 1)} AS VARCHAR(12))`])();
  };
  const time = (depth: number): string => {
    if (depth <= 0 || rand() < 0.5) return pick(['t', "TIMESTAMP '2020-02-29 23:59:58'", 'ROWTIME']);
    return pick([
      () => `(${time(depth - 1)} + INTERVAL '${pick(['90', '1'])}' ${pick(['SECOND', 'MINUTE', 'DAY', 'MONTH'])})`,
      () => `FLOOR(${time(depth - 1)} TO ${pick(['MINUTE', 'HOUR', 'MONTH'])})`,
      () => `STEP(${time(depth - 1)} BY INTERVAL '10' SECOND)`,
    ])();
  };
  const bool = (depth: number): string => {
    if (depth <= 0 || rand() < 0.2) return pick(['b', 'TRUE', 'FALSE', 'UNKNOWN']);
    return pick([
      () => `(${bool(depth - 1)} ${pick(['AND', 'OR'])} ${bool(depth - 1)})`,
      () => `NOT ${bool(depth - 1)}`,
      () => `(${num(depth - 1)} ${pick(['=', '<>', '<', '<=', '>', '>='])} ${num(depth - 1)})`,
      () => `(${str(depth - 1)} ${pick(['LIKE', 'SIMILAR TO', 'NOT LIKE'])} '${pick(['%T%', 'a_', '(a|T)%'])}')`,
      () => `(${num(depth - 1)} ${pick(['IN', 'NOT IN'])} (1, 3, NULL))`,
      () => `(${num(depth - 1)} BETWEEN -1 AND 4)`,
      () => `(${num(depth - 1)} IS ${pick(['NULL', 'NOT NULL'])})`,
      () => `(${bool(depth - 1)} IS ${pick(['TRUE', 'NOT FALSE', 'UNKNOWN'])})`,
      () => `(${time(depth - 1)} < ${time(depth - 1)})`,
    ])();
  };
  return { num, str, bool, time };
}

function outcome(fn: () => unknown): unknown {
  try {
    return { value: fn() };
  } catch (err) {
    if (err instanceof SqlRuntimeError) return { error: err.errorName };
    throw err;
  }
}

describe('interpreter and code generator agree on random expressions', () => {
  it('500 expressions × 12 rows', () => {
    const rand = prng(20260127);
    const g = generator(rand);
    const row = () => {
      const maybe = <T,>(v: T): T | null => (rand() < 0.2 ? null : v);
      return {
        I: maybe(Math.floor(rand() * 20) - 10),
        J: maybe(Math.floor(rand() * 200) - 100),
        D: maybe(rand() * 10 - 5),
        M: maybe(Math.round(rand() * 10000) / 100),
        S: maybe(['TECHNOLOGY', 'ab', '7', '', 'x_y'][Math.floor(rand() * 5)]!),
        B: maybe(rand() < 0.5),
        T: maybe(Date.UTC(2020, 1, 28) + Math.floor(rand() * 4 * 86_400_000)),
      };
    };
    const rows = Array.from({ length: 12 }, row);
    let checked = 0;
    for (let n = 0; n < 500; n++) {
      const sql = [g.num, g.str, g.bool, g.time][n % 4]!(4);
      let e;
      try {
        e = bind(sql, COLUMNS);
      } catch (err) {
        if (err instanceof SqlCompileError) continue; // ill-typed combinations are the binder's business
        throw err;
      }
      const a = interpret(e);
      const b = compile(e);
      for (const r of rows) {
        const rowtime = Date.UTC(2020, 2, 1, 12, 30, 15);
        assert.deepEqual(outcome(() => b(r, rowtime, ctx)), outcome(() => a(r, rowtime, ctx)), `${sql} on ${JSON.stringify(r)}`);
        checked++;
      }
    }
    assert.ok(checked > 3000, `only ${checked} evaluations were well-typed`);
  });
});
