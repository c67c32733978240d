import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SqlRuntimeError } from '../../../src/sql/errors.js';
import {
  castFunction,
  formatDaySecondInterval,
  formatTimestamp,
  javaDoubleToString,
  javaFloatToString,
  parseDate,
  parseDaySecondInterval,
  parseTimestamp,
  valueToString,
} from '../../../src/sql/functions/conversions.js';
import { t } from './call.js';

function cast(value: unknown, from: ReturnType<typeof t>, to: ReturnType<typeof t>): unknown {
  const f = castFunction(from, to);
  if (!f) throw new Error('cast not allowed');
  return f(value);
}

test('doubles print like Java Double.toString', () => {
  assert.equal(javaDoubleToString(1e10), '1.0E10');
  assert.equal(javaDoubleToString(0.1), '0.1');
  assert.equal(javaDoubleToString(1), '1.0');
  assert.equal(javaDoubleToString(-2.5), '-2.5');
  assert.equal(javaDoubleToString(1234567.0), '1234567.0');
  assert.equal(javaDoubleToString(12345678.9), '1.23456789E7');
  assert.equal(javaDoubleToString(0.001), '0.001');
  assert.equal(javaDoubleToString(0.0001), '1.0E-4');
  assert.equal(javaDoubleToString(1.234e-5), '1.234E-5');
  assert.equal(javaDoubleToString(100), '100.0');
  assert.equal(javaDoubleToString(2.302585092994046), '2.302585092994046');
  assert.equal(javaDoubleToString(0), '0.0');
  assert.equal(javaDoubleToString(-0), '-0.0');
  assert.equal(javaDoubleToString(NaN), 'NaN');
  assert.equal(javaDoubleToString(-Infinity), '-Infinity');
  assert.equal(javaDoubleToString(Number.MAX_VALUE), '1.7976931348623157E308');
  // Whole numbers from 2^53 to 2^63 print their exact digits, as the JDK's FloatingDecimal does (values from the JDK).
  assert.equal(javaDoubleToString(467534542083740224), '4.6753454208374022E17');
  assert.equal(javaDoubleToString(6481132507324218368), '6.4811325073242184E18');
  assert.equal(javaDoubleToString(-71675777435302736), '-7.1675777435302736E16');
});

test('reals print like Java Float.toString (shortest float32 digits)', () => {
  assert.equal(javaFloatToString(Math.fround(0.1)), '0.1');
  assert.equal(javaFloatToString(Math.fround(3.14)), '3.14');
  assert.equal(javaFloatToString(Math.fround(1e10)), '1.0E10');
  assert.equal(javaFloatToString(Math.fround(84.51)), '84.51');
  // Values from the JDK: whole numbers print exact digits; equally close candidates go to the even digit.
  assert.equal(javaFloatToString(Math.fround(-162258272)), '-1.62258272E8');
  assert.equal(javaFloatToString(Math.fround(19221008384)), '1.92210084E10');
  assert.equal(javaFloatToString(Math.fround(-249410.625)), '-249410.62');
  assert.equal(javaFloatToString(Math.fround(4111719.25)), '4111719.2');
});

test('numeric casts: rounding half away from zero to integers, range checks', () => {
  assert.equal(cast(-1.77, t('DOUBLE'), t('INTEGER')), -2);
  assert.equal(cast(2.5, t('DOUBLE'), t('INTEGER')), 3);
  assert.equal(cast(-2.5, t('DOUBLE'), t('BIGINT')), -3);
  assert.throws(() => cast(180, t('INTEGER'), t('TINYINT')), (e: unknown) => e instanceof SqlRuntimeError && e.errorName === 'Overflow');
  assert.equal(cast(1.005, t('DOUBLE'), { name: 'DECIMAL', precision: 5, scale: 2, nullable: true }), 1.01);
  assert.throws(() => cast(1234.5, t('DOUBLE'), { name: 'DECIMAL', precision: 5, scale: 2, nullable: true }), SqlRuntimeError);
  assert.equal(cast(0.1, t('DOUBLE'), t('REAL')), Math.fround(0.1));
  assert.equal(cast(null, t('DOUBLE'), t('INTEGER')), null);
});

test('string to numbers, booleans and datetimes', () => {
  assert.equal(cast(' 42 ', t('VARCHAR'), t('INTEGER')), 42);
  assert.equal(cast('-7', t('VARCHAR'), t('SMALLINT')), -7);
  assert.equal(cast('1.5E3', t('VARCHAR'), t('DOUBLE')), 1500);
  assert.equal(cast('12.5', t('VARCHAR'), t('INTEGER')), 13);
  assert.throws(() => cast('12x', t('VARCHAR'), t('INTEGER')), (e: unknown) => e instanceof SqlRuntimeError && e.errorName === 'Conversion error');
  assert.throws(() => cast('40000', t('VARCHAR'), t('SMALLINT')), SqlRuntimeError);
  assert.equal(cast('TRUE', t('VARCHAR'), t('BOOLEAN')), true);
  assert.equal(cast(' false ', t('VARCHAR'), t('BOOLEAN')), false);
  assert.equal(cast('unknown', t('VARCHAR'), t('BOOLEAN')), null);
  assert.throws(() => cast('yes', t('VARCHAR'), t('BOOLEAN')), SqlRuntimeError);
  assert.equal(formatTimestamp(cast('2004-09-30 13:48:23', t('VARCHAR'), t('TIMESTAMP')) as number), '2004-09-30 13:48:23.0');
  assert.equal(cast('1992-02-14', t('VARCHAR'), t('DATE')), parseDate('1992-02-14'));
  assert.equal(cast('13:48:23', t('VARCHAR'), t('TIME')), 49_703_000);
  assert.throws(() => cast('1992-02-30', t('VARCHAR'), t('DATE')), SqlRuntimeError);
});

test('timestamp strings: space or T, fractions truncated to milliseconds', () => {
  assert.equal(formatTimestamp(parseTimestamp('2018-05-09T12:50:41.337510')), '2018-05-09 12:50:41.337');
  assert.equal(formatTimestamp(parseTimestamp('1992-02-14 18:35:44.0')), '1992-02-14 18:35:44.0');
  assert.equal(formatTimestamp(parseTimestamp('1992-02-14')), '1992-02-14 00:00:00.0');
  assert.equal(formatTimestamp(parseTimestamp('2018-05-09 12:50:41.25')), '2018-05-09 12:50:41.25');
  assert.equal(formatTimestamp(parseTimestamp('1969-12-31 23:59:59.999')), '1969-12-31 23:59:59.999');
  assert.throws(() => parseTimestamp('2018-05-09 25:00:00'), SqlRuntimeError);
});

test('values to strings; a target too short for a date is an error, CHAR pads', () => {
  assert.equal(cast(parseDate('2008-08-23'), t('DATE'), t('VARCHAR', 10)), '2008-08-23');
  assert.throws(() => cast(parseDate('2008-08-23'), t('DATE'), t('VARCHAR', 9)), SqlRuntimeError);
  assert.equal(cast(parseDate('2008-08-23'), t('DATE'), t('CHAR', 12)), '2008-08-23  ');
  assert.equal(cast(1e10, t('DOUBLE'), t('VARCHAR')), '1.0E10');
  assert.equal(cast(42, t('INTEGER'), t('VARCHAR')), '42');
  assert.equal(cast(true, t('BOOLEAN'), t('VARCHAR')), 'TRUE');
  assert.equal(cast('abcdef', t('VARCHAR'), t('VARCHAR', 3)), 'abc');
  assert.equal(valueToString(12.3, { name: 'DECIMAL', precision: 5, scale: 2, nullable: true }), '12.30');
  assert.equal(valueToString(90_061_001, t('INTERVAL_DAY_SECOND')), '1 01:01:01.001');
});

test('datetime casts and casts KDA does not allow', () => {
  const v = parseTimestamp('2018-05-09 12:50:41.337');
  assert.equal(cast(v, t('TIMESTAMP'), t('DATE')), parseDate('2018-05-09'));
  assert.equal(cast(v, t('TIMESTAMP'), t('TIME')), 46_241_337);
  assert.equal(cast(parseDate('2018-05-09'), t('DATE'), t('TIMESTAMP')), parseDate('2018-05-09'));
  assert.equal(castFunction(t('BOOLEAN'), t('INTEGER')), undefined);
  assert.equal(castFunction(t('DATE'), t('TIME')), undefined);
});

test('day-time interval text: the SR forms, read from the leading unit', () => {
  const H = 3_600_000;
  assert.equal(parseDaySecondInterval('3 4', 'DAY'), 3 * 24 * H + 4 * H, "'3 4' DAY TO HOUR");
  assert.equal(parseDaySecondInterval('-2 04', 'DAY'), -(2 * 24 * H + 4 * H));
  assert.equal(parseDaySecondInterval('2 3:4:5.678', 'DAY'), 2 * 24 * H + 3 * H + 4 * 60_000 + 5_678);
  assert.equal(parseDaySecondInterval('10', 'SECOND'), 10_000);
  assert.equal(parseDaySecondInterval('1.5', 'SECOND'), 1_500);
  assert.equal(parseDaySecondInterval('5', 'MINUTE'), 300_000);
  assert.equal(parseDaySecondInterval('01:30', 'MINUTE'), 90_000, "'01:30' MINUTE TO SECOND");
  assert.equal(parseDaySecondInterval('01:02:03'), H + 2 * 60_000 + 3_000, 'HOUR TO SECOND');
  assert.throws(() => parseDaySecondInterval('x'), SqlRuntimeError);
  assert.equal(formatDaySecondInterval(-(2 * 24 * H + 4 * H)), '-2 04:00:00.000');
});
