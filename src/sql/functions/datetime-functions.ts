import { SqlRuntimeError } from '../errors.js';
import type { SqlType } from '../types.js';
import { MS_PER_DAY, epochDay, msOfDay } from './civil-time.js';
import type { ScalarFunctionDef } from './definition.js';
import { extractFromDatetime, extractFromDaySecondInterval, extractFromYearMonthInterval } from './datetime-units.js';
import { strict1, strict2 } from './nulls.js';
import { compileDatePattern, formatDatePattern, parseDatePattern } from './simple-date-format.js';
import {
  anyNullable,
  cannotApply,
  isCharacter,
  isDatetime,
  isIntegral,
  isInterval,
  isTimestamp,
  requireArgs,
  sqlType,
} from './type-rules.js';

/**
 * KDA SR "Date and Time Functions" and "Datetime Conversion Functions": CURRENT_DATE/TIME/TIMESTAMP, LOCALTIME,
 * LOCALTIMESTAMP, CURRENT_ROW_TIMESTAMP (clock injected by the engine, see ScalarFunctionDef.clock),
 * CHAR_TO_DATE/TIME/TIMESTAMP, DATE/TIME/TIMESTAMP_TO_CHAR (SimpleDateFormat, UTC), TO_TIMESTAMP, UNIX_TIMESTAMP,
 * TSDIFF and EXTRACT.
 */

/** A literal date format is checked when the query is validated, so a typo fails CreateApplication, not each row. */
function checkedFormat(type: SqlType, format: unknown): SqlType {
  if (typeof format === 'string') compileDatePattern(format);
  return type;
}

function clockFunction(name: string, type: 'DATE' | 'TIME' | 'TIMESTAMP', clock: 'query-start' | 'row'): ScalarFunctionDef {
  const convert = type === 'DATE' ? (now: number) => epochDay(now) * MS_PER_DAY : type === 'TIME' ? msOfDay : (now: number) => now;
  return {
    name,
    minArgs: 0,
    maxArgs: 0,
    clock,
    returnType: () => sqlType(type, false),
    impl: (now) => convert(now as number),
  };
}

/**
 * CHAR_TO_x(format, text). A string that does not fit the format, or holds an out-of-range field, yields no
 * result: the row goes to error_stream (the SR's VALUES demo shows "No rows selected").
 */
function charTo(name: string, type: 'DATE' | 'TIME' | 'TIMESTAMP'): ScalarFunctionDef {
  const convert = type === 'DATE' ? (ms: number) => epochDay(ms) * MS_PER_DAY : type === 'TIME' ? msOfDay : (ms: number) => ms;
  const resultType = (argTypes: SqlType[]): SqlType => {
    requireArgs(name, argTypes, [isCharacter, isCharacter], `${name}(<CHARACTER format>, <CHARACTER>)`);
    return sqlType(type, anyNullable(argTypes));
  };
  return {
    name,
    minArgs: 2,
    maxArgs: 2,
    returnType: resultType,
    returnTypeWithConstants: (argTypes, constants) => checkedFormat(resultType(argTypes), constants[0]),
    impl: strict2((format: string, text: string) => {
      const ms = parseDatePattern(compileDatePattern(format), text);
      if (ms === undefined) throw new SqlRuntimeError('Conversion error', `Cannot parse '${text}' as ${type} with format '${format}'`);
      return convert(ms);
    }),
  };
}

/** x_TO_CHAR(format, value). TIMESTAMP_TO_CHAR of NULL is the string 'null', as the SR documents. */
function toChar(name: string, type: 'DATE' | 'TIME' | 'TIMESTAMP', nullText: string | null): ScalarFunctionDef {
  const resultType = (argTypes: SqlType[]): SqlType => {
    const [f, v] = argTypes as [SqlType, SqlType];
    const fits = isCharacter(f) && (type === 'TIMESTAMP' ? isDatetime(v) : v.name === type || v.name === 'NULL' || v.name === 'ANY' || v.name === 'TIMESTAMP');
    if (!fits) throw cannotApply(name, argTypes, [`${name}(<CHARACTER format>, <${type}>)`]);
    return sqlType('VARCHAR', nullText === null ? anyNullable(argTypes) : f.nullable);
  };
  return {
    name,
    minArgs: 2,
    maxArgs: 2,
    returnType: resultType,
    returnTypeWithConstants: (argTypes, constants) => checkedFormat(resultType(argTypes), constants[0]),
    impl(format, value) {
      if (format === null || format === undefined) return null;
      if (value === null || value === undefined) return nullText;
      return formatDatePattern(compileDatePattern(format as string), value as number);
    },
  };
}

const TO_TIMESTAMP: ScalarFunctionDef = {
  name: 'TO_TIMESTAMP',
  minArgs: 1,
  maxArgs: 1,
  returnType(argTypes) {
    requireArgs('TO_TIMESTAMP', argTypes, [isIntegral], 'TO_TIMESTAMP(<BIGINT>)');
    return sqlType('TIMESTAMP', anyNullable(argTypes));
  },
  impl: strict1((ms: number) => ms),
};

const UNIX_TIMESTAMP: ScalarFunctionDef = {
  name: 'UNIX_TIMESTAMP',
  minArgs: 1,
  maxArgs: 1,
  returnType(argTypes) {
    requireArgs('UNIX_TIMESTAMP', argTypes, [isTimestamp], 'UNIX_TIMESTAMP(<TIMESTAMP>)');
    return sqlType('BIGINT', anyNullable(argTypes));
  },
  impl: strict1((ms: number) => ms),
};

/**
 * TSDIFF(startTime, endTime) on epoch-millisecond BIGINTs. The SR only says "the difference between the two
 * timestamps"; this engine returns startTime − endTime (the SQLstream convention).
 */
const TSDIFF: ScalarFunctionDef = {
  name: 'TSDIFF',
  minArgs: 2,
  maxArgs: 2,
  returnType(argTypes) {
    requireArgs('TSDIFF', argTypes, [isIntegral, isIntegral], 'TSDIFF(<BIGINT>, <BIGINT>)');
    return sqlType('BIGINT', anyNullable(argTypes));
  },
  impl: strict2((start: number, end: number) => start - end),
};

/**
 * EXTRACT(unit FROM value), called as EXTRACT('UNIT', value). The planner adds a third argument naming the value's
 * kind when it is an interval: 'DAY_SECOND' or 'YEAR_MONTH'. Units: YEAR, QUARTER, MONTH, DAY, HOUR, MINUTE,
 * SECOND, MILLISECOND, DOW (1 = Sunday), DOY, EPOCH. The SR: BIGINT for every field but SECOND, which is
 * DECIMAL(5,3) with the milliseconds (EXTRACT(SECOND FROM INTERVAL '2 3:4:5.678' DAY TO SECOND) = 5.678).
 */
function extractType(argTypes: SqlType[]): SqlType {
  const [unit, v] = argTypes as [SqlType, SqlType];
  if (!isCharacter(unit) || !(isDatetime(v) || isInterval(v))) {
    throw cannotApply('EXTRACT', argTypes.slice(0, 2), ['EXTRACT(<TIME UNIT> FROM <DATETIME>)', 'EXTRACT(<TIME UNIT> FROM <INTERVAL>)']);
  }
  return sqlType('BIGINT', v.nullable || v.name === 'NULL');
}

const EXTRACT: ScalarFunctionDef = {
  name: 'EXTRACT',
  minArgs: 2,
  maxArgs: 3,
  returnType: extractType,
  returnTypeWithConstants(argTypes, constants) {
    const t = extractType(argTypes);
    const unit = constants[0];
    return typeof unit === 'string' && unit.toUpperCase() === 'SECOND' ? sqlType('DECIMAL', t.nullable, 5, 3) : t;
  },
  impl(unit, value, kind) {
    if (unit === null || unit === undefined || value === null || value === undefined) return null;
    const u = (unit as string).toUpperCase();
    if (kind === 'DAY_SECOND') return extractFromDaySecondInterval(u, value as number);
    if (kind === 'YEAR_MONTH') return extractFromYearMonthInterval(u, value as number);
    return extractFromDatetime(u, value as number);
  },
};

export const datetimeFunctions: ScalarFunctionDef[] = [
  clockFunction('CURRENT_DATE', 'DATE', 'query-start'),
  clockFunction('CURRENT_TIME', 'TIME', 'query-start'),
  clockFunction('CURRENT_TIMESTAMP', 'TIMESTAMP', 'query-start'),
  clockFunction('LOCALTIME', 'TIME', 'query-start'),
  clockFunction('LOCALTIMESTAMP', 'TIMESTAMP', 'query-start'),
  clockFunction('CURRENT_ROW_TIMESTAMP', 'TIMESTAMP', 'row'),
  charTo('CHAR_TO_DATE', 'DATE'),
  charTo('CHAR_TO_TIME', 'TIME'),
  charTo('CHAR_TO_TIMESTAMP', 'TIMESTAMP'),
  toChar('DATE_TO_CHAR', 'DATE', null),
  toChar('TIME_TO_CHAR', 'TIME', null),
  toChar('TIMESTAMP_TO_CHAR', 'TIMESTAMP', 'null'),
  TO_TIMESTAMP,
  UNIX_TIMESTAMP,
  TSDIFF,
  EXTRACT,
];
