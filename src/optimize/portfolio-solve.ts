/**
 * Internal: solve a portfolio QP in weight space, with an optional quadratic limit
 * q(w) = (w − b)ᵀΣ(w − b) ≤ max² (maximum volatility, tracking error, or the volatility target
 * of efficientRisk) handled exactly through the scalarisation
 *
 *   minimise (1 − t) f(w) + t q(w),   t ∈ [0, 1],
 *
 * whose solution's q(w(t)) is non-increasing in t (the weighted-sum method). t = 0 is the
 * unconstrained problem; when q is still too large we find the t with sqrt(q(w(t))) = max by
 * the Illinois variant of regula falsi on a bracket, each QP warm-started from the last, to
 * 1e-12 relative in sqrt(q). t = 1 gives the smallest q achievable: above max², the problem is
 * infeasible. At the root, t/(1 − t) is the Lagrange multiplier of the quadratic constraint
 * (scaled), so the answer is the exact constrained optimum, not a penalty approximation.
 *
 * @internal
 * @module
 */
import { InfeasibleError } from '../core/errors.ts';
import type { KernelResult, KernelStart } from './qp-kernel.ts';
import {
  buildProblem,
  num,
  portfolioResult,
  quadForm,
  solveBuilt,
  weightsOf,
  type BuiltProblem,
  type ExtraRow,
  type ParsedConstraints,
  type PortfolioResult,
  type WeightObjective,
} from './portfolio-constraints.ts';

/** A quadratic limit sqrt((w − shift)ᵀΣ(w − shift)) ≤ max. */
export interface QuadraticLimit {
  S: Float64Array;
  shift: Float64Array | null;
  max: number;
  /** "volatility" or "tracking error" */
  what: string;
  /** words of the constraint */
  text: string;
}

export interface PortfolioSolve {
  w: Float64Array;
  built: BuiltProblem;
  last: KernelResult;
  iterations: number;
  converged: boolean;
  /** the quadratic limit binds */
  limitBinding: boolean;
}

/** Add γ‖w‖² (Q += 2γI) to an objective; returns a new objective. */
export function withL2(n: number, obj: WeightObjective, gamma: number): WeightObjective {
  if (gamma === 0) return obj;
  const Q = obj.Q === null ? new Float64Array(n * n) : obj.Q.slice();
  for (let i = 0; i < n; i++) Q[i * n + i] = Q[i * n + i] + 2 * gamma;
  return { Q, c: obj.c };
}

function blend(n: number, f: WeightObjective, lim: QuadraticLimit, t: number): WeightObjective {
  const Q = new Float64Array(n * n);
  const S = lim.S;
  const a = 1 - t;
  for (let k = 0; k < n * n; k++) Q[k] = (f.Q === null ? 0 : a * f.Q[k]) + 2 * t * S[k];
  const c = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = a * f.c[i];
    if (lim.shift !== null) {
      let q = 0;
      for (let j = 0; j < n; j++) q += S[i * n + j] * lim.shift[j];
      s -= 2 * t * q;
    }
    c[i] = s;
  }
  return { Q, c };
}

function startOf(r: KernelResult): KernelStart {
  return { x: r.x, varStatus: r.varStatus, rowStatus: r.rowStatus };
}

/** Solve min f(w) s.t. the constraints (and the quadratic limit when given). */
export function solvePortfolio(pc: ParsedConstraints, f: WeightObjective, extra: ExtraRow[], lim: QuadraticLimit | null, start?: KernelStart): PortfolioSolve {
  const n = pc.n;
  const built0 = buildProblem(pc, f, extra);
  const r0 = solveBuilt(built0, start);
  const w0 = weightsOf(built0, r0.x);
  let iterations = r0.iterations;
  if (lim === null) return { w: w0, built: built0, last: r0, iterations, converged: r0.converged, limitBinding: false };
  const target = lim.max;
  const val = (w: Float64Array) => Math.sqrt(quadForm(lim.S, w, lim.shift ?? undefined));
  const h0 = val(w0) - target;
  if (h0 <= 1e-12 * target) return { w: w0, built: built0, last: r0, iterations, converged: r0.converged, limitBinding: false };
  const built1 = buildProblem(pc, blend(n, f, lim, 1), extra);
  const r1 = solveBuilt(built1, startOf(r0));
  iterations += r1.iterations;
  const w1 = weightsOf(built1, r1.x);
  const h1 = val(w1) - target;
  if (h1 > 1e-12 * target) {
    throw new InfeasibleError(`${pc.fn}: the smallest ${lim.what} the other constraints allow is ${num(h1 + target)}, above the limit ${num(target)}.`, [
      lim.text,
      `smallest achievable ${lim.what} ${num(h1 + target)}`,
    ]);
  }
  if (h1 >= -1e-12 * target) return { w: w1, built: built1, last: r1, iterations, converged: r1.converged, limitBinding: true };
  // Illinois regula falsi on h(t) = sqrt(q(w(t))) − max, h(0) > 0 > h(1).
  let ta = 0;
  let ha = h0;
  let tb = 1;
  let hb = h1;
  let side = 0;
  let best = { w: w1, built: built1, last: r1, h: h1 };
  let prev = r1;
  let converged = false;
  for (let k = 0; k < 200; k++) {
    let t = (ta * hb - tb * ha) / (hb - ha);
    if (!(t > ta && t < tb)) t = 0.5 * (ta + tb);
    const b = buildProblem(pc, blend(n, f, lim, t), extra);
    const r = solveBuilt(b, startOf(prev));
    iterations += r.iterations;
    prev = r;
    const w = weightsOf(b, r.x);
    const h = val(w) - target;
    if (Math.abs(h) < Math.abs(best.h) || (h <= 0 && best.h > 0)) best = { w, built: b, last: r, h };
    if (Math.abs(h) <= 1e-12 * target || tb - ta <= 1e-15) {
      best = { w, built: b, last: r, h };
      converged = r.converged;
      break;
    }
    if (h > 0) {
      ta = t;
      ha = h;
      if (side === 1) hb /= 2;
      side = 1;
    } else {
      tb = t;
      hb = h;
      if (side === -1) ha /= 2;
      side = -1;
    }
  }
  return { w: best.w, built: best.built, last: best.last, iterations, converged, limitBinding: true };
}

/** The public result of a {@link solvePortfolio} solve (`binding`: extra binding constraints in words). */
export function solvedResult(sol: PortfolioSolve, S: Float64Array, mu: Float64Array | null, riskFreeRate: number, binding: string[]): PortfolioResult {
  return portfolioResult(sol.built, S, mu, riskFreeRate, sol.w, { converged: sol.converged, iterations: sol.iterations, last: sol.last }, binding);
}

/** s · S as a new flat array (the quadratic term of an objective). */
export function scaledMatrix(S: Float64Array, s: number): Float64Array {
  const Q = new Float64Array(S.length);
  for (let k = 0; k < S.length; k++) Q[k] = s * S[k];
  return Q;
}
