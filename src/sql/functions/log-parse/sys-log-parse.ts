import type { ScalarFunctionDef } from '../definition.js';
import { compileDatePattern, parseDatePattern } from '../simple-date-format.js';
import { requireArgs, isCharacter } from '../type-rules.js';
import { rowType } from './row-type.js';

/**
 * SYS_LOG_PARSE(text): an RFC 3164 line `Mon DD HH:MM:SS server message` → COLUMN1 TIMESTAMP, COLUMN2 VARCHAR
 * (everything after the timestamp: host and message). The line has no year, so the year is 1970, as
 * SimpleDateFormat defaults it. A leading `<PRI>` is skipped. A line that does not start with a timestamp → NULL.
 */

const SYSLOG_LINE = /^(?:<\d{1,3}>)?([A-Za-z]{3} +\d{1,2} \d{2}:\d{2}:\d{2}) ?([\s\S]*)$/;
const SYSLOG_TIME = compileDatePattern('MMM d HH:mm:ss');

const FIELDS = [
  { name: 'COLUMN1', type: { name: 'TIMESTAMP', nullable: true } },
  { name: 'COLUMN2', type: { name: 'VARCHAR', precision: 1024, nullable: true } },
] as const;

export function sysLogParse(text: string): Record<string, unknown> | null {
  const m = SYSLOG_LINE.exec(text);
  if (!m) return null;
  const ts = parseDatePattern(SYSLOG_TIME, m[1]!.replace(/ +/, ' '));
  if (ts === undefined) return null;
  return { COLUMN1: ts, COLUMN2: m[2] };
}

export const SYS_LOG_PARSE: ScalarFunctionDef = {
  name: 'SYS_LOG_PARSE',
  minArgs: 1,
  maxArgs: 1,
  returnType(argTypes) {
    requireArgs('SYS_LOG_PARSE', argTypes, [isCharacter], 'SYS_LOG_PARSE(<CHARACTER>)');
    return rowType(FIELDS);
  },
  impl(text) {
    return text === null || text === undefined ? null : sysLogParse(text as string);
  },
};
