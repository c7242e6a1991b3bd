/**
 * Internal kernel of {@link solveQP}: a primal active-set method for dense convex quadratic
 * programs in the form
 *
 *   minimise ½ xᵀQx + cᵀx  subject to  rl ≤ R x ≤ ru,  l ≤ x ≤ u,
 *
 * (rows with rl = ru are equalities; infinite entries mean "no limit").
 *
 * Method (Nocedal & Wright, *Numerical Optimization*, 2nd ed., Algorithm 16.3, with the
 * bound constraints handled by fixing variables, Gill, Murray & Wright, *Practical
 * Optimization*, §5.5.1):
 * - the working set is a set of variables fixed at a bound plus a set of active rows;
 * - each iteration solves the equality-constrained subproblem on the free variables F by the
 *   range-space (Schur complement) method: with H = Q_FF + εI = LLᵀ, Y = L⁻¹C_Fᵀ,
 *   S = YᵀY, the step is p = −H⁻¹(g + Cᵀμ) with Sμ = −C H⁻¹ g;
 * - the face Hessian also carries ρC_FᵀC_F (augmented Lagrangian: C_F p is fixed, so the step
 *   is unchanged, but the range-space solve stays well conditioned when Q is singular);
 *   multipliers at a stationary point come from the least-squares problem min ‖g_F + C_Fᵀμ‖;
 *   rounding drift off the working rows is corrected by the next step (C_F p = residual);
 * - ε is a tiny proximal term (1e-12 · max diag Q, raised ×100 only if a Cholesky pivot fails)
 *   that makes every subproblem strictly convex, so positive *semi*definite Q works. Steps are
 *   therefore proximal-point (iterative-refinement) steps on the current face: the face is
 *   declared stationary only when the true reduced gradient g_F + C_Fᵀμ vanishes to tolerance,
 *   so the regularisation never biases the answer; along exact null directions of Q the step
 *   is a long descent ray that stops at the first blocking constraint (as a primal method must).
 * - a feasible start is found by a phase 1 on the same machinery: an elastic variable per
 *   violated row (per equality row) whose sum is minimised. A positive optimum proves
 *   infeasibility, and the phase-1 working set with non-zero multipliers, plus the rows still
 *   violated, is a certificate (Farkas) naming the conflicting constraints.
 *
 * Deterministic: fixed loop orders, ties broken by lowest index.
 *
 * Files: `qp-types.ts` (shapes, status codes, State), `qp-factor.ts` (the working-set
 * factorisation), `qp-iterate.ts` (the iterations, as named steps), `qp-phase1.ts` (initial
 * point, warm start, phase 1); this file scales the objective and runs the two phases.
 *
 * @internal
 * @module
 */
import { iterate } from './qp-iterate.ts';
import { feasible, initialPoint, keepWarmRows, phase1 } from './qp-phase1.ts';
import {
  computeGradient,
  computeRows,
  EQUALITY,
  INACTIVE,
  infNorm,
  type KernelOptions,
  type KernelProblem,
  type KernelResult,
  maxDiag,
  rhoOf,
  type State,
} from './qp-types.ts';

export {
  AT_LOWER,
  AT_UPPER,
  computeGradient,
  EQUALITY,
  FIXED,
  FREE,
  INACTIVE,
  KernelError,
  type KernelFailure,
  type KernelOptions,
  type KernelProblem,
  type KernelResult,
  type KernelStart,
} from './qp-types.ts';

/**
 * Solve a kernel problem. Throws {@link KernelError} on infeasibility, unboundedness or a
 * non-convex Q; the caller turns it into a typed error with words.
 */
export function solveKernel(p: KernelProblem, opts: KernelOptions): KernelResult {
  // Scale invariance: the minimiser of s · (½xᵀQx + cᵀx) is the same for every s > 0. Far outside
  // the usual range (a covariance of 1e-310, subnormal entries) the proximal ε = 1e−12 · max Qᵢᵢ
  // would underflow to 0 and the factorisation lose every digit, so the objective is scaled by a
  // power of two (exact) and the multipliers scaled back. In the usual range nothing changes.
  const e = objectiveScaleExponent(p);
  if (e === 0) return solveScaled(p, opts);
  const Q = p.Q === null ? null : timesPowerOfTwo(p.Q, e);
  const out = solveScaled({ ...p, Q, c: timesPowerOfTwo(p.c, e) }, opts);
  return { ...out, mu: timesPowerOfTwo(out.mu, -e), nu: timesPowerOfTwo(out.nu, -e) };
}

/** The exponent e bringing 2^e · max(max Qᵢᵢ, max |cⱼ|) into [0.5, 1) when it lies beyond 2^±300, else 0. */
function objectiveScaleExponent(p: KernelProblem): number {
  let m = maxDiag(p.Q, p.n);
  for (let j = 0; j < p.c.length; j++) m = Math.max(m, Math.abs(p.c[j]));
  if (m === 0 || (m > 2 ** -300 && m < 2 ** 300)) return 0;
  return -Math.floor(Math.log2(m)) - 1;
}

/** v · 2^e, exactly (in steps, since 2^e itself may not be a double). */
function timesPowerOfTwo(v: Float64Array, e: number): Float64Array {
  const out = v.slice();
  while (e !== 0) {
    const step = Math.max(-1000, Math.min(1000, e));
    const f = 2 ** step;
    for (let i = 0; i < out.length; i++) out[i] = out[i] * f;
    e -= step;
  }
  return out;
}

/** Phase 1 (when the start is not feasible), then the iterations of phase 2 from its point. */
function solveScaled(p: KernelProblem, opts: KernelOptions): KernelResult {
  const { n, m } = p;
  const tol = opts.tolerance;
  const qscale = maxDiag(p.Q, n);
  const eps0 = 1e-12 * (qscale > 0 ? qscale : 1);
  const x = new Float64Array(n);
  const vs = new Int8Array(n);
  const rs = new Int8Array(m);
  const start = opts.start;
  initialPoint(p, start, x, vs);
  for (let i = 0; i < m; i++) if (p.rl[i] === p.ru[i]) rs[i] = EQUALITY;
  const r = new Float64Array(m);
  computeRows(p, x, r);
  const mu = new Float64Array(m);
  const nu = new Float64Array(n);
  let phase1Iterations = 0;
  if (start !== undefined && feasible(p, x, r, 1e-13)) keepWarmRows(p, start, r, rs);
  else {
    // a warm phase 1 gets half the budget; if it stalls, a cold one gets the rest
    const warm = start !== undefined && opts.maxIterations > 1;
    const ph = phase1(p, x, vs, rs, r, eps0, qscale, warm ? Math.ceil(opts.maxIterations / 2) : opts.maxIterations, warm);
    if (typeof ph === 'number') phase1Iterations = ph;
    else {
      initialPoint(p, undefined, x, vs);
      for (let i = 0; i < m; i++) rs[i] = p.rl[i] === p.ru[i] ? EQUALITY : INACTIVE;
      computeRows(p, x, r);
      phase1Iterations = ph.stalled + (phase1(p, x, vs, rs, r, eps0, qscale, opts.maxIterations - ph.stalled) as number);
    }
  }
  const g = new Float64Array(n);
  computeGradient(p, x, g);
  const st: State = { p, x, g, r, vs, rs, eps: eps0, qscale, qmax: p.Q === null ? 0 : infNorm(p.Q), rho: rhoOf(p, qscale > 0 ? qscale : 1) };
  const out = iterate(st, Math.max(1, opts.maxIterations - phase1Iterations), tol, mu, nu);
  return {
    x,
    varStatus: vs,
    rowStatus: rs,
    mu,
    nu,
    iterations: out.iterations + phase1Iterations,
    converged: out.converged,
  };
}
