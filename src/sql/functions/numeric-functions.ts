import { SqlRuntimeError } from '../errors.js';
import type { SqlType } from '../types.js';
import type { ScalarFunctionDef } from './definition.js';
import { roundHalfUp } from './conversions.js';
import { ceilToUnit, floorToUnit, stepByMonths } from './datetime-units.js';
import { strictExp } from './strict-math.js';
import { strict1, strict2 } from './nulls.js';
import {
  anyNullable,
  cannotApply,
  isCharacter,
  isDatetime,
  isIntegral,
  isInterval,
  isNumeric,
  isUntyped,
  requireArgs,
  sqlType,
} from './type-rules.js';

/** KDA SR "Numeric Functions": ABS, CEIL/CEILING, EXP, FLOOR, LN, LOG10, MOD, POWER, STEP; plus SQRT and ROUND. */

function keepType(argTypes: SqlType[]): SqlType {
  const t = argTypes[0]!;
  return isUntyped(t) ? sqlType('DOUBLE', true) : { ...t, nullable: anyNullable(argTypes) };
}

function doubleResult(argTypes: SqlType[]): SqlType {
  return sqlType('DOUBLE', anyNullable(argTypes));
}

function unaryDouble(name: string, f: (x: number) => number): ScalarFunctionDef {
  return {
    name,
    minArgs: 1,
    maxArgs: 1,
    returnType(argTypes) {
      requireArgs(name, argTypes, [isNumeric], `${name}(<NUMERIC>)`);
      return doubleResult(argTypes);
    },
    impl: strict1(f),
  };
}

function positiveLog(name: string, f: (x: number) => number): (x: number) => number {
  return (x) => {
    if (!(x > 0)) throw new SqlRuntimeError('Invalid argument', `Cannot take ${name} of ${x}: the argument must be positive`);
    return f(x);
  };
}

/** FLOOR/CEIL: FLOOR(n) on numbers, FLOOR(datetime TO unit) with the unit passed as a string ('MINUTE'). */
function roundingFunction(name: string, num: (x: number) => number, dt: (ms: number, unit: string) => number): ScalarFunctionDef {
  return {
    name,
    minArgs: 1,
    maxArgs: 2,
    returnType(argTypes) {
      const forms = [`${name}(<NUMERIC>)`, `${name}(<DATETIME> TO <TIME UNIT>)`];
      if (argTypes.length === 1 && isNumeric(argTypes[0]!)) {
        const t = argTypes[0]!;
        // DECIMAL keeps its precision with scale 0; floats stay floats.
        return t.name === 'DECIMAL' ? sqlType('DECIMAL', anyNullable(argTypes), t.precision, 0) : keepType(argTypes);
      }
      if (argTypes.length === 2 && isDatetime(argTypes[0]!) && isCharacter(argTypes[1]!)) return keepType(argTypes);
      throw cannotApply(name, argTypes, forms);
    },
    impl(x, unit) {
      if (x === null || x === undefined) return null;
      if (unit === undefined) return num(x as number);
      if (unit === null) return null;
      return dt(x as number, (unit as string).toUpperCase());
    },
  };
}

/** MOD(a, b) on integers, with Java's sign rule (the result has the dividend's sign). */
export function mod(a: number, b: number): number {
  if (b === 0) throw new SqlRuntimeError('Division by zero', 'Division by zero');
  const r = a % b;
  return r === 0 ? 0 : r;
}

/**
 * POWER(base, exponent). The SR: an exception when the base is zero and the exponent negative, or the base
 * negative and the exponent not whole. Otherwise Java's Math.pow (1 to any power is 1, even NaN).
 */
export function power(base: number, exponent: number): number {
  if (base === 0 && exponent < 0) throw new SqlRuntimeError('Invalid argument', `POWER(0, ${exponent}): zero to a negative power`);
  if (base < 0 && !Number.isInteger(exponent)) {
    throw new SqlRuntimeError('Invalid argument', `POWER(${base}, ${exponent}): a negative base needs a whole exponent`);
  }
  return base === 1 ? 1 : Math.pow(base, exponent);
}

/** STEP(x BY k) for numbers: the largest multiple of k not above x. */
export function stepNumber(x: number, k: number): number {
  if (k === 0) throw new SqlRuntimeError('Division by zero', 'STEP by zero');
  const r = Math.floor(x / k) * k;
  return r === 0 ? 0 : r;
}

/** The SR: MOD takes arguments of scale 0 only — integers, or DECIMAL(p, 0). */
const isScaleZero = (t: SqlType): boolean => isIntegral(t) || (t.name === 'DECIMAL' && (t.scale ?? 0) === 0);

const MOD: ScalarFunctionDef = {
  name: 'MOD',
  minArgs: 2,
  maxArgs: 2,
  returnType(argTypes) {
    requireArgs('MOD', argTypes, [isScaleZero, isScaleZero], 'MOD(<INTEGER>, <INTEGER>)');
    const divisor = argTypes[1]!;
    return isUntyped(divisor) ? sqlType('INTEGER', true) : { ...divisor, nullable: anyNullable(argTypes) };
  },
  impl: strict2(mod),
};

const POWER: ScalarFunctionDef = {
  name: 'POWER',
  minArgs: 2,
  maxArgs: 2,
  returnType(argTypes) {
    requireArgs('POWER', argTypes, [isNumeric, isNumeric], 'POWER(<NUMERIC>, <NUMERIC>)');
    return doubleResult(argTypes);
  },
  impl: strict2(power),
};

const ABS: ScalarFunctionDef = {
  name: 'ABS',
  minArgs: 1,
  maxArgs: 1,
  returnType(argTypes) {
    if (argTypes.length === 1 && isInterval(argTypes[0]!) && !isUntyped(argTypes[0]!)) return keepType(argTypes);
    requireArgs('ABS', argTypes, [isNumeric], 'ABS(<NUMERIC>)');
    return keepType(argTypes);
  },
  impl: strict1((x: number) => Math.abs(x)),
};

/**
 * STEP(x BY k): numbers (`STEP(23 BY 5)` = 20) and datetimes by a day-time interval (ms) or a year-month interval
 * (months). The planner tells the two interval kinds apart by type, so the runtime form takes a third argument:
 * impl(x, k) for numbers and day-time intervals, impl(x, k, 'MONTHS') for year-month intervals.
 */
const STEP: ScalarFunctionDef = {
  name: 'STEP',
  minArgs: 2,
  maxArgs: 3,
  returnType(argTypes) {
    const [x, k] = argTypes as [SqlType, SqlType];
    if (isDatetime(x) && isInterval(k)) return keepType(argTypes);
    if (isNumeric(x) && isNumeric(k)) return keepType(argTypes);
    throw cannotApply('STEP', argTypes.slice(0, 2), ['STEP(<DATETIME> BY <INTERVAL>)', 'STEP(<NUMERIC> BY <NUMERIC>)']);
  },
  impl(x, k, kind) {
    if (x === null || x === undefined || k === null || k === undefined) return null;
    if (kind === 'MONTHS') return stepByMonths(x as number, k as number);
    return stepNumber(x as number, k as number);
  },
};

const ROUND: ScalarFunctionDef = {
  name: 'ROUND',
  minArgs: 1,
  maxArgs: 2,
  returnType(argTypes) {
    requireArgs('ROUND', argTypes, [isNumeric, isIntegral], 'ROUND(<NUMERIC> [, <INTEGER>])');
    return keepType(argTypes);
  },
  impl(x, d) {
    if (x === null || x === undefined || d === null) return null;
    const digits = (d as number | undefined) ?? 0;
    if (digits >= 0) return roundHalfUp(x as number, digits);
    const f = 10 ** -digits;
    return roundHalfUp((x as number) / f) * f;
  },
};

export const numericFunctions: ScalarFunctionDef[] = [
  ABS,
  roundingFunction('CEIL', Math.ceil, ceilToUnit),
  roundingFunction('CEILING', Math.ceil, ceilToUnit),
  roundingFunction('FLOOR', Math.floor, floorToUnit),
  unaryDouble('EXP', strictExp),
  unaryDouble('LN', positiveLog('the natural logarithm', Math.log)),
  unaryDouble('LOG10', positiveLog('the base-10 logarithm', Math.log10)),
  unaryDouble('SQRT', (x) => {
    if (x < 0) throw new SqlRuntimeError('Invalid argument', `Cannot take the square root of ${x}`);
    return Math.sqrt(x);
  }),
  MOD,
  POWER,
  STEP,
  ROUND,
];
