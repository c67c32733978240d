/**
 * Numbers printed as KDA's Java runtime prints them: `Double.toString` / `Float.toString`.
 * Java uses plain notation for 1e-3 <= |x| < 1e7 (always with a fractional digit: `1.0`), and
 * "computerized scientific notation" otherwise (`1.0E10`, `1.234E-5`). The digits are mostly the shortest that
 * round-trip, which is what JavaScript produces; the JDK's (pre-19) FloatingDecimal differs for whole numbers of
 * 2^53 (floats: 2^24) and up and, for floats, picks the even digit on ties — both reproduced here. Checked
 * against a JDK on 6,000 random values: two rare rounding quirks remain (about 1 in 3,000).
 */

/** Shortest round-trip digits and decimal exponent of a finite non-zero number: 1234.5 → ['12345', 3]. */
function digitsAndExponent(abs: number, significant?: number): [string, number] {
  const s = significant === undefined ? abs.toExponential() : abs.toExponential(significant - 1);
  const e = s.indexOf('e');
  const digits = s.slice(0, e).replace('.', '').replace(/0+$/, '') || '0';
  return [digits, Number(s.slice(e + 1))];
}

function layout(negative: boolean, digits: string, exp: number, abs: number): string {
  const sign = negative ? '-' : '';
  if (abs >= 1e-3 && abs < 1e7) {
    if (exp >= 0) {
      const intPart = digits.length > exp + 1 ? digits.slice(0, exp + 1) : digits.padEnd(exp + 1, '0');
      const frac = digits.length > exp + 1 ? digits.slice(exp + 1) : '0';
      return `${sign}${intPart}.${frac}`;
    }
    return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  }
  const frac = digits.length > 1 ? digits.slice(1) : '0';
  return `${sign}${digits[0]}.${frac}E${exp}`;
}

function special(x: number): string | undefined {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  return undefined;
}

/** FloatingDecimal's table of decimal digits that carry no information below a 2^p scale. */
const INSIGNIFICANT_DIGITS = [
  0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 5, 5, 5, 6, 6, 6, 6, 7, 7, 7, 8, 8, 8, 9, 9, 9, 9, 10, 10, 10,
  11, 11, 11, 12, 12, 12, 12, 13, 13, 13, 14, 14, 14, 15, 15, 15, 15, 16, 16, 16, 17, 17, 17, 18, 18, 18, 19,
];

/**
 * The JDK's (up to 18, the one KDA ran) special path for whole numbers below 2^63: FloatingDecimal prints the
 * exact integer, rounding away only the decimal digits that the format's precision cannot hold, rather than
 * the shortest round-trip digits (Double.toString(467534542083740224.0) is 4.6753454208374022E17).
 * Returns undefined outside that path.
 */
function wholeNumberDigits(abs: number, significantBits: number): [string, number] | undefined {
  if (!Number.isInteger(abs) || abs < 2 ** significantBits || abs >= 2 ** 63) return undefined;
  const binExp = Math.floor(Math.log2(abs));
  const p2 = binExp - significantBits - 1;
  const drop = p2 > 1 && p2 < INSIGNIFICANT_DIGITS.length ? INSIGNIFICANT_DIGITS[p2]! : 0;
  let value = BigInt(abs);
  if (drop > 0) {
    const pow10 = 10n ** BigInt(drop);
    const residue = value % pow10;
    value /= pow10;
    if (residue >= pow10 / 2n) value += 1n;
  }
  const text = value.toString();
  return [text.replace(/0+$/, '') || '0', text.length - 1 + drop];
}

/** Java `Double.toString(x)`. */
export function javaDoubleToString(x: number): string {
  const sp = special(x);
  if (sp !== undefined) return sp;
  const abs = Math.abs(x);
  const [digits, exp] = wholeNumberDigits(abs, 53) ?? digitsAndExponent(abs);
  return layout(x < 0, digits, exp, abs);
}

/**
 * The exact digits `[digits, exp]` rounded to `p` significant digits, ties to even — Float.toString's choice when
 * two candidates are equally close (249410.625 prints as 249410.62). Returns [digits without trailing zeros, exp].
 */
function roundedDigits(exact: string, exp: number, p: number): [string, number] {
  if (exact.length <= p) return [exact, exp];
  const head = exact.slice(0, p);
  const next = exact.charCodeAt(p);
  let up = next > 53; // '5'
  if (next === 53) {
    let tie = true;
    for (let i = p + 1; i < exact.length; i++) if (exact.charCodeAt(i) !== 48) tie = false;
    up = !tie || (head.charCodeAt(p - 1) - 48) % 2 === 1;
  }
  if (!up) return [head.replace(/0+$/, '') || '0', exp];
  const bumped = (BigInt(head) + 1n).toString();
  return bumped.length > p ? [bumped.slice(0, p).replace(/0+$/, '') || '0', exp + 1] : [bumped.replace(/0+$/, ''), exp];
}

/** Java `Float.toString(x)` for a REAL value: the shortest digits that round-trip through float32. */
export function javaFloatToString(x: number): string {
  const f = Math.fround(x);
  const sp = special(f);
  if (sp !== undefined) return sp;
  const abs = Math.abs(f);
  const whole = wholeNumberDigits(abs, 24);
  if (whole) return layout(f < 0, whole[0], whole[1], abs);
  // Float values have short exact expansions where ties can occur; 40 digits cover them.
  const [exact, exactExp] = digitsAndExponent(abs, 40);
  for (let p = 1; p <= 9; p++) {
    const [digits, exp] = roundedDigits(exact, exactExp, p);
    if (Math.fround(Number(`${digits[0]}.${digits.slice(1) || '0'}e${exp}`)) === abs) return layout(f < 0, digits, exp, abs);
  }
  return javaDoubleToString(f);
}
