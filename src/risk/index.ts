export {
  valueAtRisk,
  expectedShortfall,
  VAR_METHODS,
  type VaRMethod,
  type ValueAtRiskOptions,
  type ValueAtRiskResult,
  type ExpectedShortfallResult,
} from './value-at-risk.ts';
export {
  componentRisk,
  type ComponentRiskOptions,
  type RiskDecompositionOptions,
  type ComponentRiskResult,
  type ComponentRiskMethod,
  type RiskMeasure,
  type AssetContribution,
} from './component-risk.ts';
export { incrementalVaR, type IncrementalVaROptions, type IncrementalVaRResult } from './incremental-var.ts';
export {
  monteCarloVaR,
  mergeMonteCarlo,
  type MonteCarloVaROptions,
  type MonteCarloVaRResult,
  type MonteCarloShard,
  type MonteCarloConfig,
} from './monte-carlo-var.ts';
export { kupiecTest, type KupiecTestResult, type BacktestOptions } from './kupiec-test.ts';
export { christoffersenTest, type ChristoffersenTestResult, type LikelihoodRatioTest } from './christoffersen-test.ts';
export { baselTrafficLight, type BaselTrafficLightOptions, type BaselTrafficLightResult } from './basel-traffic-light.ts';
export { backtestVaR, type BacktestVaROptions, type BacktestVaRResult } from './backtest-var.ts';
export {
  historicalStress,
  type HistoricalStressOptions,
  type HistoricalStressResult,
  type HistoricalStressWindowResult,
  type StressWindow,
  type IndexStressWindow,
  type DatedStressWindow,
} from './historical-stress.ts';
export { hypotheticalStress, type HypotheticalStressOptions, type HypotheticalStressResult } from './hypothetical-stress.ts';
export { reverseStress, type ReverseStressOptions, type ReverseStressResult } from './reverse-stress.ts';
export { liquidationSchedule, type LiquidationScheduleOptions, type LiquidationScheduleResult, type PositionLiquidation } from './liquidation-schedule.ts';
export type { WeightsInput } from './labelled-input.ts';
