import { SqlRuntimeError } from '../../errors.js';
import type { SqlType } from '../../types.js';
import type { ScalarFunctionDef } from '../definition.js';
import { cannotApply, isCharacter } from '../type-rules.js';
import { OPEN_ROW, VARCHAR_1024, rowType, type RowField } from './row-type.js';

/**
 * W3C_LOG_PARSE(text, format): Apache mod_log_config formats → COLUMN1..n, one column per `%` specifier.
 * Predefined formats (KDA SR): COMMON, COMMON WITH VHOST, NCSA EXTENDED (also COMBINED), REFERER, AGENT, and IIS
 * (taken here as IIS's default W3C extended field list, space separated; the SR does not spell it out).
 * Specifiers take Apache's modifiers (`%>s`, `%<s`, `%400,501{…}i`, `%!200…`) and a `{arg}` or KDA's `[arg]`.
 * Every column is VARCHAR(1024), the text as logged ('-' included). The SR says a column's type follows its
 * specifier (%b numeric), but the Developer Guide's W3C_LOG_PARSE example inserts all seven COMMON columns,
 * %>s and %b included, into VARCHAR(16) columns, which KDA only accepts from character values. Numeric
 * specifiers still only match digits (or '-'). %t keeps its brackets (`[10/Oct/2000:13:55:36 -0700]`) unless the
 * format writes `[%t]`. A line that does not fit the format → NULL.
 */

const PREDEFINED: Readonly<Record<string, string>> = {
  COMMON: '%h %l %u %t "%r" %>s %b',
  'COMMON WITH VHOST': '%v %h %l %u %t "%r" %>s %b',
  'NCSA EXTENDED': '%h %l %u %t "%r" %>s %b "%[Referer]i" "%[User-agent]i"',
  COMBINED: '%h %l %u %t "%r" %>s %b "%[Referer]i" "%[User-agent]i"',
  REFERER: '%[Referer]i ---> %U',
  AGENT: '%[User-agent]i',
  IIS: '%[yyyy-MM-dd]t %[HH:mm:ss]t %A %m %U %q %p %u %a %[User-Agent]i %[Referer]i %s %[sub-status]e %[win32-status]e %T',
};

/** Specifiers whose values are numbers (or '-'): matched as such, so the fields around them split correctly. */
const NUMERIC_SPECIFIERS = 'bDTIOspP';
const SPECIFIER_LETTERS = 'aABbCDefhHilmnopPqrsStTuUvVXIOkLRz';

interface CompiledFormat {
  readonly regex: RegExp;
  readonly fields: RowField[];
}

function escapeRegex(s: string): string {
  return s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

const cache = new Map<string, CompiledFormat>();

/** Compiles (and caches) a predefined name or Apache LogFormat string. */
export function compileW3cFormat(format: string): CompiledFormat {
  const hit = cache.get(format);
  if (hit) return hit;
  const spec = PREDEFINED[format.trim().toUpperCase().replace(/\s+/g, ' ')] ?? format;
  let src = '';
  let literal = '';
  const fields: RowField[] = [];
  const re = /%(?:%|([!\d,<>]*)(?:\{([^}]*)\}|\[([^\]]*)\])?([A-Za-z]))/y;
  let i = 0;
  while (i < spec.length) {
    if (spec[i] !== '%') {
      literal += spec[i++];
      continue;
    }
    re.lastIndex = i;
    const m = re.exec(spec);
    if (!m) throw new SqlRuntimeError('Invalid log format', `Invalid W3C log format '${format}' at position ${i + 1}`);
    i = re.lastIndex;
    if (m[0] === '%%') {
      literal += '%';
      continue;
    }
    const letter = m[4]!;
    if (!SPECIFIER_LETTERS.includes(letter)) throw new SqlRuntimeError('Invalid log format', `Unknown W3C format specifier %${letter} in '${format}'`);
    const arg = m[2] ?? m[3];
    src += escapeRegex(literal);
    const bracketed = literal.endsWith('[');
    literal = '';
    if (NUMERIC_SPECIFIERS.includes(letter)) src += '(-|[+-]?\\d+)';
    else if (letter === 't' && arg === undefined && !bracketed) src += '(\\[[^\\]]*\\]|-)';
    else if (letter === 't' && arg === undefined) src += '([^\\]]*)';
    else src += '([\\s\\S]*?)';
    fields.push({ name: `COLUMN${fields.length + 1}`, type: VARCHAR_1024 });
  }
  src += escapeRegex(literal);
  const compiled = { regex: new RegExp(`^${src}$`), fields };
  if (cache.size > 128) cache.clear();
  cache.set(format, compiled);
  return compiled;
}

export function w3cLogParse(text: string, format: string): Record<string, unknown> | null {
  const f = compileW3cFormat(format);
  const m = f.regex.exec(text);
  if (!m) return null;
  const row: Record<string, unknown> = {};
  for (let i = 0; i < f.fields.length; i++) row[f.fields[i]!.name] = m[i + 1]!;
  return row;
}

function checkTypes(argTypes: SqlType[]): void {
  if (!argTypes.every(isCharacter)) throw cannotApply('W3C_LOG_PARSE', argTypes, ['W3C_LOG_PARSE(<CHARACTER>, <CHARACTER format>)']);
}

export const W3C_LOG_PARSE: ScalarFunctionDef = {
  name: 'W3C_LOG_PARSE',
  minArgs: 2,
  maxArgs: 2,
  returnType(argTypes) {
    checkTypes(argTypes);
    return OPEN_ROW;
  },
  returnTypeWithConstants(argTypes, constants) {
    checkTypes(argTypes);
    return typeof constants[1] === 'string' ? rowType(compileW3cFormat(constants[1]).fields) : OPEN_ROW;
  },
  impl(text, format) {
    if (text === null || text === undefined || format === null || format === undefined) return null;
    return w3cLogParse(text as string, format as string);
  },
};
