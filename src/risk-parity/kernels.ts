/**
 * Internal kernels of the risk-parity domain: the risk-budgeting solver
 * (cyclical coordinate descent on Spinu's convex formulation, with Richard & Roncalli's
 * box-constrained variant) and the relative-contribution residual. Flat row-major buffers only.
 *
 * @module
 * @internal
 */
import { InfeasibleError, InvalidArgumentError, NotPositiveDefiniteError } from '../core/errors.ts';
import { rowDots } from '../core/wasm-kernels.ts';
import { showValue } from '../core/parse-decimal.ts';

// Weight bounds live in bounds.ts; re-exported for the modules that import them from here.
export { parseBounds, type LowerUpperBounds, type WeightBounds } from './bounds.ts';

/** Check an optional `assets` label list of length n. @internal */
export function checkAssets(fn: string, assets: unknown, n: number): string[] | undefined {
  if (assets === undefined) return undefined;
  if (!Array.isArray(assets) || assets.some((a) => typeof a !== 'string')) {
    throw new InvalidArgumentError(`${fn}: \`assets\` must be an array of strings.`, 'assets', typeof assets);
  }
  if (assets.length !== n) {
    throw new InvalidArgumentError(`${fn}: \`assets\` must have ${n} names (one per asset), got ${assets.length}.`, 'assets', assets.length);
  }
  if (new Set(assets).size !== assets.length) {
    throw new InvalidArgumentError(`${fn}: \`assets\` names must be unique.`, 'assets');
  }
  return assets.slice() as string[];
}

/** Label a vector with asset names (Object.fromEntries keeps `__proto__` an ordinary key). @internal */
export function labelled(assets: readonly string[], values: ArrayLike<number>): Record<string, number> {
  return Object.fromEntries(assets.map((a, i) => [a, values[i]]));
}

/** Σ·x into `out` (row-major n x n). @internal */
export function matVec(S: Float64Array, n: number, x: Float64Array, out: Float64Array): Float64Array {
  for (let i = 0; i < n; i++) out[i] = rowDot(S, i * n, x, n);
  return out;
}

/**
 * Kernel: Σ_j S[off + j] · x[j] for j < n, with four independent accumulators (the sum's
 * dependency chain, not the multiplications, limits a single-accumulator loop). Deterministic:
 * the same order on every call. @internal
 */
export function rowDot(S: Float64Array, off: number, x: Float64Array, n: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let j = 0;
  for (; j + 3 < n; j += 4) {
    s0 += S[off + j] * x[j];
    s1 += S[off + j + 1] * x[j + 1];
    s2 += S[off + j + 2] * x[j + 2];
    s3 += S[off + j + 3] * x[j + 3];
  }
  for (; j < n; j++) s0 += S[off + j] * x[j];
  return s0 + s1 + (s2 + s3);
}

/** Largest |x_i (Σx)_i / xᵀΣx − b_i| given s = Σx. @internal */
export function budgetDeviation(x: Float64Array, s: Float64Array, b: Float64Array, n: number): number {
  let v = 0;
  for (let i = 0; i < n; i++) v += x[i] * s[i];
  let dev = 0;
  for (let i = 0; i < n; i++) {
    const d = Math.abs((x[i] * s[i]) / v - b[i]);
    if (d > dev) dev = d;
  }
  return dev;
}

/** Result of {@link riskBudgetKernel}. @internal */
export interface RiskBudgetKernelResult {
  weights: Float64Array;
  /** Σ·weights. */
  sigmaW: Float64Array;
  /** Coordinate-descent sweeps (summed over the λ search when bounded). */
  iterations: number;
  converged: boolean;
  /** Largest deviation of relative risk contributions from the budgets. */
  maxDeviation: number;
  /** Optimality residual used for the stopping test. */
  residual: number;
}

/**
 * One coordinate update of min ½ yᵀΣy − λ Σ b_i log y_i over l_i ≤ y_i ≤ u_i: the positive root of
 * Σ_ii y² + c y − λ b_i = 0 (c = (Σy)_i − Σ_ii y_i), clamped to the box.
 */
function coordinateRoot(a: number, c: number, lb: number): number {
  const disc = Math.sqrt(c * c + 4 * a * lb);
  // Stable form of the positive root for either sign of c.
  return c > 0 ? (2 * lb) / (c + disc) : (disc - c) / (2 * a);
}

/**
 * Unbounded risk budgeting (Spinu 2013): minimise f(y) = ½ yᵀΣy − Σ b_i log y_i over y > 0, then
 * w = y / Σy. Cyclical coordinate descent (Griveau-Billion, Richard & Roncalli 2013) runs first:
 * each sweep costs one matrix-vector product and it converges in a handful of sweeps on the
 * usual long-only covariance structures. When it has not converged after `ccdSweeps` sweeps (a
 * covariance with strong long-short structure slows it down), the solve switches to Newton's
 * method on f with the Newton system (Σ + diag(b/y²)) p = −∇f solved by Jacobi-preconditioned
 * conjugate gradients and a backtracking line search that keeps y > 0. Stops when the largest
 * deviation of relative contributions from the budgets is ≤ tol, checked on an exact Σy.
 * @internal
 */
export function riskBudgetUnbounded(
  fn: string,
  S: Float64Array,
  n: number,
  b: Float64Array,
  tol: number,
  maxIterations: number,
  ccdSweeps = 25,
): RiskBudgetKernelResult {
  const y = new Float64Array(n);
  const s = new Float64Array(n);
  let it = 0;
  let dev = Infinity;
  let converged = false;
  // Coordinate descent reads Σ row by row against the current y: RowDots keeps a padded copy of
  // Σ (in WebAssembly memory when available) and y beside it.
  const rd = rowDots(S, n);
  try {
    const x = rd.x;
    const sweepMatVec = (): void => {
      for (let i = 0; i < n; i++) s[i] = rd.dot(i);
    };
    // Start from the inverse-volatility portfolio scaled by sqrt(b), normalised to yᵀΣy = 1.
    for (let i = 0; i < n; i++) x[i] = Math.sqrt(b[i]) / Math.sqrt(S[i * n + i]);
    sweepMatVec();
    let v = 0;
    for (let i = 0; i < n; i++) v += x[i] * s[i];
    if (!(v > 0)) throw new NotPositiveDefiniteError(`${fn}: \`cov\` is not positive semi-definite: the inverse-volatility portfolio has variance ${v}.`);
    const scale = 1 / Math.sqrt(v);
    for (let i = 0; i < n; i++) {
      x[i] = x[i] * scale;
      s[i] = s[i] * scale;
    }
    dev = budgetDeviation(x, s, b, n);
    converged = dev <= tol;
    let sweeps = 0;
    let bmax = 0;
    for (let i = 0; i < n; i++) bmax = Math.max(bmax, b[i]);
    let kappa = 0.5;
    while (!converged && it < maxIterations && sweeps < ccdSweeps) {
      it++;
      sweeps++;
      // Gauss–Seidel sweep: (Σy)_i is recomputed as a dot product with the current y (cheaper than
      // updating Σy after every coordinate, and free of accumulated rounding).
      let change = 0;
      for (let i = 0; i < n; i++) {
        const si = rd.dot(i);
        const a = S[i * n + i];
        const yi = x[i];
        const ni = coordinateRoot(a, si - a * yi, b[i]);
        const rel = Math.abs(ni - yi) / ni;
        if (rel > change) change = rel;
        x[i] = ni;
      }
      // The contributions deviate from the budgets by about κ · max(b) · (relative change of y):
      // check them exactly (one product Σy) only once that estimate is below the tolerance, and
      // recalibrate κ from each check.
      if (kappa * bmax * change <= tol || sweeps === ccdSweeps) {
        sweepMatVec();
        dev = budgetDeviation(x, s, b, n);
        converged = dev <= tol;
        if (!converged && change > 0) kappa = Math.max(kappa, (1.5 * dev) / (bmax * change));
      }
    }
    y.set(x.subarray(0, n));
  } finally {
    rd.release();
  }
  if (!converged && it < maxIterations) {
    matVec(S, n, y, s);
    const r = newtonSpinu(S, n, b, y, s, tol, maxIterations - it);
    it += r;
  }
  if (!converged) {
    matVec(S, n, y, s);
    dev = budgetDeviation(y, s, b, n);
  }
  let total = 0;
  for (let i = 0; i < n; i++) total += y[i];
  const w = new Float64Array(n);
  const sw = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    w[i] = y[i] / total;
    sw[i] = s[i] / total;
  }
  return { weights: w, sigmaW: sw, iterations: it, converged: dev <= tol, maxDeviation: dev, residual: dev };
}

function spinuObjective(y: Float64Array, s: Float64Array, b: Float64Array, n: number): number {
  let q = 0;
  let l = 0;
  for (let i = 0; i < n; i++) {
    q += y[i] * s[i];
    l += b[i] * Math.log(y[i]);
  }
  return 0.5 * q - l;
}

/**
 * Newton iterations on Spinu's objective from (y, s = Σy), updated in place. Returns the number
 * of Newton steps taken.
 */
function newtonSpinu(S: Float64Array, n: number, b: Float64Array, y: Float64Array, s: Float64Array, tol: number, maxSteps: number): number {
  const g = new Float64Array(n);
  const dg = new Float64Array(n);
  const pre = new Float64Array(n);
  const p = new Float64Array(n);
  const r = new Float64Array(n);
  const z = new Float64Array(n);
  const q = new Float64Array(n);
  const Ap = new Float64Array(n);
  const yn = new Float64Array(n);
  const sn = new Float64Array(n);
  const Sp = new Float64Array(n);
  let steps = 0;
  while (steps < maxSteps) {
    if (budgetDeviation(y, s, b, n) <= tol) break;
    steps++;
    let gnorm2 = 0;
    for (let i = 0; i < n; i++) {
      const yi = y[i];
      const bi = b[i];
      const gi = s[i] - bi / yi;
      g[i] = gi;
      gnorm2 += gi * gi;
      dg[i] = bi / (yi * yi);
      pre[i] = 1 / (S[i * n + i] + dg[i]);
    }
    const gnorm = Math.sqrt(gnorm2);
    // Preconditioned CG on (Σ + D) p = −g with an Eisenstat–Walker-type forcing term.
    const eta = Math.min(0.5, Math.sqrt(gnorm)) * gnorm;
    p.fill(0);
    let rz = 0;
    for (let i = 0; i < n; i++) {
      r[i] = -g[i];
      z[i] = r[i] * pre[i];
      q[i] = z[i];
      rz += r[i] * z[i];
    }
    const cgCap = Math.max(50, 2 * n);
    for (let k = 0; k < cgCap; k++) {
      matVec(S, n, q, Ap);
      let qAq = 0;
      for (let i = 0; i < n; i++) {
        const v = Ap[i] + dg[i] * q[i];
        Ap[i] = v;
        qAq += q[i] * v;
      }
      if (!(qAq > 0)) break;
      const alpha = rz / qAq;
      let rn2 = 0;
      for (let i = 0; i < n; i++) {
        p[i] = p[i] + alpha * q[i];
        const ri = r[i] - alpha * Ap[i];
        r[i] = ri;
        rn2 += ri * ri;
      }
      if (Math.sqrt(rn2) <= eta) break;
      let rzNew = 0;
      for (let i = 0; i < n; i++) {
        const zi = r[i] * pre[i];
        z[i] = zi;
        rzNew += r[i] * zi;
      }
      const beta = rzNew / rz;
      rz = rzNew;
      for (let i = 0; i < n; i++) q[i] = z[i] + beta * q[i];
    }
    // Backtracking (Armijo) line search, keeping y > 0.
    let t = 1;
    let slope = 0;
    for (let i = 0; i < n; i++) {
      const pi = p[i];
      slope += g[i] * pi;
      if (pi < 0) t = Math.min(t, (-0.995 * y[i]) / pi);
    }
    if (!(slope < 0)) break;
    matVec(S, n, p, Sp);
    const f0 = spinuObjective(y, s, b, n);
    let accepted = false;
    for (let ls = 0; ls < 60; ls++) {
      for (let i = 0; i < n; i++) {
        yn[i] = y[i] + t * p[i];
        sn[i] = s[i] + t * Sp[i];
      }
      const f1 = spinuObjective(yn, sn, b, n);
      if (f1 <= f0 + 1e-4 * t * slope || f1 === f0) {
        accepted = true;
        break;
      }
      t *= 0.5;
    }
    if (!accepted) break;
    y.set(yn);
    matVec(S, n, y, s);
  }
  return steps;
}

/**
 * Box-constrained solve for a fixed λ: x*(λ) = argmin ½ xᵀΣx − λ Σ b_i log x_i, l ≤ x ≤ u, by
 * cyclical coordinate descent with clamping. Returns the sweeps used; x and s = Σx are updated in
 * place. Stops when no coordinate moves by more than `xtol` (relative) in a sweep.
 */
function boxSolve(
  S: Float64Array,
  n: number,
  b: Float64Array,
  lambda: number,
  lo: Float64Array,
  hi: Float64Array,
  x: Float64Array,
  s: Float64Array,
  xtol: number,
  maxSweeps: number,
): number {
  let sweeps = 0;
  while (sweeps < maxSweeps) {
    sweeps++;
    let moved = 0;
    for (let i = 0; i < n; i++) {
      const r = i * n;
      const a = S[r + i];
      const xi = x[i];
      const c = s[i] - a * xi;
      let ni = coordinateRoot(a, c, lambda * b[i]);
      if (ni < lo[i]) ni = lo[i];
      if (ni > hi[i]) ni = hi[i];
      const d = ni - xi;
      if (d !== 0) {
        x[i] = ni;
        for (let j = 0; j < n; j++) s[j] = s[j] + d * S[r + j];
        const rel = Math.abs(d) / Math.max(Math.abs(ni), 1e-300);
        if (rel > moved) moved = rel;
      }
    }
    if (moved <= xtol) break;
  }
  matVec(S, n, x, s);
  return sweeps;
}

/**
 * Constrained risk budgeting (Richard & Roncalli 2019): find λ > 0 such that
 * x*(λ) = argmin_{l ≤ x ≤ u} ½ xᵀΣx − λ Σ b_i log x_i sums to one (Σ x*(λ) is increasing in λ),
 * by bracketing and bisection on log λ. Without active bounds the result is the unconstrained
 * risk-budgeting portfolio. @internal
 */
export function riskBudgetBounded(
  fn: string,
  S: Float64Array,
  n: number,
  b: Float64Array,
  lower: Float64Array,
  upper: Float64Array,
  tol: number,
  maxIterations: number,
): RiskBudgetKernelResult {
  let sumL = 0;
  let sumU = 0;
  for (let i = 0; i < n; i++) {
    sumL += lower[i];
    sumU += upper[i];
  }
  const conflicts: string[] = [];
  if (sumL > 1 + 1e-12) conflicts.push(`sum of lower bounds ${sumL} > 1`);
  if (sumU < 1 - 1e-12) conflicts.push(`sum of upper bounds ${sumU} < 1`);
  if (conflicts.length > 0) {
    throw new InfeasibleError(`${fn}: weight bounds are infeasible with fully invested weights: ${conflicts.join('; ')}.`, conflicts);
  }
  const x = new Float64Array(n);
  const s = new Float64Array(n);
  const finish = (iterations: number, converged: boolean, residual: number): RiskBudgetKernelResult => {
    // Make the weights sum to one exactly while keeping assets at a bound exactly on it: the
    // (tiny, ≤ tolerance) budget residual is spread over the assets strictly inside their box.
    const w = new Float64Array(n);
    let pinned = 0;
    let free = 0;
    const isFree = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const xi = x[i];
      if (xi <= lower[i] || xi >= upper[i]) pinned += xi;
      else {
        isFree[i] = 1;
        free += xi;
      }
    }
    const k = free > 0 ? (1 - pinned) / free : 1;
    for (let i = 0; i < n; i++) w[i] = isFree[i] ? x[i] * k : x[i];
    const ws = matVec(S, n, w, new Float64Array(n));
    return { weights: w, sigmaW: ws, iterations, converged, maxDeviation: budgetDeviation(w, ws, b, n), residual };
  };
  // Degenerate boxes: the bounds pin the portfolio.
  if (Math.abs(sumU - 1) <= 1e-12) {
    x.set(upper);
    return finish(0, true, 0);
  }
  if (Math.abs(sumL - 1) <= 1e-12) {
    x.set(lower);
    return finish(0, true, 0);
  }
  // Strictly positive floor for the log barrier: l_i = 0 is handled by the barrier itself.
  const lo = new Float64Array(n);
  for (let i = 0; i < n; i++) lo[i] = Math.max(lower[i], 0);
  const xtol = Math.min(1e-3 * tol, 1e-13);
  const sweepCap = Math.max(50, maxIterations);
  let iterations = 0;
  const total = (lambda: number): number => {
    iterations += boxSolve(S, n, b, lambda, lo, upper, x, s, xtol, sweepCap);
    let t = 0;
    for (let i = 0; i < n; i++) t += x[i];
    return t;
  };
  // Start from a feasible interior point of the box.
  for (let i = 0; i < n; i++) x[i] = Math.min(upper[i], Math.max(lo[i], 1 / n));
  matVec(S, n, x, s);
  // Unconstrained scale: the RB solution y has yᵀΣy = 1 at λ = 1; sums scale like sqrt(λ).
  let lamLo = 1e-3;
  let lamHi = 1;
  let tLo = total(lamLo);
  let guard = 0;
  while (tLo > 1 && guard++ < 200) {
    lamHi = lamLo;
    lamLo /= 16;
    tLo = total(lamLo);
  }
  let tHi = total(lamHi);
  guard = 0;
  while (tHi < 1 && guard++ < 200) {
    lamLo = lamHi;
    lamHi *= 16;
    tHi = total(lamHi);
  }
  if (tLo > 1 || tHi < 1) {
    return finish(iterations, false, Math.min(Math.abs(tLo - 1), Math.abs(tHi - 1)));
  }
  // Bisection on log λ until the sum is within tol of one.
  let residual = Math.abs(tHi - 1);
  let converged = residual <= tol;
  let steps = 0;
  while (!converged && steps < 200) {
    steps++;
    const mid = Math.sqrt(lamLo * lamHi);
    const t = total(mid);
    residual = Math.abs(t - 1);
    if (residual <= tol) {
      converged = true;
      break;
    }
    if (t < 1) lamLo = mid;
    else lamHi = mid;
    if (lamHi / lamLo - 1 < 1e-15) break;
  }
  if (!converged) total(lamHi);
  return finish(iterations, converged, residual);
}

/** Validate a budgets vector: positive, finite, length n; returned normalised to sum 1. @internal */
export function normaliseBudgets(fn: string, budgets: ArrayLike<number>, n: number): Float64Array {
  if (budgets.length !== n) {
    throw new InvalidArgumentError(`${fn}: \`budgets\` must have ${n} entries (one per asset), got ${budgets.length}.`, 'budgets', budgets.length);
  }
  const b = new Float64Array(n);
  let t = 0;
  for (let i = 0; i < n; i++) {
    const v = budgets[i] as unknown;
    if (typeof v !== 'number' || !Number.isFinite(v) || !(v > 0)) {
      throw new InvalidArgumentError(`${fn}: \`budgets\` must hold positive finite numbers, but entry ${i} is ${showValue(v)}.`, 'budgets', showValue(v));
    }
    b[i] = v;
    t += v;
  }
  for (let i = 0; i < n; i++) b[i] = b[i] / t;
  return b;
}
