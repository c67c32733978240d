/** SQL type names as written in CREATE STREAM, CAST and the InputSchema's SqlType strings (`VARCHAR(8)`, `DECIMAL(10,2)`). */
import type { SqlType, SqlTypeName } from '../types.js';
import { tokenize } from './lexer.js';
import { TokenCursor } from './token-cursor.js';
import { SqlCompileError } from '../errors.js';

const SIMPLE: Record<string, SqlTypeName> = {
  BOOLEAN: 'BOOLEAN',
  TINYINT: 'TINYINT',
  SMALLINT: 'SMALLINT',
  INTEGER: 'INTEGER',
  INT: 'INTEGER',
  BIGINT: 'BIGINT',
  REAL: 'REAL',
  DOUBLE: 'DOUBLE',
  FLOAT: 'DOUBLE',
  DATE: 'DATE',
  TIME: 'TIME',
  TIMESTAMP: 'TIMESTAMP',
  DECIMAL: 'DECIMAL',
  DEC: 'DECIMAL',
  NUMERIC: 'DECIMAL',
  CHAR: 'CHAR',
  CHARACTER: 'CHAR',
  VARCHAR: 'VARCHAR',
  BINARY: 'BINARY',
  VARBINARY: 'VARBINARY',
};

/** Parses a type at the cursor; `NOT NULL` after it is left for the caller. */
export function parseType(c: TokenCursor): SqlType {
  const start = c.peek();
  if (start.type !== 'word' || !(start.value in SIMPLE)) throw c.error(`Encountered ${start.type === 'eof' ? 'end of input' : `"${start.value}"`}, expected a data type`);
  c.next();
  let name = SIMPLE[start.value]!;
  if (start.value === 'DOUBLE') c.accept('PRECISION');
  if ((name === 'CHAR' && c.accept('VARYING')) || (name === 'BINARY' && c.accept('VARYING'))) {
    name = name === 'CHAR' ? 'VARCHAR' : 'VARBINARY';
  }
  let precision: number | undefined;
  let scale: number | undefined;
  if (c.accept('(')) {
    precision = integer(c);
    if (c.accept(',')) scale = integer(c);
    c.expect(')');
  }
  if (name === 'TIMESTAMP' || name === 'TIME') {
    if (c.acceptAll('WITHOUT', 'TIME', 'ZONE')) {
      /* the only kind there is */
    }
  }
  if (name === 'CHAR' || name === 'BINARY') precision ??= 1;
  if ((name === 'VARCHAR' || name === 'VARBINARY') && precision === undefined) precision = 65535;
  if ((name === 'CHAR' || name === 'VARCHAR') && (precision! < 1 || precision! > 65535)) {
    throw new SqlCompileError(`Length ${precision} is out of range for ${name}`, start.pos);
  }
  if (name === 'DECIMAL') {
    precision ??= 19;
    scale ??= 0;
    if (precision < 1 || precision > 19 || scale < 0 || scale > precision) {
      throw new SqlCompileError(`DECIMAL(${precision}, ${scale}) is out of range: precision 1..19, scale 0..precision`, start.pos);
    }
  }
  const t: { name: SqlTypeName; nullable: boolean; precision?: number; scale?: number } = { name, nullable: true };
  if (precision !== undefined && name !== 'TIMESTAMP' && name !== 'TIME') t.precision = precision;
  if (scale !== undefined) t.scale = scale;
  return Object.freeze(t);
}

function integer(c: TokenCursor): number {
  const t = c.peek();
  if (t.type !== 'number' || !/^\d+$/.test(t.value)) throw c.error(`Encountered "${t.value}", expected an unsigned integer`);
  c.next();
  return Number(t.value);
}

/** An InputSchema `SqlType` string → SqlType; throws SqlCompileError naming the string when it is not a type. */
export function parseTypeText(text: string): SqlType {
  const c = new TokenCursor(tokenize(text));
  const t = parseType(c);
  if (c.peek().type !== 'eof') throw new SqlCompileError(`Invalid SQL type '${text}'`);
  return t;
}
