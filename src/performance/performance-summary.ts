import type { VectorLike } from '../core/matrix.ts';
import { checkOptions } from '../core/validate.ts';
import type { MaxDrawdown } from './drawdowns.ts';
import { checkPeriodsPerYear, checkRate, finiteAnnualized, toBenchmark, toReturns } from './internal.ts';
import { summaryKernel } from './summary-kernel.ts';

/** Options of {@link performanceSummary}. */
export interface PerformanceSummaryOptions {
  /** Benchmark returns (same periods): adds the relative metrics. */
  benchmark?: VectorLike;
  /** Risk-free rate per period (default 0), used by Sharpe, alpha and the probabilistic Sharpe ratio. */
  riskFreeRate?: number;
  /** Periods per year: annualises return, volatility, Sharpe, Sortino, Calmar, tracking error, information ratio and alpha. */
  periodsPerYear?: number;
  /** Minimum acceptable return per period for Sortino (default 0). */
  minimumAcceptableReturn?: number;
  /** Threshold per period for Omega (default 0). */
  omegaThreshold?: number;
}

/** Benchmark-relative part of {@link PerformanceSummary}. `null` marks a figure that is undefined for the data. */
export interface RelativePerformance {
  benchmarkTotalReturn: number;
  benchmarkAnnualizedReturn: number;
  /** annualizedReturn − benchmarkAnnualizedReturn (geometric legs, arithmetic difference). */
  excessAnnualizedReturn: number;
  trackingError: number | null;
  informationRatio: number | null;
  beta: number | null;
  alpha: number | null;
  upCapture: number | null;
  downCapture: number | null;
  /** Fraction of periods beating the benchmark. */
  hitRate: number;
}

/** Result of {@link performanceSummary}. `null` marks a figure that is undefined for the data (e.g. Sortino with no losing period). */
export interface PerformanceSummary {
  periods: number;
  periodsPerYear: number | null;
  riskFreeRate: number;
  totalReturn: number;
  annualizedReturn: number;
  annualizedVolatility: number | null;
  sharpeRatio: number | null;
  sortinoRatio: number | null;
  calmarRatio: number | null;
  omegaRatio: number | null;
  maxDrawdown: MaxDrawdown;
  /** Longest peak-to-recovery (or peak-to-end) episode, in periods (0 when wealth never falls). */
  longestDrawdown: number;
  ulcerIndex: number;
  /** Population skewness g1 (as core `skewness`). */
  skewness: number | null;
  /** Population excess kurtosis g2 (as core `kurtosis`). */
  kurtosis: number | null;
  /** Fraction of periods with a positive return. */
  hitRate: number;
  probabilisticSharpeRatio: number | null;
  bestPeriod: number;
  worstPeriod: number;
  /** Present when a benchmark is given. */
  relative: RelativePerformance | null;
}

/**
 * Every metric of the performance domain in one JSON-safe object, ready for a report. Each figure
 * follows the convention of its own function ({@link annualizedReturn}, {@link sharpeRatio},
 * {@link sortinoRatio}, {@link drawdowns}, ...): per period unless `periodsPerYear` is given;
 * `riskFreeRate` per period. A figure that is undefined for the data (zero volatility, no losing
 * period, no drawdown, a constant benchmark) is `null` rather than NaN or Infinity.
 *
 * Runs in O(T) with no per-element allocation: the series is converted and validated once, then two
 * fused passes compute every figure (each with the same compensated sums and expressions as its own
 * function, so the summary agrees with the individual metrics to the bit).
 *
 * @throws {InsufficientDataError} on an empty series. @throws {DimensionError} when the benchmark length differs.
 * @throws {InvalidArgumentError} on non-finite entries, returns below −1, or bad options.
 * @example
 * ```ts
 * import { performanceSummary } from 'quantivista/performance';
 * const s = performanceSummary([0.02, -0.01, 0.03, -0.02, 0.01], { benchmark: [0.01, -0.01, 0.02, -0.01, 0.0], periodsPerYear: 12 });
 * console.log(s.maxDrawdown.depth); // 0.02
 * console.log(s.relative?.hitRate); // 0.6
 * ```
 */
export function performanceSummary(returns: VectorLike, options?: PerformanceSummaryOptions): PerformanceSummary {
  const fn = 'performanceSummary';
  const opts = checkOptions(fn, options, ['benchmark', 'riskFreeRate', 'periodsPerYear', 'minimumAcceptableReturn', 'omegaThreshold']);
  const ppy = checkPeriodsPerYear(fn, opts.periodsPerYear);
  const rf = checkRate(fn, 'riskFreeRate', opts.riskFreeRate);
  const mar = checkRate(fn, 'minimumAcceptableReturn', opts.minimumAcceptableReturn);
  const theta = checkRate(fn, 'omegaThreshold', opts.omegaThreshold);
  const r = toReturns(fn, 'returns', returns, 1);
  const b = opts.benchmark === undefined ? undefined : toBenchmark(fn, opts.benchmark, r.length);
  const k = summaryKernel(r, b, rf, mar, theta, ppy);
  finiteAnnualized(fn, k.annualizedReturn, ppy);
  if (k.relative) finiteAnnualized(fn, k.relative.benchmarkAnnualizedReturn, ppy);
  // the other annualised figures are ratios (null when not finite) or scale by √periodsPerYear
  for (const key of ['annualizedVolatility', 'sharpeRatio', 'sortinoRatio'] as const) {
    const v = k[key];
    if (v !== null) finiteAnnualized(fn, v, ppy);
  }
  if (k.relative) for (const v of [k.relative.trackingError, k.relative.informationRatio, k.relative.alpha]) if (v !== null) finiteAnnualized(fn, v, ppy);
  return { periods: r.length, periodsPerYear: ppy ?? null, riskFreeRate: rf, ...k };
}
