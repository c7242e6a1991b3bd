/**
 * Result types of {@link performanceSummary}, shared by the public function and its fused kernel.
 *
 * @module
 */
import type { MaxDrawdown } from './drawdowns.ts';

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
  /** Table input only: the date of the first period used (returns are dated at the end of their period). */
  startDate?: string;
  /** Table input only: the date of the last period used. */
  endDate?: string;
  periodsPerYear: number | null;
  riskFreeRate: number;
  totalReturn: number;
  annualizedReturn: number;
  annualizedVolatility: number | null;
  sharpeRatio: number | null;
  sortinoRatio: number | null;
  calmarRatio: number | null;
  omegaRatio: number | null;
  /** The maximum drawdown; with a table input also its dates (as {@link drawdowns} gives them). */
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
