/**
 * Internal root finder for internal rates of return: Descartes' rule of signs on the time-ordered
 * flows, a scan for sign changes of the NPV over ln(1 + r) ∈ [−40, 40], then Brent's method on the
 * bracket. Never plain Newton.
 *
 * @module
 * @internal
 */
import { ConvergenceError, InvalidArgumentError } from '../core/errors.ts';
import { Adder } from '../core/accumulator.ts';
import { portableExp, portableExpm1 } from '../core/portable-math.ts';

/** Result of an IRR solve. */
export interface IrrResult {
  /** The rate r per time unit: Σ c_i (1 + r)^(−t_i) = 0. */
  rate: number;
  /** Brent iterations used. */
  iterations: number;
  /** |NPV(rate)| / Σ|c_i| (relative residual). */
  residual: number;
  /** Always true (a non-converged solve throws ConvergenceError). */
  converged: boolean;
}

/**
 * NPV scaled by a positive factor (e^{−max_i(−v t_i)}), so its sign is the NPV's and nothing overflows.
 * The times are non-decreasing, so the maximum of the linear −v t_i is at the first or the last time.
 */
function scaledNpv(c: Float64Array, t: Float64Array, v: number): number {
  const m = Math.max(-Infinity, -v * t[0], -v * t[t.length - 1]);
  const npv = new Adder();
  // A term whose exponent is below the underflow threshold has factor exactly 0 and adds nothing.
  // The computed exponent −v t_i − m is monotone in i (t sorted, rounding monotone), so those terms
  // are a tail (v > 0) or a head (v < 0): skip them, which keeps a scan over 100,000 long-horizon
  // flows linear in the terms that matter instead of n per grid point. Same bits as the full sum.
  let i = 0;
  let end = t.length;
  if (v < 0) {
    let lo = 0;
    let hi = t.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (-v * t[mid] - m < EXP_UNDERFLOW) lo = mid + 1;
      else hi = mid;
    }
    i = lo;
  } else if (v > 0) {
    let lo = 0;
    let hi = t.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (-v * t[mid] - m < EXP_UNDERFLOW) hi = mid;
      else lo = mid + 1;
    }
    end = lo;
  }
  for (; i < end; i++) {
    const x = c[i] * portableExp(-v * t[i] - m);
    npv.add(x);
  }
  return npv.valueOf();
}

/** Below this argument `portableExp` returns exactly 0 (fdlibm's underflow threshold). */
const EXP_UNDERFLOW = -7.4513321910194110842e2;

/**
 * The scaled NPV g(v_k) on the grid v_k = lo + (hi − lo) k / steps, k = 0..steps, with the exact
 * sign (and the exact value wherever it could be 0) of {@link scaledNpv} at every point, for a
 * fraction of the exponentials. Within blocks of K grid points the discount factors are advanced
 * by multiplying with the constant one-step ratio (the exponent is linear in v on each side of
 * v = 0) and refreshed exactly at the start of each block; a point whose approximate value is not
 * clearly away from 0 (|g̃| within a rigorous bound on the accumulated rounding, the grid-step
 * mismatch and any factor that underflowed at the refresh) is recomputed exactly. K is chosen so
 * that factors grow by at most e^600 inside a block. Returns the values (exact in sign, and exact
 * wherever |g| is small).
 */
function scanNpv(c: Float64Array, t: Float64Array, lo: number, hi: number, steps: number): Float64Array {
  const n = c.length;
  const out = new Float64Array(steps + 1);
  const delta = (hi - lo) / steps;
  const t0 = t[0];
  const tLast = t[n - 1];
  const span = tLast - t0;
  let K = 16;
  if (span > 0) K = Math.min(16, Math.floor(600 / (delta * span)));
  if (!(K >= 2)) {
    for (let k = 0; k <= steps; k++) out[k] = scaledNpv(c, t, lo + ((hi - lo) * k) / steps);
    return out;
  }
  let absC = 0;
  for (let i = 0; i < n; i++) absC += Math.abs(c[i]);
  // one-step ratios of the factors exp(−v t_i − m(v)): for v < 0, m = −v t_last; for v ≥ 0, m = −v t_0 (= 0)
  const ratioNeg = new Float64Array(n);
  const ratioPos = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    ratioNeg[i] = portableExp(delta * (tLast - t[i]));
    ratioPos[i] = portableExp(-delta * (t[i] - t0));
  }
  // bound on |g̃ − g| where g is what scaledNpv computes
  // (relative to Σ|c_i f_i|): the plain sum and the products (n + K), the rounding of the ratios'
  // arguments (δ·span each, K times), the rounding of the exact factors' own arguments (up to
  // max|v|·span), and the grid-step mismatch |v_{k+j} − v_k − jδ| ≤ 2 K ulpV times the span
  const maxV = Math.max(Math.abs(lo), Math.abs(hi));
  const ulpV = 4 * Number.EPSILON * maxV;
  const relTol = 4 * Number.EPSILON * (K + n + 4 + K * (1 + delta * span) + maxV * span + 1) + 2 * K * ulpV * span;
  const f = new Float64Array(n);
  let prevNeg = false;
  for (let k = 0; k <= steps; k++) {
    const v = lo + ((hi - lo) * k) / steps;
    const neg = v < 0;
    if (k % K === 0 || neg !== prevNeg) {
      const m = Math.max(-Infinity, -v * t0, -v * tLast);
      for (let i = 0; i < n; i++) f[i] = portableExp(-v * t[i] - m);
    } else {
      const ratio = prevNeg ? ratioNeg : ratioPos;
      for (let i = 0; i < n; i++) f[i] = f[i] * ratio[i];
    }
    prevNeg = neg;
    let g = 0;
    let a = 0;
    for (let i = 0; i < n; i++) {
      const x = c[i] * f[i];
      g += x;
      a += Math.abs(x);
    }
    // factors below the smallest normal at the refresh can grow by at most e^600 inside a block
    out[k] = Math.abs(g) > 2 * relTol * a + 1e-30 * absC ? g : scaledNpv(c, t, v);
  }
  return out;
}

/** Brent's method on [a, b] with f(a) f(b) < 0. */
function brent(f: (x: number) => number, a0: number, b0: number, fa0: number, fb0: number, maxIter: number): { x: number; iterations: number; ok: boolean } {
  let a = a0;
  let b = b0;
  let fa = fa0;
  let fb = fb0;
  let c = a;
  let fc = fa;
  let d = b - a;
  let e = d;
  for (let it = 1; it <= maxIter; it++) {
    if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol = 2 * Number.EPSILON * Math.abs(b) + 1e-300;
    const m = 0.5 * (c - b);
    if (Math.abs(m) <= tol || fb === 0) return { x: b, iterations: it, ok: true };
    if (Math.abs(e) >= tol && Math.abs(fa) > Math.abs(fb)) {
      const s = fb / fa;
      let p: number;
      let q: number;
      if (a === c) {
        p = 2 * m * s;
        q = 1 - s;
      } else {
        const qq = fa / fc;
        const r = fb / fc;
        p = s * (2 * m * qq * (qq - r) - (b - a) * (r - 1));
        q = (qq - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (2 * p < Math.min(3 * m * q - Math.abs(tol * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = m;
        e = d;
      }
    } else {
      d = m;
      e = d;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol ? d : m > 0 ? tol : -tol;
    fb = f(b);
  }
  return { x: b, iterations: maxIter, ok: false };
}

/**
 * Solve Σ c_i (1 + r)^(−t_i) = 0 for r > −1, with times t (non-decreasing, first 0) and amounts c.
 * @throws {InvalidArgumentError} with no sign change, no root, or several roots. @throws {ConvergenceError} if Brent does not converge. @internal
 */
export function solveIrr(fn: string, arg: string, amounts: ArrayLike<number>, times: ArrayLike<number>): IrrResult {
  // merge equal times, drop zeros
  const cs: number[] = [];
  const ts: number[] = [];
  for (let i = 0; i < amounts.length; i++) {
    const ti = times[i];
    const ci = amounts[i];
    if (ts.length > 0 && ts[ts.length - 1] === ti) cs[cs.length - 1] = cs[cs.length - 1] + ci;
    else {
      ts.push(ti);
      cs.push(ci);
    }
  }
  const c: number[] = [];
  const t: number[] = [];
  let scale = 0;
  for (let i = 0; i < cs.length; i++) {
    scale += Math.abs(cs[i]);
    if (cs[i] !== 0) {
      c.push(cs[i]);
      t.push(ts[i]);
    }
  }
  let signChanges = 0;
  for (let i = 1; i < c.length; i++) if (Math.sign(c[i]) !== Math.sign(c[i - 1])) signChanges++;
  if (signChanges === 0) {
    throw new InvalidArgumentError(
      `${fn}: \`${arg}\` must contain both positive and negative amounts (a sign change); no rate of return exists otherwise.`,
      arg,
      'no sign change',
    );
  }
  const C = Float64Array.from(c);
  const Tm = Float64Array.from(t);
  const g = (v: number) => scaledNpv(C, Tm, v);
  // scan v = ln(1 + r) over [−40, 40]
  const lo = -40;
  const hi = 40;
  const steps = 1600;
  const brackets: Array<[number, number, number, number]> = [];
  const grid = scanNpv(C, Tm, lo, hi, steps);
  let vPrev = lo;
  let gPrev = grid[0];
  const exact: number[] = [];
  if (gPrev === 0) exact.push(vPrev);
  for (let k = 1; k <= steps; k++) {
    const v = lo + ((hi - lo) * k) / steps;
    const gv = grid[k];
    if (gv === 0) exact.push(v);
    else if (gPrev !== 0 && gv > 0 !== gPrev > 0) brackets.push([vPrev, v, gPrev, gv]);
    vPrev = v;
    gPrev = gv;
  }
  const roots = brackets.length + exact.length;
  if (roots === 0) {
    throw new InvalidArgumentError(
      `${fn}: \`${arg}\` has no rate of return: the net present value does not change sign for rates in (−1, e^40 − 1).`,
      arg,
      'no root',
    );
  }
  if (roots > 1) {
    const approx = [...brackets.map((b) => portableExpm1(0.5 * (b[0] + b[1]))), ...exact.map((v) => portableExpm1(v))].sort((x, y) => x - y);
    throw new InvalidArgumentError(
      `${fn}: \`${arg}\` has several rates of return (near ${approx.map((x) => x.toPrecision(4)).join(', ')}); the flows change sign ${signChanges} times, so the IRR is not unique.`,
      arg,
      'several roots',
    );
  }
  let v: number;
  let iterations = 0;
  if (exact.length === 1) v = exact[0];
  else {
    const [a, b] = brackets[0] as [number, number, number, number];
    // the scan's values are exact in sign only: start Brent from the exact end values
    const res = brent(g, a, b, g(a), g(b), 200);
    if (!res.ok) throw new ConvergenceError(`${fn}: Brent's method did not converge in 200 iterations.`, res.iterations, Math.abs(g(res.x)));
    v = res.x;
    iterations = res.iterations;
  }
  const rate = portableExpm1(v);
  let npv = 0;
  for (let i = 0; i < C.length; i++) npv += C[i] * portableExp(-v * Tm[i]);
  return { rate, iterations, residual: Math.abs(npv) / scale, converged: true };
}
