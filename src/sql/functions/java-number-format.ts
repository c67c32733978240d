/**
 * Numbers printed as KDA's Java runtime prints them: `Double.toString` / `Float.toString`.
 * Java uses plain notation for 1e-3 <= |x| < 1e7 (always with a fractional digit: `1.0`), and
 * "computerized scientific notation" otherwise (`1.0E10`, `1.234E-5`). The digits are the shortest that
 * round-trip, which is also what JavaScript produces, so only the layout needs translating.
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

/** Java `Double.toString(x)`. */
export function javaDoubleToString(x: number): string {
  const sp = special(x);
  if (sp !== undefined) return sp;
  const abs = Math.abs(x);
  const [digits, exp] = digitsAndExponent(abs);
  return layout(x < 0, digits, exp, abs);
}

/** Java `Float.toString(x)` for a REAL value: the shortest digits that round-trip through float32. */
export function javaFloatToString(x: number): string {
  const f = Math.fround(x);
  const sp = special(f);
  if (sp !== undefined) return sp;
  const abs = Math.abs(f);
  for (let p = 1; p <= 9; p++) {
    const [digits, exp] = digitsAndExponent(abs, p);
    if (Math.fround(Number(`${digits[0]}.${digits.slice(1) || '0'}e${exp}`)) === abs) return layout(f < 0, digits, exp, abs);
  }
  return javaDoubleToString(f);
}
