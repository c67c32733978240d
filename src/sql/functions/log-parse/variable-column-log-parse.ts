import { SqlRuntimeError } from '../../errors.js';
import type { SqlType } from '../../types.js';
import type { ScalarFunctionDef } from '../definition.js';
import { cannotApply, isCharacter, isIntegral } from '../type-rules.js';
import { buildRow, fieldConverter, parseColumnSpecs, type ColumnSpec } from './column-spec.js';
import { OPEN_ROW, VARCHAR_1024, numberedColumns, rowType } from './row-type.js';

/**
 * VARIABLE_COLUMN_LOG_PARSE(text, columns, delimiter [, escape, quote]) — KDA SR:
 *  - columns: a count (COLUMN1..n VARCHAR(1024)) or a list 'NAME TYPE type [NOT NULL], …';
 *  - delimiter: a character or a string (tab as U&'\0009');
 *  - escape: a character that makes the next character literal (`a\,b` is one field `a,b`);
 *  - quote: one character (opens and closes) or two (begin, end); delimiters inside quotes do not split, and the
 *    quote characters are removed.
 * Missing trailing fields are NULL; extra fields are ignored.
 */

export function splitFields(text: string, delimiter: string, escape?: string, quote?: string): string[] {
  if (delimiter.length === 0) throw new SqlRuntimeError('Invalid argument', 'VARIABLE_COLUMN_LOG_PARSE delimiter is empty');
  const esc = escape ? escape[0] : undefined;
  const open = quote ? quote[0] : undefined;
  const close = quote ? (quote[1] ?? quote[0]) : undefined;
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (esc !== undefined && c === esc && i + 1 < text.length) {
      field += text[++i];
      continue;
    }
    if (quoted) {
      if (c === close) quoted = false;
      else field += c;
      continue;
    }
    if (open !== undefined && c === open) {
      quoted = true;
      continue;
    }
    if (c === delimiter[0] && text.startsWith(delimiter, i)) {
      fields.push(field);
      field = '';
      i += delimiter.length - 1;
      continue;
    }
    field += c;
  }
  fields.push(field);
  return fields;
}

const numberedCache = new Map<number, ColumnSpec[]>();

function numberedSpecs(n: number): ColumnSpec[] {
  let specs = numberedCache.get(n);
  if (!specs) {
    if (!Number.isInteger(n) || n < 1) throw new SqlRuntimeError('Invalid argument', `Invalid number of columns ${n}`);
    const convert = fieldConverter(VARCHAR_1024);
    specs = numberedColumns(n).map((f) => ({ ...f, notNull: false, convert }));
    numberedCache.set(n, specs);
  }
  return specs;
}

function specsFor(columns: unknown): ColumnSpec[] {
  return typeof columns === 'number' ? numberedSpecs(columns) : parseColumnSpecs(columns as string);
}

export function variableColumnLogParse(text: string, columns: number | string, delimiter: string, escape?: string, quote?: string): Record<string, unknown> {
  const specs = specsFor(columns);
  return buildRow(specs, splitFields(text, delimiter, escape, quote));
}

function checkTypes(argTypes: SqlType[]): void {
  const [text, columns, ...rest] = argTypes as [SqlType, SqlType, ...SqlType[]];
  if (!isCharacter(text) || !(isCharacter(columns) || isIntegral(columns)) || !rest.every(isCharacter)) {
    throw cannotApply('VARIABLE_COLUMN_LOG_PARSE', argTypes, [
      'VARIABLE_COLUMN_LOG_PARSE(<CHARACTER>, <INTEGER> | <CHARACTER columns>, <CHARACTER delimiter> [, <CHARACTER escape>, <CHARACTER quote>])',
    ]);
  }
}

export const VARIABLE_COLUMN_LOG_PARSE: ScalarFunctionDef = {
  name: 'VARIABLE_COLUMN_LOG_PARSE',
  minArgs: 3,
  maxArgs: 5,
  returnType(argTypes) {
    checkTypes(argTypes);
    return OPEN_ROW;
  },
  returnTypeWithConstants(argTypes, constants) {
    checkTypes(argTypes);
    const columns = constants[1];
    if (typeof columns === 'number' || typeof columns === 'string') return rowType(specsFor(columns));
    return OPEN_ROW;
  },
  impl(text, columns, delimiter, escape, quote) {
    if (text === null || text === undefined || columns === null || columns === undefined || delimiter === null || delimiter === undefined) return null;
    return variableColumnLogParse(
      text as string,
      columns as number | string,
      delimiter as string,
      (escape ?? undefined) as string | undefined,
      (quote ?? undefined) as string | undefined,
    );
  },
};
