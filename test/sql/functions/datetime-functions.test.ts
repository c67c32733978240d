import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SqlRuntimeError } from '../../../src/sql/errors.js';
import { scalarFunctions } from '../../../src/sql/functions/index.js';
import { formatDate, formatTime, formatTimestamp, parseTime } from '../../../src/sql/functions/conversions.js';
import { call, t, ts, typeOf } from './call.js';

test('CHAR_TO_TIMESTAMP / _DATE / _TIME take the format first; a mismatch is a row error', () => {
  assert.equal(formatTimestamp(call('CHAR_TO_TIMESTAMP', 'yyyy-MM-dd hh:mm:ss', '2009-09-16 03:15:24') as number), '2009-09-16 03:15:24.0');
  assert.equal(formatDate(call('CHAR_TO_DATE', 'yyyy-MM-dd', '2009-09-16 03:15:24') as number), '2009-09-16');
  assert.equal(call('CHAR_TO_DATE', 'yyyy-MM-dd HH:mm', '2009-09-16 03:15') as number % 86_400_000, 0);
  assert.equal(formatTime(call('CHAR_TO_TIME', 'HH:mm:ss', '03:15:24') as number), '03:15:24');
  assert.equal(formatTime(call('CHAR_TO_TIME', 'yyyy-MM-dd HH:mm', '2009-09-16 03:15') as number), '03:15:00');
  assert.throws(() => call('CHAR_TO_TIMESTAMP', 'yyyy-MM-dd', 'not a date'), SqlRuntimeError);
  assert.equal(call('CHAR_TO_TIMESTAMP', null, '2009'), null);
  assert.equal(call('CHAR_TO_TIMESTAMP', 'yyyy', null), null);
});

test('TIMESTAMP_TO_CHAR / DATE_TO_CHAR / TIME_TO_CHAR; a NULL timestamp prints as the string null', () => {
  assert.equal(call('TIMESTAMP_TO_CHAR', 'yyyy-MM-dd hh:mm:ss', ts('2018-05-09 14:50:41.337')), '2018-05-09 02:50:41');
  assert.equal(call('TIMESTAMP_TO_CHAR', 'yyyy-MM-dd HH:mm:ss.SSS', ts('2018-05-09 14:50:41.337')), '2018-05-09 14:50:41.337');
  assert.equal(call('TIMESTAMP_TO_CHAR', 'yyyy', null), 'null');
  assert.equal(call('TIMESTAMP_TO_CHAR', null, 0), null);
  assert.equal(call('DATE_TO_CHAR', 'dd MMM yyyy', ts('2008-08-23 00:00:00')), '23 Aug 2008');
  assert.equal(call('DATE_TO_CHAR', 'dd MMM yyyy', null), null);
  assert.equal(call('TIME_TO_CHAR', 'h:mm a', parseTime('13:05:00')), '1:05 PM');
});

test('TO_TIMESTAMP and UNIX_TIMESTAMP round-trip epoch milliseconds', () => {
  assert.equal(formatTimestamp(call('TO_TIMESTAMP', 1_525_877_441_337) as number), '2018-05-09 14:50:41.337');
  assert.equal(call('UNIX_TIMESTAMP', ts('2018-05-09 14:50:41.337')), 1_525_877_441_337);
  assert.equal(call('UNIX_TIMESTAMP', null), null);
  assert.equal(call('TO_TIMESTAMP', null), null);
  assert.deepEqual(typeOf('UNIX_TIMESTAMP', t('TIMESTAMP', undefined, false)), t('BIGINT', undefined, false));
  assert.throws(() => typeOf('UNIX_TIMESTAMP', t('VARCHAR')), /UNIX_TIMESTAMP/);
});

test('TSDIFF is startTime − endTime in milliseconds, NULL for a NULL argument', () => {
  assert.equal(call('TSDIFF', 5000, 2000), 3000);
  assert.equal(call('TSDIFF', 2000, 5000), -3000);
  assert.equal(call('TSDIFF', null, 5000), null);
});

test('EXTRACT from timestamps, dates, times and intervals', () => {
  const v = ts('2018-05-09 12:50:41.337');
  assert.equal(call('EXTRACT', 'YEAR', v), 2018);
  assert.equal(call('EXTRACT', 'MONTH', v), 5);
  assert.equal(call('EXTRACT', 'DAY', v), 9);
  assert.equal(call('EXTRACT', 'HOUR', v), 12);
  assert.equal(call('EXTRACT', 'MINUTE', v), 50);
  assert.equal(call('EXTRACT', 'SECOND', v), 41.337, 'SECOND is DECIMAL(5,3) with the milliseconds');
  assert.equal(call('EXTRACT', 'second', parseTime('01:02:03')), 3);
  const sr = 2 * 86_400_000 + 3 * 3_600_000 + 4 * 60_000 + 5_678;
  assert.equal(call('EXTRACT', 'DAY', sr, 'DAY_SECOND'), 2);
  assert.equal(call('EXTRACT', 'HOUR', sr, 'DAY_SECOND'), 3);
  assert.equal(call('EXTRACT', 'MINUTE', sr, 'DAY_SECOND'), 4);
  assert.equal(call('EXTRACT', 'SECOND', sr, 'DAY_SECOND'), 5.678);
  assert.equal(call('EXTRACT', 'MINUTE', ts('2016-09-23 04:29:26.234')), 29);
  assert.equal(call('EXTRACT', 'HOUR', ts('2016-09-23 04:29:26.234')), 4);
  const def = scalarFunctions.get('EXTRACT')!;
  assert.deepEqual(def.returnTypeWithConstants!([t('VARCHAR'), t('TIMESTAMP', undefined, false)], ['SECOND', undefined]), {
    name: 'DECIMAL', precision: 5, scale: 3, nullable: false,
  });
  assert.equal(def.returnTypeWithConstants!([t('VARCHAR'), t('TIMESTAMP')], ['MINUTE', undefined]).name, 'BIGINT');
  assert.equal(call('EXTRACT', 'DAY', -(3 * 86_400_000 + 4 * 3_600_000), 'DAY_SECOND'), -3);
  assert.equal(call('EXTRACT', 'HOUR', 3 * 86_400_000 + 4 * 3_600_000, 'DAY_SECOND'), 4);
  assert.equal(call('EXTRACT', 'MONTH', 40, 'YEAR_MONTH'), 4);
  assert.equal(call('EXTRACT', 'YEAR', 40, 'YEAR_MONTH'), 3);
  assert.equal(call('EXTRACT', 'YEAR', null), null);
  assert.equal(call('EXTRACT', 'YEAR', ts('1969-12-31 23:59:59')), 1969);
  assert.throws(() => call('EXTRACT', 'FORTNIGHT', v), SqlRuntimeError);
});

test('FLOOR / CEIL of a datetime to a unit: the SR examples', () => {
  const v = ts('2004-09-30 13:48:23');
  const at = (fn: string, u: string) => formatTimestamp(call(fn, v, u) as number);
  assert.equal(at('FLOOR', 'HOUR'), '2004-09-30 13:00:00.0');
  assert.equal(at('FLOOR', 'MINUTE'), '2004-09-30 13:48:00.0');
  assert.equal(at('FLOOR', 'DAY'), '2004-09-30 00:00:00.0');
  assert.equal(at('FLOOR', 'YEAR'), '2004-01-01 00:00:00.0');
  assert.equal(at('CEILING', 'HOUR'), '2004-09-30 14:00:00.0');
  assert.equal(at('CEILING', 'MINUTE'), '2004-09-30 13:49:00.0');
  assert.equal(at('CEILING', 'DAY'), '2004-10-01 00:00:00.0');
  assert.equal(at('CEILING', 'YEAR'), '2005-01-01 00:00:00.0');
});

test('FLOOR / CEIL of a datetime to a unit', () => {
  const v = ts('2018-05-09 12:50:41.337');
  const floor = (u: string) => formatTimestamp(call('FLOOR', v, u) as number);
  const ceil = (u: string) => formatTimestamp(call('CEIL', v, u) as number);
  assert.equal(floor('YEAR'), '2018-01-01 00:00:00.0');
  assert.equal(floor('MONTH'), '2018-05-01 00:00:00.0');
  assert.equal(floor('DAY'), '2018-05-09 00:00:00.0');
  assert.equal(floor('HOUR'), '2018-05-09 12:00:00.0');
  assert.equal(floor('MINUTE'), '2018-05-09 12:50:00.0');
  assert.equal(floor('SECOND'), '2018-05-09 12:50:41.0');
  assert.equal(ceil('MINUTE'), '2018-05-09 12:51:00.0');
  assert.equal(ceil('YEAR'), '2019-01-01 00:00:00.0');
  assert.equal(ceil('MONTH'), '2018-06-01 00:00:00.0');
  assert.equal(call('CEIL', ts('2018-05-09 12:00:00'), 'HOUR'), ts('2018-05-09 12:00:00'));
  assert.equal(formatTimestamp(call('FLOOR', ts('1969-12-31 23:59:59.5'), 'SECOND') as number), '1969-12-31 23:59:59.0');
  assert.equal(call('FLOOR', null, 'DAY'), null);
  assert.equal(typeOf('FLOOR', t('TIMESTAMP', undefined, false), t('VARCHAR')).name, 'TIMESTAMP');
});

test('STEP on timestamps by day-time and year-month intervals (epoch aligned)', () => {
  const v = ts('2004-09-30 13:48:23');
  assert.equal(formatTimestamp(call('STEP', v, 10_000) as number), '2004-09-30 13:48:20.0');
  assert.equal(formatTimestamp(call('STEP', v, 60_000) as number), '2004-09-30 13:48:00.0');
  assert.equal(formatTimestamp(call('STEP', v, 3_600_000) as number), '2004-09-30 13:00:00.0');
  assert.equal(formatTimestamp(call('STEP', v, 12, 'MONTHS') as number), '2004-01-01 00:00:00.0');
  assert.equal(formatTimestamp(call('STEP', v, 1, 'MONTHS') as number), '2004-09-01 00:00:00.0');
  assert.equal(call('STEP', null, 10_000), null);
});

test('clock functions read the injected now and say which clock they need', () => {
  const now = ts('2018-05-09 12:50:41.337');
  assert.equal(formatDate(call('CURRENT_DATE', now) as number), '2018-05-09');
  assert.equal(formatTime(call('CURRENT_TIME', now) as number), '12:50:41.337');
  assert.equal(call('CURRENT_TIMESTAMP', now), now);
  assert.equal(call('LOCALTIMESTAMP', now), now);
  assert.equal(formatTime(call('LOCALTIME', now) as number), '12:50:41.337');
  assert.equal(call('CURRENT_ROW_TIMESTAMP', now), now);
  assert.equal(scalarFunctions.get('CURRENT_ROW_TIMESTAMP')!.clock, 'row');
  assert.equal(scalarFunctions.get('CURRENT_TIMESTAMP')!.clock, 'query-start');
  assert.equal(scalarFunctions.get('CURRENT_DATE')!.maxArgs, 0);
});

test('a literal date format with an illegal letter fails validation, not each row', () => {
  const def = scalarFunctions.get('TIMESTAMP_TO_CHAR')!;
  assert.throws(() => def.returnTypeWithConstants!([t('VARCHAR'), t('TIMESTAMP')], ['yyyy-qq', undefined]), /Illegal pattern character 'q'/);
  assert.equal(def.returnTypeWithConstants!([t('VARCHAR'), t('TIMESTAMP')], ['yyyy', undefined]).name, 'VARCHAR');
  assert.throws(() => scalarFunctions.get('CHAR_TO_DATE')!.returnTypeWithConstants!([t('VARCHAR'), t('VARCHAR')], ["'open", undefined]), /Unterminated quote/);
});
