import type { SqlType } from '../../types.js';
import type { ScalarFunctionDef } from '../definition.js';
import { compileJavaRegex, javaGroup } from '../java-regex.js';
import { cannotApply, isCharacter } from '../type-rules.js';
import { buildRow, parseColumnSpecs } from './column-spec.js';
import { OPEN_ROW, numberedColumns, rowType } from './row-type.js';

/**
 * REGEX_LOG_PARSE(text, javaRegex [, 'columns']): the capture groups of a Java regex that matches the whole text,
 * as COLUMN1..n VARCHAR(1024) (or the named, typed columns of the optional list). No match → NULL. The SR's
 * examples wrap patterns in `.*…​.*`, which is what Matcher.matches() needs; that is the semantics used here.
 */

function columnNames(groupCount: number): string[] {
  return numberedColumns(groupCount).map((c) => c.name);
}

export function regexLogParse(text: string, pattern: string, columns?: string): Record<string, unknown> | null {
  const re = compileJavaRegex(pattern);
  re.whole.lastIndex = 0;
  const m = re.whole.exec(text);
  if (!m) return null;
  if (columns !== undefined) {
    const specs = parseColumnSpecs(columns);
    const texts = specs.map((_, i) => (i < re.groupCount ? javaGroup(re, m, i + 1) : null));
    return buildRow(specs, texts);
  }
  const row: Record<string, unknown> = {};
  const names = columnNames(re.groupCount);
  for (let i = 0; i < names.length; i++) row[names[i]!] = javaGroup(re, m, i + 1);
  return row;
}

function checkTypes(argTypes: SqlType[]): void {
  if (!argTypes.every(isCharacter)) {
    throw cannotApply('REGEX_LOG_PARSE', argTypes, ["REGEX_LOG_PARSE(<CHARACTER>, <CHARACTER pattern> [, <CHARACTER columns>])"]);
  }
}

export const REGEX_LOG_PARSE: ScalarFunctionDef = {
  name: 'REGEX_LOG_PARSE',
  minArgs: 2,
  maxArgs: 3,
  returnType(argTypes) {
    checkTypes(argTypes);
    return OPEN_ROW;
  },
  returnTypeWithConstants(argTypes, constants) {
    checkTypes(argTypes);
    const [, pattern, columns] = constants;
    if (typeof columns === 'string') return rowType(parseColumnSpecs(columns));
    if (typeof pattern === 'string') return rowType(numberedColumns(compileJavaRegex(pattern).groupCount));
    return OPEN_ROW;
  },
  impl(text, pattern, columns) {
    if (text === null || text === undefined || pattern === null || pattern === undefined) return null;
    return regexLogParse(text as string, pattern as string, (columns ?? undefined) as string | undefined);
  },
};
