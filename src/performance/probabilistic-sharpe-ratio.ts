import type { VectorLike } from '../core/matrix.ts';
import { centralSums } from '../core/stats.ts';
import type { ReturnTable, TableLike } from '../core/table.ts';
import { checkFinite, checkOptions } from '../core/validate.ts';
import { psrFrom, sharpeEstimateVariance, standardizedMoments } from './metric-formulas.ts';
import { checkRate, undefinedRatio } from './internal.ts';
import { perAssetNumber, readSeries, type MissingReturnsOption, type ReturnsInput } from './series-input.ts';
import { sharpeKernel } from './sharpe-ratio.ts';

/** Options of {@link probabilisticSharpeRatio}. */
export interface ProbabilisticSharpeOptions extends MissingReturnsOption {
  /** Risk-free rate per period (default 0). */
  riskFreeRate?: number;
  /** The benchmark Sharpe ratio SR*, PER PERIOD (not annualised). Default 0. */
  benchmarkSharpe?: number;
}

/**
 * Probabilistic Sharpe ratio (Bailey & López de Prado 2012, "The Sharpe Ratio Efficient Frontier",
 * eq. 11): the probability that the true Sharpe ratio exceeds SR*,
 * `Φ( (SR − SR*) √(T − 1) / √(1 − γ₃ SR + (γ₄ − 1)/4 · SR²) )`, where SR is the per-period
 * {@link sharpeRatio} (sd with ddof = 1), γ₃ the skewness and γ₄ the (non-excess) kurtosis of the
 * returns, both the population moment estimators (m₃/m₂^1.5, m₄/m₂², as in the paper). In [0, 1].
 *
 * `returns` may be a `ReturnTable`: one column gives the number, several a record keyed by ticker,
 * each over its own history (leading blanks skipped; a later gap throws naming the asset and date
 * unless `missing: 'drop'`).
 *
 * @throws {InsufficientDataError} with fewer than 2 periods.
 * @throws {InvalidArgumentError} when the returns are constant, on non-finite entries or bad options, or when the result is beyond the double range (overflow; returns beyond 2^±400 are first scaled by a power of two where that keeps the answer finite).
 * @example
 * ```ts
 * import { probabilisticSharpeRatio } from 'quantivista/performance';
 * console.log(probabilisticSharpeRatio([0.01, -0.02, 0.03, 0.02, 0.015, -0.005])); // 0.81893939631143...
 * const t = { kind: 'returns', dates: ['2024-01-31', '2024-02-29', '2024-03-31', '2024-04-30', '2024-05-31', '2024-06-30'],
 *   assets: ['A'], values: [[0.01], [-0.02], [0.03], [0.02], [0.015], [-0.005]] } as const;
 * console.log(probabilisticSharpeRatio(t)); // 0.81893939631143...
 * ```
 */
export function probabilisticSharpeRatio(returns: VectorLike, options?: ProbabilisticSharpeOptions): number;
export function probabilisticSharpeRatio(returns: ReturnTable | TableLike, options?: ProbabilisticSharpeOptions): number | Record<string, number>;
export function probabilisticSharpeRatio(returns: ReturnsInput, options?: ProbabilisticSharpeOptions): number | Record<string, number> {
  const fn = 'probabilisticSharpeRatio';
  const opts = checkOptions(fn, options, ['riskFreeRate', 'benchmarkSharpe', 'missing']);
  const rf = checkRate(fn, 'riskFreeRate', opts.riskFreeRate);
  const srStar = opts.benchmarkSharpe === undefined ? 0 : checkFinite(fn, 'benchmarkSharpe', opts.benchmarkSharpe);
  const read = readSeries(fn, returns, { min: 2, missing: opts.missing });
  return perAssetNumber(read, (s) => psrKernel(s.fn, s.r, rf, srStar));
}

/** Kernel of {@link probabilisticSharpeRatio}. @internal */
export function psrKernel(fn: string, r: Float64Array, rf: number, srStar: number): number {
  const sr = sharpeKernel(fn, r, rf, undefined);
  const n = r.length;
  const [, s2, s3, s4] = centralSums(r);
  const { g3, g4 } = standardizedMoments(n, s2, s3, s4);
  const v = sharpeEstimateVariance(sr, g3, g4);
  if (!(v > 0)) undefinedRatio(fn, 'returns', 'the variance of the Sharpe ratio estimate is not positive (a two-point distribution)');
  return psrFrom(sr, srStar, n, v);
}
