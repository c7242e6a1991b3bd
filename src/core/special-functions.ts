/**
 * Special-function kernels behind the distribution functions: the log-gamma function (Stirling
 * series with shift, x ≥ 15, seven Bernoulli terms), the log-beta function without cancellation
 * for large arguments (the Stirling-remainder form of DiDonato & Morris, TOMS 708), the
 * regularized incomplete gamma function (power series for x < a + 1, Legendre's continued
 * fraction otherwise; Numerical Recipes §6.2, modified Lentz) and the regularized incomplete beta
 * function (continued fraction, NR §6.4, on the side where it converges fast). Accuracy is
 * described in `distributions.ts`. Logarithms and exponentials are core's portable ones, so the
 * results are the same bits in every engine.
 *
 * @internal
 * @module
 */
import { ConvergenceError } from './errors.ts';
import { portableExp, portableLog, portableLog1p } from './portable-math.ts';

const LN_SQRT_2PI = 0.9189385332046727417803297364056176; // ln √(2π)
const LN_SQRT_PI = 0.5723649429247000870717136756012478; // ln Γ(1/2)
const EPS = 1e-16;
const TINY = 1e-300;
/** A continued fraction whose last factor is this close to 1 after its step cap is accepted. */
const CF_LOOSE = 1e-10;

/** Stirling remainder δ(x) = ln Γ(x) − [(x − ½) ln x − x + ln √(2π)] for x ≥ 15. */
function stirlingRemainder(x: number): number {
  const r = 1 / x;
  const r2 = r * r;
  return r * (1 / 12 + r2 * (-1 / 360 + r2 * (1 / 1260 + r2 * (-1 / 1680 + r2 * (1 / 1188 + r2 * (-691 / 360360 + r2 * (1 / 156)))))));
}

/** δ(x) for any x > 0 (shifted up to 15 when needed). */
function stirlingDelta(x: number): number {
  if (x >= 15) return stirlingRemainder(x);
  return logGammaKernel(x) - ((x - 0.5) * portableLog(x) - x + LN_SQRT_2PI);
}

/** Kernel: ln Γ(x) for x > 0. @internal */
export function logGammaKernel(x: number): number {
  if (x === 0.5) return LN_SQRT_PI;
  if (x === 1 || x === 2) return 0;
  if (x >= 15) return (x - 0.5) * portableLog(x) - x + LN_SQRT_2PI + stirlingRemainder(x);
  // Shift up: Γ(x) = Γ(x + k) / (x (x + 1) ... (x + k − 1)).
  let prod = 1;
  let y = x;
  while (y < 15) {
    prod *= y;
    y += 1;
  }
  return (y - 0.5) * portableLog(y) - y + LN_SQRT_2PI + stirlingRemainder(y) - portableLog(prod);
}

/**
 * Kernel: ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), without the cancellation of that formula
 * when a or b is large (TOMS 708's approach through the Stirling remainders).
 * @internal
 */
export function logBetaKernel(a: number, b: number): number {
  const p = Math.min(a, b);
  const q = Math.max(a, b);
  if (q < 15) return logGammaKernel(p) + logGammaKernel(q) - logGammaKernel(p + q);
  const dq = stirlingDelta(q) - stirlingDelta(p + q);
  if (p >= 15) {
    // ln B = ln √(2π) − ½ ln q + (p − ½) ln(p/(p+q)) + q ln(q/(p+q)) ... written with log1p.
    const corr = stirlingDelta(p) + dq;
    return LN_SQRT_2PI - 0.5 * portableLog(q) + corr + (p - 0.5) * portableLog(p / (p + q)) - q * portableLog1p(p / q);
  }
  // p small, q large: ln Γ(q) − ln Γ(p + q) = −(q − ½) log1p(p/q) − p ln(p + q) + p + δ(q) − δ(p+q).
  return logGammaKernel(p) + dq - (q - 0.5) * portableLog1p(p / q) - p * portableLog(p + q) + p;
}

/** Kernel: regularized lower incomplete gamma P(a, x) and upper Q(a, x), a > 0, x ≥ 0. @internal */
export function incompleteGammaKernel(a: number, x: number): { p: number; q: number } {
  if (x <= 0) return { p: 0, q: 1 };
  const logPref = a * portableLog(x) - x - logGammaKernel(a);
  if (x < a + 1) {
    // Series: P = e^{-x} x^a / Γ(a + 1) Σ x^n / ((a + 1) ... (a + n)).
    let ap = a;
    let del = 1 / a;
    let s = del;
    for (let n = 0; n < 10000; n++) {
      ap += 1;
      del *= x / ap;
      s += del;
      if (Math.abs(del) < Math.abs(s) * EPS) break;
    }
    const p = s * portableExp(logPref);
    return { p, q: 1 - p };
  }
  // Continued fraction for Q (modified Lentz).
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  const q = portableExp(logPref) * h;
  return { p: 1 - q, q };
}

/** Continued fraction of the incomplete beta function (NR betacf, modified Lentz). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  let del = 0;
  for (let m = 1; m <= 10000; m++) {
    const m2 = 2 * m;
    let num = m * (b - m) * x;
    if (!Number.isFinite(num)) num = m * x * (b - m); // b near the double limit: multiply by the small x first
    let aa = num / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    num = -(a + m) * (qab + m) * x;
    if (!Number.isFinite(num)) num = -(a + m) * ((qab + m) * x);
    aa = num / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) return h;
  }
  if (Number.isFinite(h) && Math.abs(del - 1) < CF_LOOSE) return h;
  throw new ConvergenceError(
    `regularizedIncompleteBeta: the continued fraction for a = ${a}, b = ${b}, x = ${x} did not converge in 10000 steps (both shape parameters too large for it).`,
    10000,
    Number.isFinite(del) ? Math.abs(del - 1) : -1,
  );
}

/**
 * Kernel: the regularized incomplete beta I_x(a, b) given x and y = 1 − x separately (so that
 * callers can pass both without rounding), with their logarithms.
 * @internal
 */
export function incompleteBetaKernel(a: number, b: number, x: number, y: number, lnx = portableLog(x), lny = portableLog1p(-x)): number {
  if (x <= 0) return 0;
  if (y <= 0) return 1;
  if (a + b + 2 === Infinity) return incompleteBetaHuge(a, b, x);
  const logPref = a * lnx + b * lny - logBetaKernel(a, b);
  // A prefactor x^a y^b / B(a, b) that underflows to 0 makes the side's term 0 (its continued
  // fraction is of order 1; with a or b near the double limit it would be 0 · NaN).
  const pref = portableExp(logPref);
  if (x < (a + 1) / (a + b + 2)) {
    return pref === 0 ? 0 : (pref * betaContinuedFraction(a, b, x)) / a;
  }
  return pref === 0 ? 1 : 1 - (pref * betaContinuedFraction(b, a, y)) / b;
}

/**
 * I_x(a, b) when a + b overflows the double range (then both a and b exceed 1e291): the normal
 * limit Φ((x − μ) / σ) with μ = a / (a + b) and σ² = μ (1 − μ) / (a + b + 1), whose error is of
 * order 1 / √(a + b) < 1e-145, far below double precision. Φ(z) = ½ Q(½, z² / 2) for z < 0.
 */
function incompleteBetaHuge(a: number, b: number, x: number): number {
  const s = a / 2 + b / 2; // (a + b) / 2, finite
  const mu = a / 2 / s;
  const sigma = Math.sqrt((mu * (b / 2 / s)) / 2 / s);
  const z = (x - mu) / sigma;
  if (!(Math.abs(z) < 40)) return z < 0 ? 0 : 1; // Φ(−40) < 1e-349
  const tail = 0.5 * incompleteGammaKernel(0.5, (z * z) / 2).q;
  return z < 0 ? tail : 1 - tail;
}
