import { SqlRuntimeError } from '../../errors.js';
import type { SqlType } from '../../types.js';
import type { ScalarFunctionDef } from '../definition.js';
import { cannotApply, isCharacter } from '../type-rules.js';
import { buildRow, parseColumnSpecs, type ColumnSpec } from './column-spec.js';
import { OPEN_ROW, rowType } from './row-type.js';

/**
 * FIXED_COLUMN_LOG_PARSE(text, 'NAME TYPE type [format] [NOT NULL] START n [FOR len], …'): fixed-width fields,
 * START 0-based; without FOR a field runs to the end of the text. Fields past the end of the text are NULL.
 */

function fixedSpecs(spec: string): ColumnSpec[] {
  const specs = parseColumnSpecs(spec);
  for (const s of specs) {
    if (s.start === undefined) throw new SqlRuntimeError('Invalid column list', `Column ${s.name} has no START position`);
  }
  return specs;
}

export function fixedColumnLogParse(text: string, spec: string): Record<string, unknown> {
  const specs = fixedSpecs(spec);
  const texts = specs.map((s) => {
    const start = s.start!;
    if (start >= text.length) return null;
    return s.length === undefined ? text.slice(start) : text.slice(start, start + s.length);
  });
  return buildRow(specs, texts);
}

function checkTypes(argTypes: SqlType[]): void {
  if (!argTypes.every(isCharacter)) {
    throw cannotApply('FIXED_COLUMN_LOG_PARSE', argTypes, ['FIXED_COLUMN_LOG_PARSE(<CHARACTER>, <CHARACTER columns>)']);
  }
}

export const FIXED_COLUMN_LOG_PARSE: ScalarFunctionDef = {
  name: 'FIXED_COLUMN_LOG_PARSE',
  minArgs: 2,
  maxArgs: 2,
  returnType(argTypes) {
    checkTypes(argTypes);
    return OPEN_ROW;
  },
  returnTypeWithConstants(argTypes, constants) {
    checkTypes(argTypes);
    return typeof constants[1] === 'string' ? rowType(fixedSpecs(constants[1])) : OPEN_ROW;
  },
  impl(text, spec) {
    if (text === null || text === undefined || spec === null || spec === undefined) return null;
    return fixedColumnLogParse(text as string, spec as string);
  },
};
