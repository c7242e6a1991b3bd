/**
 * Efficient portfolio for a target return.
 *
 * @module
 */
import { momentsArguments, type Moments } from '../core/covariance-reader.ts';
import { InfeasibleError } from '../core/errors.ts';
import type { MatrixLike, VectorLike } from '../core/matrix.ts';
import { checkFinite } from '../core/validate.ts';
import { quadraticLimitOf } from './min-variance.ts';
import type { KernelResult } from './qp-kernel.ts';
import { kernelKKT } from './qp-run.ts';
import {
  CONSTRAINT_KEYS,
  buildProblem,
  dot,
  extraRowIndex,
  parseConstraints,
  portfolioResult,
  readRiskFreeRate,
  solveBuilt,
  weightsOf,
  type BuiltProblem,
  type ExtraRow,
  type ParsedConstraints,
  type PortfolioConstraints,
  type PortfolioResult,
  readMeanVarianceInput,
  num,
} from './portfolio-constraints.ts';
import { solvePortfolio, withL2, scaledMatrix, solvedResult } from './portfolio-solve.ts';

/** Options of {@link efficientReturn}: the shared constraints plus `riskFreeRate` (for the reported Sharpe ratio). */
export interface EfficientReturnOptions extends PortfolioConstraints {
  /** Risk-free rate per period for the reported Sharpe ratio (default 0). */
  riskFreeRate?: number;
}

/**
 * Internal: the highest expected return the constraints allow (an LP on the same kernel) and
 * its weights; a `transactionCost` is an objective term, not a constraint, and is left out.
 * @internal
 */
export function maxAchievableReturn(pc: ParsedConstraints, mu: Float64Array): MaxReturn {
  // transaction costs enter the objective, not the constraints: the highest return ignores them
  const lp = pc.split !== null && pc.split.cost !== null ? { ...pc, split: { ...pc.split, cost: null } } : pc;
  const b = buildProblem(lp, { Q: null, c: mu.map((v) => -v) });
  const r = solveBuilt(b);
  const w = weightsOf(b, r.x);
  return { value: dot(mu, w), weights: w, built: b, res: r };
}

/** The highest-return LP solution. @internal */
export interface MaxReturn {
  value: number;
  weights: Float64Array;
  built: BuiltProblem;
  res: KernelResult;
}

/**
 * Internal: solve a built QP (whose extra row `retRow` is the return row) on the face of
 * maximum return, i.e. at target = max return, without the degenerate return row: the
 * constraints with non-zero LP multipliers stay active on the whole optimal face of the LP, so
 * they are fixed (bounds) or made equalities (rows) and the return row is dropped.
 * @internal
 */
export function solveOnMaxReturnFace(qp: BuiltProblem, retRow: number, lp: MaxReturn): { res: KernelResult; face: BuiltProblem } {
  const kp = qp.kp;
  const l = kp.l.slice();
  const u = kp.u.slice();
  const rl = kp.rl.slice();
  const ru = kp.ru.slice();
  let scale = 0;
  for (let j = 0; j < kp.n; j++) scale = Math.max(scale, Math.abs(lp.res.nu[j]));
  for (let i = 0; i < lp.built.kp.m; i++) scale = Math.max(scale, Math.abs(lp.res.mu[i]));
  const tol = 1e-9 * scale;
  for (let j = 0; j < kp.n; j++) {
    const nu = lp.res.nu[j];
    if (Math.abs(nu) > tol) {
      const v = nu < 0 ? l[j] : u[j];
      l[j] = v;
      u[j] = v;
    }
  }
  const nLpRows = lp.built.kp.m;
  const nPlain = 1 + qp.pc.rows.length;
  for (let i = 0; i < nLpRows; i++) {
    const mu = lp.res.mu[i];
    if (!(Math.abs(mu) > tol)) continue;
    const qi = i < nPlain ? i : i + qp.extra.length; // the split-limit row comes after the extra rows
    const v = mu < 0 ? rl[qi] : ru[qi];
    rl[qi] = v;
    ru[qi] = v;
  }
  rl[retRow] = -Infinity;
  ru[retRow] = Infinity;
  const face: BuiltProblem = { ...qp, kp: { ...kp, l, u, rl, ru } };
  return { res: solveBuilt(face, { x: lp.res.x, varStatus: lp.res.varStatus, rowStatus: new Int8Array(kp.m) }), face };
}

/** Internal: the target-return row μᵀw ≥ target. @internal */
export function returnRow(mu: Float64Array, target: number): ExtraRow {
  return { coef: mu, lower: target, upper: Infinity, lowerText: `expected return ≥ ${num(target)}`, upperText: '' };
}

/**
 * efficientReturn on a `Moments` (from `moments()`): its `mu` and its covariance, with its assets labelling the
 * result; the same as `efficientReturn(moments.mu, moments, ...)`. See the next signature for the method.
 */
export function efficientReturn(moments: Moments, targetReturn: number, options?: EfficientReturnOptions): PortfolioResult;
/**
 * The efficient portfolio for a target return (Markowitz): minimise wᵀΣw (+ γ‖w‖², + costs)
 * subject to μᵀw ≥ targetReturn and the constraints. As in PyPortfolioOpt the return row is an
 * inequality, so a target below the minimum-variance portfolio's return gives that portfolio.
 *
 * Moments: `efficientReturn(moments, ...)` takes `mu` and `cov` from a `Moments` (which must have `mu`;
 * see `moments()` in `quantivista/expected-returns`); `efficientReturn(mu, moments, ...)` uses only its
 * covariance. Either way its assets label the result (as the `assets` option would; a given
 * `assets` must match), and a `Moments` the library built skips the O(n³)
 * positive-semidefiniteness re-check (any other object is fully checked); the numbers are
 * those of the same covariance given as a matrix.
 *
 * @param mu expected returns per period (length n).
 * @param cov covariance per period (n x n, symmetric PSD).
 * @param targetReturn per-period target.
 * @param options the shared constraints (see {@link minVariance}) and `riskFreeRate`.
 * Size cap: n ≤ `SIZE_CAPS.denseAssets` (5,000 assets; the solves are O(n³)), checked before `cov` is converted.
 * @throws {SizeLimitError} above the size cap.
 * @throws {InfeasibleError} when the target is above the highest return the constraints allow
 *   (the message gives that return), or the constraints conflict.
 * @throws {InvalidArgumentError} on bad options or data. @throws {DimensionError} on shape mismatches.
 * @throws {NotPositiveDefiniteError} when `cov` is indefinite beyond rounding (pivoted Cholesky, tolerance 1e-10 · max diagonal; rank-deficient PSD is fine).
 * @example
 * ```ts
 * import { efficientReturn } from 'quantivista/optimize';
 * const r = efficientReturn([0.01, 0.02], [[0.04, 0], [0, 0.09]], 0.015);
 * console.log(r.weights); // [0.5, 0.5]
 * console.log(r.expectedReturn); // 0.015
 * ```
 */
export function efficientReturn(mu: VectorLike, cov: MatrixLike | Moments, targetReturn: number, options?: EfficientReturnOptions): PortfolioResult;
export function efficientReturn(...args: unknown[]): PortfolioResult {
  const fn = 'efficientReturn';
  const { mu, cov, rest } = momentsArguments(fn, args);
  const targetReturn = rest[0] as number;
  const options = rest[1] as EfficientReturnOptions | undefined;
  const { n, S, m, opts } = readMeanVarianceInput(fn, mu, cov, options, [...CONSTRAINT_KEYS, 'riskFreeRate']);
  const target = checkFinite(fn, 'targetReturn', targetReturn);
  const rf = readRiskFreeRate(fn, opts.riskFreeRate);
  const pc = parseConstraints(fn, n, opts);
  const best = maxAchievableReturn(pc, m);
  if (target > best.value + 1e-12 * (1 + Math.abs(best.value))) {
    throw new InfeasibleError(`${fn}: \`targetReturn\` (${target}) is above the highest expected return the constraints allow (${num(best.value)}).`, [
      `expected return ≥ ${num(target)}`,
      `highest achievable expected return ${num(best.value)}`,
    ]);
  }
  const f = withL2(n, { Q: scaledMatrix(S, 2), c: new Float64Array(n) }, pc.l2);
  const lim = quadraticLimitOf(pc, S);
  if (target >= best.value - 1e-12 * (1 + Math.abs(best.value)) && lim === null) {
    // target at the maximum return: solve on the LP's optimal face (the return row is degenerate there)
    const built = buildProblem(pc, f, [returnRow(m, best.value)]);
    const { res, face } = solveOnMaxReturnFace(built, extraRowIndex(built, 0), best);
    return portfolioResult(built, S, m, rf, weightsOf(built, res.x), {
      converged: res.converged,
      iterations: res.iterations,
      last: res,
      kkt: kernelKKT(face.kp, res),
    });
  }
  const sol = solvePortfolio(pc, f, [returnRow(m, Math.min(target, best.value))], lim);
  return solvedResult(sol, S, m, rf, sol.limitBinding && lim ? [lim.text] : []);
}
