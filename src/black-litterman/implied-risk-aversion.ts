/**
 * Market-implied risk aversion.
 *
 * @module
 */
import { InsufficientDataError, InvalidArgumentError } from '../core/errors.ts';
import { toVector, type VectorLike } from '../core/matrix.ts';
import { SIZE_CAPS, checkSizeCap } from '../core/limits.ts';
import { seriesOnDates, type TableLike } from '../core/table.ts';
import { mean, variance } from '../core/stats.ts';
import { checkFinite, checkInteger, checkOptions } from '../core/validate.ts';
import { guardFinite } from '../covariance/overflow-guard.ts';
import { BL_SCALE_HINT } from './bl-checks.ts';

/** Options of {@link impliedRiskAversion}. */
export interface ImpliedRiskAversionOptions {
  /** Risk-free rate in the period of the returns. Default 0. */
  riskFreeRate?: number;
  /** Delta degrees of freedom of the variance. Default 1. */
  ddof?: number;
}

/**
 * Market-implied risk aversion δ = (E[r_m] − r_f) / σ_m² (Black & Litterman 1992; He & Litterman
 * 1999 use δ = 2.5), from a series of market (benchmark) returns: E[r_m] is the sample mean and
 * σ_m² the sample variance (ddof = 1 by default), both in the period of the returns, as is
 * `riskFreeRate`. A per-period δ is also the annual δ when mean and variance are annualised with
 * the same factor (δ is scale-free in time under i.i.d. returns). δ is negative when the mean
 * market return is below `riskFreeRate`; it is returned as is (blackLitterman and impliedReturns
 * then reject it, since they need δ in [1e-8, 1e8]).
 *
 * @param marketReturns market returns, oldest first, or a one-column ReturnTable; at least two
 *   finite values (a missing one is an error naming its position).
 * @throws {InsufficientDataError} with fewer than ddof + 1 returns.
 * @throws {InvalidArgumentError} on NaN / non-finite input, an unknown option, a zero variance or
 * one that overflows, or a δ that overflows (e.g. a `riskFreeRate` of 1e308; the error names the
 * input of largest magnitude).
 * @throws {SizeLimitError} above the size cap.
 *
 * Size cap: at most `SIZE_CAPS.periods` (10,000,000) returns.
 * @example
 * ```ts
 * import { impliedRiskAversion } from 'quantivista/black-litterman';
 * console.log(impliedRiskAversion([0.02, -0.01, 0.03, 0.0], { riskFreeRate: 0.001 })); // 27
 * // by hand: mean 0.01, excess 0.009; squared deviations 0.0001 + 0.0004 + 0.0004 + 0.0001 = 0.001,
 * // variance 0.001 / 3; δ = 0.009 / (0.001 / 3) = 27 (printed 27.000000000000007 in binary floating point)
 * ```
 */
export function impliedRiskAversion(marketReturns: VectorLike | TableLike, options?: ImpliedRiskAversionOptions): number {
  const fn = 'impliedRiskAversion';
  const opts = checkOptions(fn, options, ['riskFreeRate', 'ddof']);
  const rf = opts.riskFreeRate === undefined ? 0 : checkFinite(fn, 'riskFreeRate', opts.riskFreeRate);
  const ddof = opts.ddof === undefined ? 1 : checkInteger(fn, 'ddof', opts.ddof, 0);
  const r = toVector(seriesOnDates(fn, 'marketReturns', marketReturns, undefined) as VectorLike, fn, 'marketReturns');
  checkSizeCap(fn, 'marketReturns', r.length, SIZE_CAPS.periods);
  if (r.length < ddof + 1 || r.length < 2) {
    throw new InsufficientDataError(
      `${fn}: \`marketReturns\` needs at least ${Math.max(2, ddof + 1)} returns, got ${r.length}.`,
      Math.max(2, ddof + 1),
      r.length,
    );
  }
  const v = variance(r, { ddof });
  if (!Number.isFinite(v))
    throw new InvalidArgumentError(`${fn}: the variance of \`marketReturns\` overflows (${v}); pass returns as decimals.`, 'marketReturns', v);
  if (!(v > 0)) throw new InvalidArgumentError(`${fn}: \`marketReturns\` must have a positive variance, got ${v}.`, 'marketReturns', v);
  const delta = (mean(r) - rf) / v;
  guardFinite(
    fn,
    'δ',
    delta,
    [
      ['marketReturns', r],
      ['riskFreeRate', rf],
    ],
    BL_SCALE_HINT,
  );
  return delta;
}
