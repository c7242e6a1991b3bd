/**
 * Elementary functions that give the same bits on every JavaScript engine.
 *
 * `Math.log`, `Math.exp`, `Math.pow`, `Math.sin` ... are only required to be approximations
 * (ECMA-262 §21.3.2: "implementation-approximated"), and engines differ in the last bit: the
 * V8 of Node 20 (fdlibm ports) and the V8 of current Chromium and Deno disagree on about 1 in 12
 * `Math.log` results (test/browser shows it). Basic arithmetic and `Math.sqrt` are correctly
 * rounded everywhere, so a function written with them alone is reproducible across runtimes,
 * which ARCHITECTURE §5 requires of seeded Monte Carlo.
 *
 * Both functions return the same bits as `Math.log` / `Math.exp` in the V8 of Node 20 (checked
 * on 700,000 inputs each), so switching to them changes no result there. For a reproducible
 * power, use repeated squaring for integer exponents (λ^k), or `portableExp(y * portableLog(x))`
 * where a relative error of about |y ln x| · 2^-53 is acceptable.
 *
 * @module
 */

// Big-endian view of one double: word 0 is the high word, word 1 the low word, on any host.
const view = /* @__PURE__ */ new DataView(new ArrayBuffer(8));

const LN2_HI = 6.9314718036912381649e-1; // 0x3fe62e42 fee00000
const LN2_LO = 1.90821492927058770002e-10; // 0x3dea39ef 35793c76
const TWO54 = 1.8014398509481984e16; // 0x43500000 00000000
const LG1 = 6.66666666666673513e-1; // 0x3FE55555 55555593
const LG2 = 3.999999999940941908e-1; // 0x3FD99999 9997FA04
const LG3 = 2.857142874366239149e-1; // 0x3FD24924 94229359
const LG4 = 2.222219843214978396e-1; // 0x3FCC71C5 1D8E78AF
const LG5 = 1.818357216161805012e-1; // 0x3FC74664 96CB03DE
const LG6 = 1.531383769920937332e-1; // 0x3FC39A09 D078C69F
const LG7 = 1.479819860511658591e-1; // 0x3FC2F112 DF3E5244

/**
 * Natural logarithm, bit-for-bit the same on every engine: a line-by-line port of fdlibm's
 * `__ieee754_log` (Sun Microsystems, 1993; also FreeBSD msun `e_log.c`), error < 1 ulp. It
 * returns the same bits as `Math.log` in the V8 of Node 20, which uses the same algorithm.
 * log(±0) = −Infinity, log(x < 0) = NaN, log(Infinity) = Infinity, log(NaN) = NaN.
 *
 * @internal
 */
export function portableLog(input: number): number {
  let x = input;
  view.setFloat64(0, x);
  let hx = view.getInt32(0);
  const lx = view.getUint32(4);
  let k = 0;
  if (hx < 0x00100000) {
    // x < 2^-1022: zero, negative or subnormal.
    if (((hx & 0x7fffffff) | lx) === 0) return -Infinity;
    if (hx < 0) return Number.NaN;
    k -= 54;
    x *= TWO54; // scale a subnormal up
    view.setFloat64(0, x);
    hx = view.getInt32(0);
  }
  if (hx >= 0x7ff00000) return x + x; // Infinity or NaN
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  let i = (hx + 0x95f64) & 0x100000;
  view.setInt32(0, hx | (i ^ 0x3ff00000)); // normalise x or x/2 into [sqrt(2)/2, sqrt(2))
  x = view.getFloat64(0);
  k += i >> 20;
  const f = x - 1.0;
  if ((0x000fffff & (2 + hx)) < 3) {
    // -2^-20 <= f < 2^-20
    if (f === 0) {
      if (k === 0) return 0;
      return k * LN2_HI + k * LN2_LO;
    }
    const R = f * f * (0.5 - 0.33333333333333333 * f);
    if (k === 0) return f - R;
    return k * LN2_HI - (R - k * LN2_LO - f);
  }
  const s = f / (2.0 + f);
  const dk = k;
  const z = s * s;
  i = hx - 0x6147a;
  const w = z * z;
  const j = 0x6b851 - hx;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  i |= j;
  const R = t2 + t1;
  if (i > 0) {
    const hfsq = 0.5 * f * f;
    if (k === 0) return f - (hfsq - s * (hfsq + R));
    return dk * LN2_HI - (hfsq - (s * (hfsq + R) + dk * LN2_LO) - f);
  }
  if (k === 0) return f - s * (f - R);
  return dk * LN2_HI - (s * (f - R) - dk * LN2_LO - f);
}

const EXP_O_THRESHOLD = 7.09782712893383973096e2; // 0x40862E42 FEFA39EF
const EXP_U_THRESHOLD = -7.4513321910194110842e2; // 0xc0874910 D52D3051
const INV_LN2 = 1.442695040888963387; // 0x3ff71547 652b82fe
const TWO_M1000 = 9.3326361850321887899e-302; // 2^-1000
const TWO_1023 = 8.98846567431157953865e307; // 2^1023
const P1 = 1.66666666666666019037e-1; // 0x3FC55555 5555553E
const P2 = -2.77777777770155933842e-3; // 0xBF66C16C 16BEBD93
const P3 = 6.61375632143793436117e-5; // 0x3F11566A AF25DE2C
const P4 = -1.6533902205465251539e-6; // 0xBEBBBD41 C5D26BF1
const P5 = 4.13813679705723846039e-8; // 0x3E663769 72BEA4D0

/**
 * Exponential function, bit-for-bit the same on every engine: a port of fdlibm's
 * `__ieee754_exp` as in FreeBSD msun `e_exp.c` (and the V8 of Node 20), error < 1 ulp.
 * exp(−Infinity) = 0, exp(Infinity) = Infinity, exp(NaN) = NaN; overflow gives Infinity and
 * underflow 0.
 *
 * @internal
 */
export function portableExp(input: number): number {
  let x = input;
  view.setFloat64(0, x);
  let hx = view.getUint32(0);
  const xsb = (hx >>> 31) & 1; // sign bit of x
  hx &= 0x7fffffff; // high word of |x|
  // Non-finite and out-of-range arguments.
  if (hx >= 0x40862e42) {
    if (hx >= 0x7ff00000) {
      if (((hx & 0xfffff) | view.getUint32(4)) !== 0) return x + x; // NaN
      return xsb === 0 ? x : 0; // exp(±Infinity) = Infinity, 0
    }
    if (x > EXP_O_THRESHOLD) return Infinity;
    if (x < EXP_U_THRESHOLD) return 0;
  }
  // Argument reduction: x = k ln2 + r, |r| <= 0.5 ln2.
  let hi = 0;
  let lo = 0;
  let k = 0;
  if (hx > 0x3fd62e42) {
    // |x| > 0.5 ln2
    if (hx < 0x3ff0a2b2) {
      // and |x| < 1.5 ln2
      if (x === 1) return Math.E; // as V8 does: the reduction below gets e's last bit wrong
      hi = xsb === 0 ? x - LN2_HI : x + LN2_HI;
      lo = xsb === 0 ? LN2_LO : -LN2_LO;
      k = 1 - xsb - xsb;
    } else {
      k = Math.trunc(INV_LN2 * x + (xsb === 0 ? 0.5 : -0.5));
      const t = k;
      hi = x - t * LN2_HI; // t · LN2_HI is exact here
      lo = t * LN2_LO;
    }
    x = hi - lo;
  } else if (hx < 0x3e300000) {
    // |x| < 2^-28
    return 1 + x;
  } else {
    k = 0;
  }
  // x is now in the primary range.
  const t = x * x;
  if (k >= -1021) {
    view.setUint32(0, (0x3ff00000 + (k << 20)) >>> 0);
  } else {
    view.setUint32(0, (0x3ff00000 + ((k + 1000) << 20)) >>> 0);
  }
  view.setUint32(4, 0);
  const twopk = view.getFloat64(0); // 2^k (or 2^(k + 1000) when k < -1021)
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k === 0) return 1 - ((x * c) / (c - 2.0) - x);
  const y = 1 - (lo - (x * c) / (2.0 - c) - hi);
  if (k >= -1021) {
    if (k === 1024) return y * 2.0 * TWO_1023;
    return y * twopk;
  }
  return y * twopk * TWO_M1000;
}
