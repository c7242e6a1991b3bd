/**
 * Efficient portfolio for a target return.
 *
 * @module
 */
import { InfeasibleError } from '../core/errors.ts';
import type { MatrixLike, VectorLike } from '../core/matrix.ts';
import { checkFinite, checkOptions } from '../core/validate.ts';
import { quadraticLimitOf } from './min-variance.ts';
import {
  CONSTRAINT_KEYS,
  buildProblem,
  dot,
  parseConstraints,
  portfolioResult,
  readCovariance,
  readMu,
  readRiskFreeRate,
  solveBuilt,
  weightsOf,
  type ExtraRow,
  type ParsedConstraints,
  type PortfolioConstraints,
  type PortfolioResult,
} from './portfolio-constraints.ts';
import { solvePortfolio, withL2 } from './portfolio-solve.ts';

/** Options of {@link efficientReturn}: the shared constraints plus `riskFreeRate` (for the reported Sharpe ratio). */
export interface EfficientReturnOptions extends PortfolioConstraints {
  /** Risk-free rate per period for the reported Sharpe ratio (default 0). */
  riskFreeRate?: number;
}

function num(v: number): string {
  return String(Number(v.toPrecision(10)));
}

/**
 * Internal: the highest expected return the constraints allow (an LP on the same kernel) and
 * its weights.
 * @internal
 */
export function maxAchievableReturn(pc: ParsedConstraints, mu: Float64Array): { value: number; weights: Float64Array } {
  const b = buildProblem(pc, { Q: null, c: mu.map((v) => -v) });
  const r = solveBuilt(b);
  const w = weightsOf(b, r.x);
  return { value: dot(mu, w), weights: w };
}

/** Internal: the target-return row μᵀw ≥ target. @internal */
export function returnRow(mu: Float64Array, target: number): ExtraRow {
  return { coef: mu, lower: target, upper: Infinity, lowerText: `expected return ≥ ${num(target)}`, upperText: '' };
}

/**
 * The efficient portfolio for a target return (Markowitz): minimise wᵀΣw (+ γ‖w‖², + costs)
 * subject to μᵀw ≥ targetReturn and the constraints. As in PyPortfolioOpt the return row is an
 * inequality, so a target below the minimum-variance portfolio's return gives that portfolio.
 *
 * @param mu expected returns per period (length n).
 * @param cov covariance per period (n x n, symmetric PSD).
 * @param targetReturn per-period target.
 * @param options the shared constraints (see {@link minVariance}) and `riskFreeRate`.
 * @throws {InfeasibleError} when the target is above the highest return the constraints allow
 *   (the message gives that return), or the constraints conflict.
 * @throws {InvalidArgumentError} on bad options or data. @throws {DimensionError} on shape mismatches.
 * @example
 * ```ts
 * import { efficientReturn } from 'quantivista/optimize';
 * const r = efficientReturn([0.01, 0.02], [[0.04, 0], [0, 0.09]], 0.015);
 * console.log(r.weights); // [0.5, 0.5]
 * console.log(r.expectedReturn); // 0.015
 * ```
 */
export function efficientReturn(mu: VectorLike, cov: MatrixLike, targetReturn: number, options?: EfficientReturnOptions): PortfolioResult {
  const fn = 'efficientReturn';
  const opts = checkOptions(fn, options, [...CONSTRAINT_KEYS, 'riskFreeRate']);
  const { n, S } = readCovariance(fn, cov);
  const m = readMu(fn, mu, n);
  const target = checkFinite(fn, 'targetReturn', targetReturn);
  const rf = readRiskFreeRate(fn, opts.riskFreeRate);
  const pc = parseConstraints(fn, n, opts);
  const best = maxAchievableReturn(pc, m);
  if (target > best.value + 1e-12 * (1 + Math.abs(best.value))) {
    throw new InfeasibleError(
      `${fn}: \`targetReturn\` (${target}) is above the highest expected return the constraints allow (${num(best.value)}).`,
      [`expected return ≥ ${num(target)}`, `highest achievable expected return ${num(best.value)}`],
    );
  }
  const Q = new Float64Array(n * n);
  for (let k = 0; k < n * n; k++) Q[k] = 2 * (S[k] as number);
  const f = withL2(n, { Q, c: new Float64Array(n) }, pc.l2);
  const lim = quadraticLimitOf(pc, S);
  const sol = solvePortfolio(pc, f, [returnRow(m, Math.min(target, best.value))], lim);
  return portfolioResult(sol.built, S, m, rf, sol.w, { converged: sol.converged, iterations: sol.iterations, last: sol.last }, sol.limitBinding && lim ? [lim.text] : []);
}
