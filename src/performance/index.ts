/**
 * Performance measurement: return and risk-adjusted metrics, drawdowns, rolling metrics, a summary,
 * and returns with external cash flows (time- and money-weighted).
 *
 * Conventions: per-period inputs; annualised only with an explicit `periodsPerYear`; `riskFreeRate`
 * per period; sample standard deviations (ddof = 1); drawdowns on the compounded wealth index as
 * positive fractions. Skewness and kurtosis are core's (`skewness`, `kurtosis`) and appear in
 * {@link performanceSummary}.
 *
 * Tables: every metric that reads a return series (and a benchmark) also takes a `ReturnTable`. A
 * one-column table gives the plain result; a table of several columns gives a record keyed by
 * ticker, `Record<string, result>`. Each column uses its own history: its leading blanks (a late
 * listing) are skipped, while a later missing value throws an error naming the asset and the date
 * unless `missing: 'drop'` leaves that period out. A benchmark table (one column) is aligned on the
 * returns' dates by an inner join; no common date throws. Results that have positions become dated:
 * {@link drawdowns} (peak, trough and recovery dates), {@link rollingMetric} (the date of each
 * window's end) and {@link performanceSummary} (start and end dates).
 *
 * @module
 */
export { annualizedReturn, type AnnualizedReturnOptions } from './annualized-return.ts';
export { annualizedVolatility, type AnnualizedVolatilityOptions } from './annualized-volatility.ts';
export { sharpeRatio, type SharpeRatioOptions } from './sharpe-ratio.ts';
export { sortinoRatio, type SortinoRatioOptions } from './sortino-ratio.ts';
export { calmarRatio, type CalmarRatioOptions } from './calmar-ratio.ts';
export { omegaRatio, type OmegaRatioOptions } from './omega-ratio.ts';
export { informationRatio, type InformationRatioOptions } from './information-ratio.ts';
export { trackingError, type TrackingErrorOptions } from './tracking-error.ts';
export { beta, type BetaOptions } from './beta.ts';
export { alpha, type AlphaOptions } from './alpha.ts';
export { upCapture, downCapture, type CaptureOptions } from './capture-ratios.ts';
export { hitRate, type HitRateOptions } from './hit-rate.ts';
export { ulcerIndex, type UlcerIndexOptions } from './ulcer-index.ts';
export { probabilisticSharpeRatio, type ProbabilisticSharpeOptions } from './probabilistic-sharpe-ratio.ts';
export { drawdowns, type DrawdownsOptions, type DrawdownsResult, type DrawdownEpisode, type MaxDrawdown } from './drawdowns.ts';
export { rollingMetric, type RollingMetricName, type RollingMetricFunction, type RollingMetricOptions, type RollingMetricSeries } from './rolling-metric.ts';
export type { MissingReturnsOption } from './series-input.ts';
export { performanceSummary, type PerformanceSummary, type PerformanceSummaryOptions, type RelativePerformance } from './performance-summary.ts';
export { timeWeightedReturn, type TimeWeightedReturnOptions, type TimeWeightedReturnResult } from './time-weighted-return.ts';
export {
  modifiedDietz,
  linkedModifiedDietz,
  type DatedFlow,
  type DietzPeriod,
  type ModifiedDietzOptions,
  type ModifiedDietzResult,
  type LinkedModifiedDietzResult,
} from './modified-dietz.ts';
export {
  moneyWeightedReturn,
  xirr,
  type IrrResult,
  type MoneyWeightedReturnOptions,
  type MoneyWeightedReturnResult,
  type XirrOptions,
} from './money-weighted-return.ts';
