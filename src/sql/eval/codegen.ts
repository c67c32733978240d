/**
 * The compiling evaluator: a bound expression becomes the source of one JavaScript function, built with
 * `new Function` (expression code generation in the style of Arquero), so the hot path has no tree walk and no
 * per-node calls for the common operators. Semantics are the interpreter's; the helpers are shared.
 */
import type { BExpr, RowFn } from '../plan/bound-expr.js';
import { helpers } from './helpers.js';
import { clockValue, inList } from './three-valued.js';

/** Operators written inline instead of calling the helper (their arguments are already known non-NULL). */
const INLINE: Partial<Record<string, (a: string[]) => string>> = {
  eq: ([a, b]) => `${a} === ${b}`,
  ne: ([a, b]) => `${a} !== ${b}`,
  lt: ([a, b]) => `${a} < ${b}`,
  le: ([a, b]) => `${a} <= ${b}`,
  gt: ([a, b]) => `${a} > ${b}`,
  ge: ([a, b]) => `${a} >= ${b}`,
  addF: ([a, b]) => `${a} + ${b}`,
  subF: ([a, b]) => `${a} - ${b}`,
  mulF: ([a, b]) => `${a} * ${b}`,
  negF: ([a]) => `-${a}`,
  concat: ([a, b]) => `${a} + ${b}`,
  addMs: ([a, b]) => `${a} + ${b}`,
  subMs: ([a, b]) => `${a} - ${b}`,
};

class Generator {
  private temps = 0;
  readonly consts: unknown[] = [];

  temp(): string {
    return `t${this.temps++}`;
  }

  tempDecl(): string {
    return this.temps ? `let ${Array.from({ length: this.temps }, (_, i) => `t${i}`).join(', ')};` : '';
  }

  literal(v: unknown): string {
    if (v === null || typeof v === 'boolean') return String(v);
    if (typeof v === 'number' && Number.isFinite(v) && !Object.is(v, -0)) return `(${String(v)})`;
    if (typeof v === 'string') return JSON.stringify(v);
    this.consts.push(v);
    return `C[${this.consts.length - 1}]`;
  }

  gen(e: BExpr): string {
    switch (e.k) {
      case 'const':
        return this.literal(e.value);
      case 'field':
        return `(row[${JSON.stringify(e.key)}] ?? null)`;
      case 'rowtime':
        return 'rowtime';
      case 'strict': {
        const temps = e.args.map(() => this.temp());
        const tests = e.args.map((a, i) => `(${temps[i]} = ${this.gen(a)}) === null`).join(' || ');
        const inline = INLINE[e.fn];
        const body = inline
          ? inline(temps)
          : `R.${e.fn}(${[...temps, ...e.extra.map((x) => this.literal(x))].join(', ')})`;
        return `(${tests} ? null : ${body})`;
      }
      case 'and':
      case 'or': {
        const decisive = e.k === 'or' ? 'true' : 'false';
        const temps = e.args.map(() => this.temp());
        const chain = e.args.map((a, i) => `(${temps[i]} = ${this.gen(a)}) === ${decisive} ? ${decisive} : `).join('');
        const anyNull = temps.map((t) => `${t} === null`).join(' || ');
        return `(${chain}(${anyNull}) ? null : ${e.k === 'or' ? 'false' : 'true'})`;
      }
      case 'not': {
        const t = this.temp();
        return `((${t} = ${this.gen(e.arg)}) === null ? null : !${t})`;
      }
      case 'is': {
        const test = e.test === 'TRUE' ? '=== true' : e.test === 'FALSE' ? '=== false' : '=== null';
        return `(${e.negated ? '!' : ''}(${this.gen(e.arg)} ${test}))`;
      }
      case 'case':
        return `(${e.whens.map((w) => `${this.gen(w.when)} === true ? ${this.gen(w.then)} : `).join('')}${this.gen(e.else)})`;
      case 'in':
        return `IN(${this.gen(e.arg)}, [${e.list.map((x) => this.gen(x)).join(', ')}], ${e.negated})`;
      case 'call':
        return `${this.literal(e.fn)}.impl(${e.args.map((a) => this.gen(a)).join(', ')})`;
      case 'clock':
        return `CLOCK(${JSON.stringify(e.which)}, ctx)`;
    }
  }
}

/** The generated source of one expression (for debugging and the tests). */
export function generateSource(e: BExpr): { source: string; consts: unknown[] } {
  const g = new Generator();
  const expr = g.gen(e);
  return { source: `${g.tempDecl()} return ${expr};`, consts: g.consts };
}

export function compile(e: BExpr): RowFn {
  if (e.k === 'field') {
    const key = e.key;
    return (row) => row[key] ?? null;
  }
  if (e.k === 'rowtime') return (_row, rowtime) => rowtime;
  const { source, consts } = generateSource(e);
  const factory = new Function('R', 'C', 'IN', 'CLOCK', `"use strict"; return function expr(row, rowtime, ctx) { ${source} };`);
  return factory(helpers, consts, inList, clockValue) as RowFn;
}

/** A whole SELECT list as one generated function returning the output row object. */
export function compileObject(entries: readonly { readonly key: string; readonly expr: BExpr }[]): RowFnOf<Record<string, unknown>> {
  const g = new Generator();
  const body = entries.map((x) => `${JSON.stringify(x.key)}: ${g.gen(x.expr)}`).join(', ');
  const factory = new Function('R', 'C', 'IN', 'CLOCK', `"use strict"; return function project(row, rowtime, ctx) { ${g.tempDecl()} return { ${body} }; };`);
  return factory(helpers, g.consts, inList, clockValue) as RowFnOf<Record<string, unknown>>;
}

type RowFnOf<T> = (row: Record<string, unknown>, rowtime: number, ctx: Parameters<RowFn>[2]) => T;
