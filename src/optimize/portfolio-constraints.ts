/**
 * Internal: the constraint options shared by every portfolio optimiser — parsing, validation,
 * cheap infeasibility pre-checks, the kernel problem in the (possibly split) variables, names
 * of constraints in words, and the result record. This module gathers them; the parts live in
 * `constraint-types.ts` (shapes), `constraint-readers.ts` (one reader per kind of constraint),
 * `constraint-precheck.ts` (pre-checks) and `constraint-problem.ts` (kernel problem and result).
 *
 * Variables. Without turnover, transaction costs or leverage the kernel variables are the
 * weights w. With them, w = base + P − N with P, N ≥ 0 (buys / sells against the current
 * weights, or long / short parts when base = 0): the asset bounds lo ≤ w ≤ hi become simple
 * bounds P ∈ [max(lo − base, 0), max(hi − base, 0)], N ∈ [max(base − hi, 0), max(base − lo, 0)],
 * so every feasible w is representable and every (P, N) in the box gives a w in [lo, hi];
 * turnover Σ|w − w0| ≤ T and gross exposure Σ|w| ≤ L become the single row Σ(P + N) ≤ limit
 * (at an optimum where the row binds, P_j N_j = 0, so Σ(P + N) = Σ|w − base|).
 *
 * @internal
 * @module
 */
export {
  CONSTRAINT_KEYS,
  assetName,
  num,
  type ParsedConstraints,
  type PortfolioConstraints,
  type PortfolioGroup,
  type PortfolioLinearConstraint,
  type PortfolioResult,
} from './constraint-types.ts';
export { parseConstraints, readCovariance, readMeanVarianceInput, readMu, readOptimizerInput, readRiskFreeRate } from './constraint-readers.ts';
export {
  type BuiltProblem,
  type ExtraRow,
  type WeightObjective,
  bindingConstraints,
  buildProblem,
  dot,
  extraRowIndex,
  portfolioResult,
  quadForm,
  solveBuilt,
  weightsOf,
} from './constraint-problem.ts';
