import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scalarFunctions } from '../../../src/sql/functions/index.js';
import type { SqlType } from '../../../src/sql/types.js';

const ANY: SqlType = { name: 'ANY', nullable: true };

test('every documented scalar function is registered under its upper-case name', () => {
  const expected = [
    'CHAR_LENGTH', 'CHARACTER_LENGTH', 'INITCAP', 'LOWER', 'UPPER', 'OVERLAY', 'POSITION', 'REGEX_REPLACE', 'SUBSTRING', 'TRIM',
    'ABS', 'CEIL', 'CEILING', 'EXP', 'FLOOR', 'LN', 'LOG10', 'MOD', 'POWER', 'STEP',
    'CURRENT_DATE', 'CURRENT_TIME', 'CURRENT_TIMESTAMP', 'LOCALTIME', 'LOCALTIMESTAMP', 'CURRENT_ROW_TIMESTAMP', 'EXTRACT', 'TSDIFF',
    'CHAR_TO_DATE', 'CHAR_TO_TIME', 'CHAR_TO_TIMESTAMP', 'DATE_TO_CHAR', 'TIME_TO_CHAR', 'TIMESTAMP_TO_CHAR', 'TO_TIMESTAMP', 'UNIX_TIMESTAMP',
    'COALESCE', 'NULLIF',
    'FAST_REGEX_LOG_PARSE', 'FIXED_COLUMN_LOG_PARSE', 'REGEX_LOG_PARSE', 'SYS_LOG_PARSE', 'VARIABLE_COLUMN_LOG_PARSE', 'W3C_LOG_PARSE',
  ];
  for (const name of expected) assert.ok(scalarFunctions.has(name), name);
  for (const [name, def] of scalarFunctions) {
    assert.equal(def.name, name);
    assert.equal(name, name.toUpperCase());
    assert.ok(def.minArgs <= def.maxArgs, name);
  }
});

test('untyped (NULL or parameter) arguments are accepted by every returnType', () => {
  for (const [name, def] of scalarFunctions) {
    const n = def.minArgs;
    assert.doesNotThrow(() => def.returnType(Array.from({ length: n }, () => ANY)), name);
  }
});

test('NULL arguments give NULL', () => {
  for (const [name, def] of scalarFunctions) {
    if (def.clock) continue;
    const args = Array.from({ length: def.minArgs }, () => null);
    assert.equal(def.impl(...args), null, name);
  }
});
