/**
 * java.lang.StrictMath.exp (fdlibm's e_exp.c), which KDA's EXP returns: the SR shows EXP(1) = 2.7182818284590455,
 * one ulp away from JavaScript's Math.exp(1). A direct port, word manipulation through a shared buffer.
 */

const buffer = new ArrayBuffer(8);
const f64 = new Float64Array(buffer);
const u32 = new Uint32Array(buffer);
// Little-endian machines keep the high word second.
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const LO = 1 - HI;

function highWord(x: number): number {
  f64[0] = x;
  return u32[HI]! | 0;
}
function lowWord(x: number): number {
  f64[0] = x;
  return u32[LO]! | 0;
}
function addToHighWord(x: number, delta: number): number {
  f64[0] = x;
  u32[HI] = (u32[HI]! + delta) >>> 0;
  return f64[0]!;
}

const HUGE = 1.0e300;
const TWO_M1000 = 9.33263618503218878990e-302;
const O_THRESHOLD = 7.09782712893383973096e2;
const U_THRESHOLD = -7.45133219101941108420e2;
const LN2_HI = [6.93147180369123816490e-1, -6.93147180369123816490e-1];
const LN2_LO = [1.90821492927058770002e-10, -1.90821492927058770002e-10];
const HALF = [0.5, -0.5];
const INV_LN2 = 1.44269504088896338700e0;
const P1 = 1.66666666666666019037e-1;
const P2 = -2.77777777770155933842e-3;
const P3 = 6.61375632143793436117e-5;
const P4 = -1.65339022054652515390e-6;
const P5 = 4.13813679705723846039e-8;

export function strictExp(input: number): number {
  let x = input;
  let hx = highWord(x);
  const xsb = (hx >>> 31) & 1;
  hx &= 0x7fffffff;
  let hi = 0;
  let lo = 0;
  let k = 0;

  // Non-finite and out-of-range arguments.
  if (hx >= 0x40862e42) {
    if (hx >= 0x7ff00000) {
      if (((hx & 0xfffff) | lowWord(x)) !== 0) return x + x;
      return xsb === 0 ? x : 0.0;
    }
    if (x > O_THRESHOLD) return HUGE * HUGE;
    if (x < U_THRESHOLD) return TWO_M1000 * TWO_M1000;
  }

  // Argument reduction: x = k*ln2 + r, |r| <= 0.5*ln2.
  if (hx > 0x3fd62e42) {
    if (hx < 0x3ff0a2b2) {
      hi = x - LN2_HI[xsb]!;
      lo = LN2_LO[xsb]!;
      k = 1 - xsb - xsb;
    } else {
      k = Math.trunc(INV_LN2 * x + HALF[xsb]!);
      const t = k;
      hi = x - t * LN2_HI[0]!;
      lo = t * LN2_LO[0]!;
    }
    x = hi - lo;
  } else if (hx < 0x3e300000) {
    if (HUGE + x > 1.0) return 1.0 + x;
  } else k = 0;

  const t = x * x;
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k === 0) return 1.0 - ((x * c) / (c - 2.0) - x);
  const y = 1.0 - (lo - (x * c) / (2.0 - c) - hi);
  if (k >= -1021) return addToHighWord(y, k << 20);
  return addToHighWord(y, (k + 1000) << 20) * TWO_M1000;
}
