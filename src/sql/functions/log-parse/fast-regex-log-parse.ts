import type { SqlType } from '../../types.js';
import type { ScalarFunctionDef } from '../definition.js';
import { cannotApply, isCharacter } from '../type-rules.js';
import { invalidFastRegex, parseFastRegex, type FastRegexItem } from './fast-regex-syntax.js';
import { OPEN_ROW, numberedColumns, rowType } from './row-type.js';

/**
 * FAST_REGEX_LOG_PARSE(text, fastRegex) (the SR page is FAST_REGEX_LOG_PARSER): COLUMN1..n VARCHAR(1024), one per
 * parenthesised group, or NULL when the pattern does not account for every character of the text.
 *
 * The SR's evaluation model, implemented as written: the pattern is split into one expression per top-level group
 * and one per run outside groups; the fixed-length start of each expression moves to the end of the previous
 * one, and an expression that is entirely fixed-length merges into the previous one. The expressions are then
 * matched one after another, each lazily (shortest match) where the previous one stopped, never revisiting an
 * earlier expression (no backtracking between them); the last one must reach the end of the text.
 * A pattern whose top level is a union (`a|b`) is matched as one lazy expression.
 */

interface Segment {
  /** The top-level group the text belongs to, or 0 outside groups. */
  readonly owner: number;
  src: string;
}

interface Stage {
  readonly regex: RegExp;
  /** owners[i] is the owner of the i-th segment group (`s<i>`). */
  readonly owners: number[];
}

interface CompiledFastRegex {
  readonly stages: Stage[];
  readonly groups: number;
  /** Nested groups, read from the stage that holds them. */
  readonly nested: number[];
}

function leadingFixed(items: FastRegexItem[]): number {
  let n = 0;
  while (n < items.length && items[n]!.fixed) n++;
  return n;
}

function pushSegment(segments: Segment[], owner: number, src: string): void {
  const last = segments[segments.length - 1];
  if (last && last.owner === owner) last.src += src;
  else segments.push({ owner, src });
}

function buildStages(pattern: string): CompiledFastRegex {
  const parsed = parseFastRegex(pattern);
  const allGroups = Array.from({ length: parsed.groups }, (_, i) => i + 1);
  if (!parsed.top) {
    return { stages: [compileStage(pattern, [{ owner: 0, src: parsed.src }], true)], groups: parsed.groups, nested: allGroups };
  }
  // Expressions: runs of items outside groups, and each top-level group.
  const expressions: Array<{ owner: number; items: FastRegexItem[] }> = [];
  for (const t of parsed.top) {
    if (t.kind === 'group') expressions.push({ owner: t.index, items: t.items });
    else {
      const last = expressions[expressions.length - 1];
      if (last && last.owner === 0) last.items.push(t.item);
      else expressions.push({ owner: 0, items: [t.item] });
    }
  }
  const topGroups = new Set(parsed.top.filter((t) => t.kind === 'group').map((t) => (t as { index: number }).index));
  const stages: Segment[][] = [];
  for (const e of expressions) {
    const previous = stages[stages.length - 1];
    const fixed = previous ? leadingFixed(e.items) : 0;
    if (previous) {
      for (const item of e.items.slice(0, fixed)) pushSegment(previous, e.owner, item.src);
      // A group whose whole content moved still needs its (possibly empty) segment.
      if (fixed === e.items.length) {
        if (e.owner !== 0 && !previous.some((s) => s.owner === e.owner)) pushSegment(previous, e.owner, '');
        continue;
      }
    }
    const segments: Segment[] = [];
    pushSegment(segments, e.owner, e.items.slice(fixed).map((x) => x.src).join(''));
    stages.push(segments);
  }
  if (stages.length === 0) stages.push([{ owner: 0, src: '' }]);
  const compiled = stages.map((segments, i) => compileStage(pattern, segments, i === stages.length - 1));
  return { stages: compiled, groups: parsed.groups, nested: allGroups.filter((g) => !topGroups.has(g)) };
}

function compileStage(pattern: string, segments: Segment[], last: boolean): Stage {
  const src = segments.map((s, i) => `(?<s${i}>${s.src})`).join('') + (last ? '(?![\\s\\S])' : '');
  try {
    return { regex: new RegExp(src, 'uy'), owners: segments.map((s) => s.owner) };
  } catch (e) {
    throw invalidFastRegex(pattern, (e as Error).message);
  }
}

const cache = new Map<string, CompiledFastRegex>();

export function compileFastRegex(pattern: string): CompiledFastRegex {
  let hit = cache.get(pattern);
  if (!hit) {
    hit = buildStages(pattern);
    if (cache.size > 256) cache.clear();
    cache.set(pattern, hit);
  }
  return hit;
}

export function fastRegexLogParse(text: string, pattern: string): Record<string, unknown> | null {
  const f = compileFastRegex(pattern);
  const values: Array<string | null> = new Array(f.groups + 1).fill(null);
  let pos = 0;
  for (const stage of f.stages) {
    stage.regex.lastIndex = pos;
    const m = stage.regex.exec(text);
    if (!m) return null;
    const g = m.groups!;
    for (let i = 0; i < stage.owners.length; i++) {
      const owner = stage.owners[i]!;
      if (owner !== 0) values[owner] = (values[owner] ?? '') + g[`s${i}`];
    }
    for (const n of f.nested) {
      const v = g[`g${n}`];
      if (v !== undefined) values[n] = v;
    }
    pos = m.index + m[0].length;
  }
  const row: Record<string, unknown> = {};
  for (let i = 1; i <= f.groups; i++) row[`COLUMN${i}`] = values[i];
  return row;
}

function checkTypes(argTypes: SqlType[]): void {
  if (!argTypes.every(isCharacter)) throw cannotApply('FAST_REGEX_LOG_PARSE', argTypes, ['FAST_REGEX_LOG_PARSE(<CHARACTER>, <CHARACTER pattern>)']);
}

function definition(name: string): ScalarFunctionDef {
  return {
    name,
    minArgs: 2,
    maxArgs: 2,
    returnType(argTypes) {
      checkTypes(argTypes);
      return OPEN_ROW;
    },
    returnTypeWithConstants(argTypes, constants) {
      checkTypes(argTypes);
      return typeof constants[1] === 'string' ? rowType(numberedColumns(compileFastRegex(constants[1]).groups)) : OPEN_ROW;
    },
    impl(text, pattern) {
      if (text === null || text === undefined || pattern === null || pattern === undefined) return null;
      return fastRegexLogParse(text as string, pattern as string);
    },
  };
}

/** Called as FAST_REGEX_LOG_PARSE in SQL; the SR page title spells it FAST_REGEX_LOG_PARSER, accepted too. */
export const FAST_REGEX_LOG_PARSE = definition('FAST_REGEX_LOG_PARSE');
export const FAST_REGEX_LOG_PARSER = definition('FAST_REGEX_LOG_PARSER');
