import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SqlRuntimeError } from '../../../src/sql/errors.js';
import { compileJavaRegex, javaGroup } from '../../../src/sql/functions/java-regex.js';

/** Java `Matcher.matches()` groups, or null when the whole string does not match. */
function matches(pattern: string, text: string): Array<string | null> | null {
  const re = compileJavaRegex(pattern);
  re.whole.lastIndex = 0;
  const m = re.whole.exec(text);
  if (!m) return null;
  return Array.from({ length: re.groupCount + 1 }, (_, i) => javaGroup(re, m, i));
}

test('possessive quantifiers never give back what they took', () => {
  assert.equal(matches('a*+a', 'aaaa'), null);
  assert.deepEqual(matches('a*a', 'aaaa'), ['aaaa']);
  assert.equal(matches('"[^"]*+"x', '"abc"'), null);
  assert.deepEqual(matches('(\\d++)(\\w)', '123a'), ['123a', '123', 'a']);
  assert.equal(matches('\\d{2,3}+3', '123'), null);
  assert.deepEqual(matches('x?+y', 'xy'), ['xy']);
});

test('atomic groups and group numbering around the helper groups', () => {
  assert.equal(matches('(?>a|ab)c', 'abc'), null);
  assert.deepEqual(matches('(?>ab|a)c', 'abc'), ['abc']);
  assert.deepEqual(matches('(a)(?>(b)+)(c)', 'abbc'), ['abbc', 'a', 'b', 'c']);
  assert.deepEqual(matches('(a+)+b\\1', 'aaba'), ['aaba', 'a']);
  assert.deepEqual(matches('(a)(b)\\2\\1', 'abba'), ['abba', 'a', 'b']);
});

test('embedded flags, comments mode and \\Q…\\E quoting', () => {
  assert.deepEqual(matches('(?i)abc', 'ABC'), ['ABC']);
  assert.deepEqual(matches('(?i:ab)c', 'ABc'), ['ABc']);
  // Scoped flags hold to the end of their group, as in Java (results checked against a JDK).
  assert.equal(matches('(?i:ab)c', 'ABC'), null);
  assert.deepEqual(matches('a(?i)bc', 'aBC'), ['aBC']);
  assert.equal(matches('a(?i)bc', 'ABC'), null);
  assert.deepEqual(matches('(a(?i)b)c', 'aBc'), ['aBc', 'aB']);
  assert.equal(matches('(a(?i)b)c', 'aBC'), null);
  assert.deepEqual(matches('x(?i:[a-c]+)y', 'xAbCy'), ['xAbCy']);
  assert.equal(matches('(?i:[^a])', 'A'), null);
  assert.deepEqual(matches('a(?s:.)b', 'a\nb'), ['a\nb']);
  assert.equal(matches('(?s)a(?-s).b', 'a\nb'), null);
  assert.deepEqual(matches('(?m)a$\n^b', 'a\nb'), ['a\nb']);
  assert.deepEqual(matches('(?s)a.b', 'a\nb'), ['a\nb']);
  assert.equal(matches('a.b', 'a\nb'), null);
  assert.deepEqual(matches('(?x) a b # comment\n c', 'abc'), ['abc']);
  assert.deepEqual(matches('\\Q1+1=2\\E!', '1+1=2!'), ['1+1=2!']);
  assert.deepEqual(matches('[\\Q]-\\E]+', ']-]'), [']-]']);
  assert.deepEqual(matches('\\Qab\\E+', 'abbb'), ['abbb'], 'a quantifier after \\E applies to the last quoted character');
});

test('POSIX and Unicode classes, Java \\s, \\h, \\R, octal and \\x{…}', () => {
  assert.deepEqual(matches('\\p{Alpha}+\\p{Digit}\\p{Punct}', 'abc1!'), ['abc1!']);
  assert.equal(matches('\\p{Alpha}', 'é'), null, 'POSIX classes are US-ASCII in Java');
  assert.deepEqual(matches('\\p{L}+', 'été'), ['été']);
  assert.deepEqual(matches('\\p{IsLatin}+', 'abc'), ['abc']);
  assert.deepEqual(matches('\\p{Lu}\\P{Lu}', 'Ab'), ['Ab']);
  assert.deepEqual(matches('[\\p{Upper}\\d]+', 'AB12'), ['AB12']);
  assert.deepEqual(matches('\\pL+', 'abc'), ['abc']);
  assert.equal(matches('\\s', '\u00a0'), null, 'Java \\s is ASCII whitespace only');
  assert.deepEqual(matches('\\h', '\u00a0'), ['\u00a0']);
  assert.deepEqual(matches('a\\Rb', 'a\r\nb'), ['a\r\nb']);
  assert.deepEqual(matches('\\0101\\x{42}\\u0043', 'ABC'), ['ABC']);
  assert.deepEqual(matches('[^\\p{Alpha}]+', '123'), ['123']);
});

test('class unions and intersections', () => {
  assert.deepEqual(matches('[a-d[m-p]]+', 'abmp'), ['abmp']);
  assert.equal(matches('[a-d[m-p]]', 'e'), null);
  assert.deepEqual(matches('[a-z&&[^aeiou]]+', 'bcd'), ['bcd']);
  assert.equal(matches('[a-z&&[^aeiou]]', 'a'), null);
  assert.deepEqual(matches('[a-z&&[def]]', 'e'), ['e']);
});

test('anchors: \\A, \\z, \\Z and Java $ before a final line terminator', () => {
  const find = (p: string, s: string) => {
    const re = compileJavaRegex(p).find;
    re.lastIndex = 0;
    return re.exec(s)?.[0] ?? null;
  };
  assert.equal(find('\\Aab', 'abab'), 'ab');
  assert.equal(find('b\\z', 'ab\n'), null);
  assert.equal(find('b\\Z', 'ab\n'), 'b');
  assert.equal(find('b$', 'ab\n'), 'b');
  assert.equal(find('(?m)^b$', 'a\nb\nc'), 'b');
});

test('named groups and group counts', () => {
  const re = compileJavaRegex('(?<year>\\d{4})-(?<month>\\d\\d)-(\\d\\d)');
  assert.equal(re.groupCount, 3);
  assert.equal(re.groupNames.get('month'), 2);
  assert.deepEqual(matches('(?<year>\\d{4})-(?<month>\\d\\d)-(\\d\\d)', '2009-09-16'), ['2009-09-16', '2009', '09', '16']);
  assert.deepEqual(matches('(?<x>a)\\k<x>', 'aa'), ['aa', 'a']);
});

test('what cannot be translated is a clear row error', () => {
  for (const p of ['\\Gabc', '\\X', '\\p{InGreek}', '(abc', 'abc)', '[abc', '*a', 'a(*b)', 'a|*b', '\\y']) {
    assert.throws(() => compileJavaRegex(p), (e: unknown) => e instanceof SqlRuntimeError && e.errorName === 'Invalid regular expression', p);
  }
});

test('compiled patterns are cached by pattern string', () => {
  assert.equal(compileJavaRegex('x(y)z'), compileJavaRegex('x(y)z'));
});
