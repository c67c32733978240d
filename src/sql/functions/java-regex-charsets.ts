import { SqlRuntimeError } from '../errors.js';

/** Character sets and escaping shared by the Java regex translator: Java's named classes as RegExp class bodies. */

export function invalid(pattern: string, why: string): SqlRuntimeError {
  return new SqlRuntimeError('Invalid regular expression', `Invalid regular expression '${pattern}': ${why}`);
}

const JS_SYNTAX = '\\^$.*+?()[]{}|/';
export function literal(c: string): string {
  return JS_SYNTAX.includes(c) ? '\\' + c : c === '-' ? '-' : c;
}
export function classLiteral(c: string): string {
  return '\\^-[]'.includes(c) ? '\\' + c : c;
}

export const JAVA_SPACE = ' \\t\\n\\x0B\\f\\r';
export const HSPACE = ' \\t\\xA0\\u1680\\u180E\\u2000-\\u200A\\u202F\\u205F\\u3000';
export const VSPACE = '\\n\\x0B\\f\\r\\x85\\u2028\\u2029';

/** Class bodies of Java's POSIX (US-ASCII) and java.lang.Character property names. */
const NAMED_CLASSES: Readonly<Record<string, string>> = {
  Lower: 'a-z',
  Upper: 'A-Z',
  ASCII: '\\x00-\\x7F',
  Alpha: 'a-zA-Z',
  Digit: '0-9',
  Alnum: 'a-zA-Z0-9',
  Punct: '!-\\/:-@\\[-`{-~',
  Graph: '!-~',
  Print: '\\x20-\\x7E',
  Blank: ' \\t',
  Cntrl: '\\x00-\\x1F\\x7F',
  XDigit: '0-9a-fA-F',
  Space: JAVA_SPACE,
  javaLowerCase: '\\p{Lowercase}',
  javaUpperCase: '\\p{Uppercase}',
  javaWhitespace: ' \\t\\n\\x0B\\f\\r\\x1C-\\x1F\\u1680\\u2000-\\u2006\\u2008-\\u200A\\u2028\\u2029\\u205F\\u3000',
  javaMirrored: '\\p{Bidi_M}',
  javaLetter: '\\p{L}',
  javaDigit: '\\p{Nd}',
  javaLetterOrDigit: '\\p{L}\\p{Nd}',
  javaAlphabetic: '\\p{Alphabetic}',
  javaIdeographic: '\\p{Ideographic}',
  javaTitleCase: '\\p{Lt}',
  javaSpaceChar: '\\p{Zs}\\p{Zl}\\p{Zp}',
  javaISOControl: '\\x00-\\x1F\\x7F-\\x9F',
};

const BINARY_PROPERTIES: Readonly<Record<string, string>> = {
  ALPHABETIC: 'Alphabetic',
  IDEOGRAPHIC: 'Ideographic',
  LETTER: 'L',
  LOWERCASE: 'Lowercase',
  UPPERCASE: 'Uppercase',
  TITLECASE: 'Lt',
  PUNCTUATION: 'P',
  CONTROL: 'Cc',
  WHITE_SPACE: 'White_Space',
  WHITESPACE: 'White_Space',
  DIGIT: 'Nd',
  HEX_DIGIT: 'Hex_Digit',
  JOIN_CONTROL: 'Join_Control',
  NONCHARACTER_CODE_POINT: 'Noncharacter_Code_Point',
  ASSIGNED: 'Assigned',
};

/** The class body for a `\p{name}` property (for use inside `[...]`). */
export function propertyBody(pattern: string, name: string): string {
  const named = NAMED_CLASSES[name];
  if (named !== undefined) return named;
  let m: RegExpExecArray | null;
  if ((m = /^(?:Is|gc=|general_category=)?(L[ultmo]?|M[nce]?|N[dlo]?|P[cdseifo]?|S[mcko]?|Z[slp]?|C[cfson]?|LC|L&)$/.exec(name))) {
    return `\\p{${m[1] === 'L&' ? 'LC' : m[1]}}`;
  }
  if ((m = /^Is(\w+)$/.exec(name)) && BINARY_PROPERTIES[m[1]!.toUpperCase()]) return `\\p{${BINARY_PROPERTIES[m[1]!.toUpperCase()]}}`;
  if ((m = /^(?:Is|script=|sc=)(\w+)$/i.exec(name))) {
    const script = m[1]!.charAt(0).toUpperCase() + m[1]!.slice(1).toLowerCase();
    try {
      new RegExp(`\\p{Script=${script}}`, 'u');
      return `\\p{Script=${script}}`;
    } catch {
      /* fall through */
    }
  }
  throw invalid(pattern, `the property \\p{${name}} cannot be translated`);
}
