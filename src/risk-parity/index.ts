/**
 * Risk parity: risk contributions, risk budgeting and equal risk contribution portfolios,
 * hierarchical risk parity (HRP) and hierarchical equal risk contribution (HERC).
 *
 * @module
 */
export { riskContributions, type RiskContributionsOptions, type RiskContributionsResult, type AssetRiskContribution } from './risk-contributions.ts';
export { riskBudgeting, type RiskBudgetingOptions, type RiskBudgetingResult, type WeightBounds } from './risk-budgeting.ts';
export { equalRiskContribution, type EqualRiskContributionOptions } from './equal-risk-contribution.ts';
export {
  hierarchicalRiskParity,
  type HierarchicalRiskParityOptions,
  type HierarchicalRiskParityResult,
  type BisectionStep,
  type Dendrogram,
  type HierarchicalInput,
  type LinkageMethod,
} from './hierarchical-risk-parity.ts';
export {
  hierarchicalEqualRiskContribution,
  type HierarchicalEqualRiskContributionOptions,
  type HierarchicalEqualRiskContributionResult,
  type HercCluster,
} from './hierarchical-equal-risk-contribution.ts';
export type { LowerUpperBounds } from './bounds.ts';
