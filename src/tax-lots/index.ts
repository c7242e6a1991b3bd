/**
 * `quantivista/tax-lots`: the tax-lot ledger (relief methods, wash sales, holding periods),
 * realised and unrealised gains, tax-loss harvesting and portfolio valuation, in exact decimals.
 *
 * @module
 */
export * from './types.ts';
export { buildLedger, RELIEF_METHODS, TAX_TRANSACTION_TYPES } from './build-ledger.ts';
export { longTermStartDate, holdingPeriodTerm } from './holding-period.ts';
export { realizedGains, type RealizedGainsOptions, type RealizedGainsResult, type Form8949Row, type RealizedGainTotals } from './realized-gains.ts';
export { unrealizedGains, type UnrealizedGainsOptions, type UnrealizedGainsResult, type UnrealizedLot, type UnrealizedAsset } from './unrealized-gains.ts';
export { harvestCandidates, type HarvestCandidatesOptions, type HarvestCandidatesResult, type HarvestCandidate } from './harvest-candidates.ts';
export { valuePortfolio, type PortfolioPositionInput, type ValuePortfolioOptions, type ValuedPosition, type PortfolioValuation } from './value-portfolio.ts';
