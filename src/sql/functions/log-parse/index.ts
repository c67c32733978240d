import type { ScalarFunctionDef } from '../definition.js';
import { FAST_REGEX_LOG_PARSE, FAST_REGEX_LOG_PARSER } from './fast-regex-log-parse.js';
import { FIXED_COLUMN_LOG_PARSE } from './fixed-column-log-parse.js';
import { REGEX_LOG_PARSE } from './regex-log-parse.js';
import { SYS_LOG_PARSE } from './sys-log-parse.js';
import { VARIABLE_COLUMN_LOG_PARSE } from './variable-column-log-parse.js';
import { W3C_LOG_PARSE } from './w3c-log-parse.js';

/** The six log-parsing functions of the KDA SR; each returns a ROW (plain object) or NULL. */
export const logParseFunctions: ScalarFunctionDef[] = [
  FAST_REGEX_LOG_PARSE,
  FAST_REGEX_LOG_PARSER,
  FIXED_COLUMN_LOG_PARSE,
  REGEX_LOG_PARSE,
  SYS_LOG_PARSE,
  VARIABLE_COLUMN_LOG_PARSE,
  W3C_LOG_PARSE,
];
