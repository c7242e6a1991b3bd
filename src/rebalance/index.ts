export { driftWeights, type DriftWeightsResult } from './drift-weights.ts';
export type { Band } from './bands.ts';
export { driftReport, type DriftReport, type DriftReportOptions, type DriftEntry, type DriftGroup } from './drift-report.ts';
export { rebalanceSignal, type RebalancePolicy, type RebalanceSignal, type RebalanceSignalInput, type CalendarFrequency } from './rebalance-signal.ts';
export { transactionCost, proportionalCostRate, type CostModel, type CostTrade, type CostBreakdown } from './transaction-cost.ts';
export { rebalanceTrades, type RebalanceTradesInput, type RebalanceTradesResult, type RebalanceOrder, type MoneyAmount } from './rebalance-trades.ts';
export { rebalanceCostBenefit, type RebalanceCostBenefitInput, type RebalanceCostBenefitResult } from './rebalance-cost-benefit.ts';
export { simulateRebalancing, type SimulateRebalancingOptions, type SimulateRebalancingResult } from './simulate-rebalancing.ts';
export {
  taxAwareRebalance,
  type TaxAwareRebalanceInput,
  type TaxAwareRebalanceResult,
  type TaxAwareOrder,
  type TaxAwareLotSale,
} from './tax-aware-rebalance.ts';
