import type { VectorLike } from '../core/matrix.ts';
import { centralSums } from '../core/stats.ts';
import { checkOptions } from '../core/validate.ts';
import { QuantError } from '../core/errors.ts';
import { annualizedReturnKernel } from './annualized-return.ts';
import { calmarKernel } from './calmar-ratio.ts';
import { captureKernel } from './capture-ratios.ts';
import { drawdownKernel, drawdownEpisodes, type MaxDrawdown } from './drawdowns.ts';
import { hitRateKernel } from './hit-rate.ts';
import { informationKernel } from './information-ratio.ts';
import { capmKernel, checkPeriodsPerYear, checkRate, diff, growthOf, sdOf, toBenchmark, toReturns } from './internal.ts';
import { omegaKernel } from './omega-ratio.ts';
import { psrKernel } from './probabilistic-sharpe-ratio.ts';
import { sharpeKernel } from './sharpe-ratio.ts';
import { sortinoKernel } from './sortino-ratio.ts';
import { ulcerKernel } from './ulcer-index.ts';

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

function orNull(f: () => number): number | null {
  try {
    const v = f();
    return Number.isFinite(v) ? v : null;
  } catch (e) {
    if (e instanceof QuantError) return null;
    throw e;
  }
}

/**
 * Every metric of the performance domain in one JSON-safe object, ready for a report. Each figure
 * follows the convention of its own function ({@link annualizedReturn}, {@link sharpeRatio},
 * {@link sortinoRatio}, {@link drawdowns}, ...): per period unless `periodsPerYear` is given;
 * `riskFreeRate` per period. A figure that is undefined for the data (zero volatility, no losing
 * period, no drawdown, a constant benchmark) is `null` rather than NaN or Infinity.
 *
 * Runs in O(T): a few passes over the series per metric, with the drawdowns computed once.
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
  const T = r.length;
  const scale = Math.sqrt(ppy ?? 1);

  const dd = drawdownKernel(r);
  const episodes = drawdownEpisodes(dd.series);
  let deepest: (typeof episodes)[number] | undefined;
  let longest = 0;
  for (const e of episodes) {
    if (!deepest || e.depth > deepest.depth) deepest = e;
    if (e.length > longest) longest = e.length;
  }
  let best = -Infinity;
  let worst = Infinity;
  for (let i = 0; i < T; i++) {
    const v = r[i] as number;
    if (v > best) best = v;
    if (v < worst) worst = v;
  }
  const moments = T >= 2 ? centralSums(r) : null;
  const m2 = moments ? moments[1] / T : 0;
  const annRet = annualizedReturnKernel(r, ppy);

  let relative: RelativePerformance | null = null;
  if (b) {
    const bAnn = annualizedReturnKernel(b, ppy);
    const capm = T >= 2 ? capmKernel(r, b, rf) : undefined;
    relative = {
      benchmarkTotalReturn: growthOf(b) - 1,
      benchmarkAnnualizedReturn: bAnn,
      excessAnnualizedReturn: annRet - bAnn,
      trackingError: T >= 2 ? sdOf(diff(r, b), 1) * scale : null,
      informationRatio: orNull(() => (T >= 2 ? informationKernel(fn, r, b, ppy) : NaN)),
      beta: capm ? capm.beta : null,
      alpha: capm ? capm.alpha * (ppy ?? 1) : null,
      upCapture: orNull(() => captureKernel(fn, r, b, ppy, true)),
      downCapture: orNull(() => captureKernel(fn, r, b, ppy, false)),
      hitRate: hitRateKernel(r, b),
    };
  }

  return {
    periods: T,
    periodsPerYear: ppy ?? null,
    riskFreeRate: rf,
    totalReturn: growthOf(r) - 1,
    annualizedReturn: annRet,
    annualizedVolatility: T >= 2 ? sdOf(r, 1) * scale : null,
    sharpeRatio: orNull(() => (T >= 2 ? sharpeKernel(fn, r, rf, ppy) : NaN)),
    sortinoRatio: orNull(() => sortinoKernel(fn, r, mar, ppy)),
    calmarRatio: orNull(() => calmarKernel(fn, r, ppy, dd.max)),
    omegaRatio: orNull(() => omegaKernel(fn, r, theta)),
    maxDrawdown: deepest ? { depth: deepest.depth, peak: deepest.start, trough: deepest.trough, recovery: deepest.end } : { depth: 0, peak: null, trough: null, recovery: null },
    longestDrawdown: longest,
    ulcerIndex: ulcerKernel(r, dd.series),
    skewness: moments && m2 > 0 ? moments[2] / T / Math.pow(m2, 1.5) : null,
    kurtosis: moments && m2 > 0 ? moments[3] / T / (m2 * m2) - 3 : null,
    hitRate: hitRateKernel(r, undefined),
    probabilisticSharpeRatio: orNull(() => (T >= 2 ? psrKernel(fn, r, rf, 0) : NaN)),
    bestPeriod: best,
    worstPeriod: worst,
    relative,
  };
}
