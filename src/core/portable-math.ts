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
 * `portableLog`, `portableExp`, `portableExpm1` and `portableLog1p` return the same bits as
 * `Math.log` / `exp` / `expm1` / `log1p` in the V8 of Node 20 (fdlibm ports; checked on 500,000+
 * inputs each), so switching to them changes no result there. For a reproducible power use
 * `portablePow` (portable-pow.ts, fdlibm's `pow`): Node 20's `Math.pow` is not fdlibm's (it differs
 * from fdlibm and from a correctly rounded pow in the last bit on a few % of inputs), so that
 * switch can move a result by about one ulp in Node.
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

const TINY = 1e-300;
const EXPM1_O_THRESHOLD = 7.09782712893383973096e2; // 0x40862E42 FEFA39EF
const Q1 = -3.33333333333331316428e-2; // 0xBFA11111 111110F4
const Q2 = 1.58730158725481460165e-3; // 0x3F5A01A0 19FE5585
const Q3 = -7.93650757867487942473e-5; // 0xBF14CE19 9EAADBB7
const Q4 = 4.00821782732936239552e-6; // 0x3ED0CFCA 86E65239
const Q5 = -2.01099218183624371326e-7; // 0xBE8AFDB7 6E09C32D

/** A double from its high and low 32-bit words. */
function fromWords(hi: number, lo: number): number {
  view.setUint32(0, hi >>> 0);
  view.setUint32(4, lo >>> 0);
  return view.getFloat64(0);
}

/**
 * e^x − 1, accurate for small |x|, bit-for-bit the same on every engine: fdlibm's `expm1`
 * (Sun Microsystems, 1993; FreeBSD msun `s_expm1.c`): reduce x = k ln2 + r, approximate
 * expm1(r) with a rational function of r² (coefficients Q1..Q5), then scale by 2^k with the
 * correction term kept apart. Error < 1 ulp. It returns the same bits as `Math.expm1` in the V8
 * of Node 20 (checked on 500,000 inputs). expm1(±0) = ±0, expm1(Infinity) = Infinity,
 * expm1(−Infinity) = −1, expm1(NaN) = NaN; overflow above ~709.78 gives Infinity.
 *
 * @internal
 */
export function portableExpm1(input: number): number {
  let x = input;
  view.setFloat64(0, x);
  let hx = view.getUint32(0);
  const xsb = hx >>> 31; // sign bit of x
  hx &= 0x7fffffff; // high word of |x|
  if (hx >= 0x4043687a) {
    // |x| >= 56 ln2
    if (hx >= 0x40862e42) {
      if (hx >= 0x7ff00000) {
        if (((hx & 0xfffff) | view.getUint32(4)) !== 0) return x + x; // NaN
        return xsb === 0 ? x : -1;
      }
      if (x > EXPM1_O_THRESHOLD) return Infinity;
    }
    if (xsb !== 0) return TINY - 1; // x < −56 ln2: −1 (rounded)
  }
  let k = 0;
  let c = 0;
  if (hx > 0x3fd62e42) {
    // |x| > 0.5 ln2
    let hi: number;
    let lo: number;
    if (hx < 0x3ff0a2b2) {
      // and |x| < 1.5 ln2
      hi = xsb === 0 ? x - LN2_HI : x + LN2_HI;
      lo = xsb === 0 ? LN2_LO : -LN2_LO;
      k = xsb === 0 ? 1 : -1;
    } else {
      k = Math.trunc(INV_LN2 * x + (xsb === 0 ? 0.5 : -0.5));
      hi = x - k * LN2_HI; // exact
      lo = k * LN2_LO;
    }
    x = hi - lo;
    c = hi - x - lo;
  } else if (hx < 0x3c900000) {
    return x; // |x| < 2^-54
  }
  // x is now in the primary range.
  const hfx = 0.5 * x;
  const hxs = x * hfx;
  const r1 = 1 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
  let t = 3.0 - r1 * hfx;
  let e = hxs * ((r1 - t) / (6.0 - x * t));
  if (k === 0) return x - (x * e - hxs);
  const twopk = fromWords(0x3ff00000 + k * 0x100000, 0); // 2^k (k <= 1024; 1024 handled below)
  e = x * (e - c) - c;
  e -= hxs;
  if (k === -1) return 0.5 * (x - e) - 0.5;
  if (k === 1) {
    if (x < -0.25) return -2.0 * (e - (x + 0.5));
    return 1 + 2.0 * (x - e);
  }
  if (k <= -2 || k > 56) {
    // exp(x) − 1 is exp(x) to working precision
    let y = 1 - (e - x);
    y = k === 1024 ? y * 2.0 * TWO_1023 : y * twopk;
    return y - 1;
  }
  let y: number;
  if (k < 20) {
    t = fromWords(0x3ff00000 - (0x200000 >> k), 0); // 1 − 2^-k
    y = t - (e - x);
  } else {
    t = fromWords((0x3ff - k) << 20, 0); // 2^-k
    y = x - (e + t);
    y += 1;
  }
  return y * twopk;
}

/**
 * ln(1 + x), accurate for small |x|, bit-for-bit the same on every engine: fdlibm's `log1p`
 * (Sun Microsystems, 1993; FreeBSD msun `s_log1p.c`): 1 + x = 2^k (1 + f) with a correction
 * term c for the rounding of 1 + x, then log(1 + f) = f − s(f − R) with s = f / (2 + f) and the
 * same polynomial as `log`. Error < 1 ulp. It returns the same bits as `Math.log1p` in the V8 of
 * Node 20 (checked on 500,000 inputs). log1p(−1) = −Infinity, log1p(x < −1) = NaN,
 * log1p(±0) = ±0, log1p(Infinity) = Infinity, log1p(NaN) = NaN.
 *
 * @internal
 */
export function portableLog1p(x: number): number {
  view.setFloat64(0, x);
  const hx = view.getInt32(0);
  const ax = hx & 0x7fffffff;
  let k = 1;
  let f = 0;
  let hu = 0;
  let c = 0;
  if (hx < 0x3fda827a) {
    // 1 + x < sqrt(2)+
    if (ax >= 0x3ff00000) {
      // x <= −1
      if (x === -1) return -Infinity;
      return Number.NaN;
    }
    if (ax < 0x3e200000) {
      // |x| < 2^-29
      if (ax < 0x3c900000) return x; // |x| < 2^-54
      return x - x * x * 0.5;
    }
    if (hx > 0 || hx <= (0xbfd2bec4 | 0)) {
      // sqrt(2)/2- <= 1 + x < sqrt(2)+
      k = 0;
      f = x;
      hu = 1;
    }
  }
  if (hx >= 0x7ff00000) return x + x; // Infinity or NaN
  if (k !== 0) {
    let u: number;
    if (hx < 0x43400000) {
      u = 1.0 + x;
      view.setFloat64(0, u);
      hu = view.getInt32(0);
      k = (hu >> 20) - 1023;
      c = k > 0 ? 1.0 - (u - x) : x - (u - 1.0); // correction term
      c /= u;
    } else {
      u = x;
      view.setFloat64(0, u);
      hu = view.getInt32(0);
      k = (hu >> 20) - 1023;
      c = 0;
    }
    hu &= 0x000fffff;
    const lo = view.getUint32(4); // low word of u
    if (hu < 0x6a09e) {
      u = fromWords(hu | 0x3ff00000, lo); // normalise u
    } else {
      k += 1;
      u = fromWords(hu | 0x3fe00000, lo); // normalise u / 2
      hu = (0x00100000 - hu) >> 2;
    }
    f = u - 1.0;
  }
  const hfsq = 0.5 * f * f;
  if (hu === 0) {
    // |f| < 2^-20
    if (f === 0) {
      if (k === 0) return 0;
      c += k * LN2_LO;
      return k * LN2_HI + c;
    }
    const R = hfsq * (1.0 - 0.66666666666666666 * f);
    if (k === 0) return f - R;
    return k * LN2_HI - (R - (k * LN2_LO + c) - f);
  }
  const s = f / (2.0 + f);
  const z = s * s;
  const R = z * (LG1 + z * (LG2 + z * (LG3 + z * (LG4 + z * (LG5 + z * (LG6 + z * LG7))))));
  if (k === 0) return f - (hfsq - s * (hfsq + R));
  return k * LN2_HI - (hfsq - (s * (hfsq + R) + (k * LN2_LO + c)) - f);
}
