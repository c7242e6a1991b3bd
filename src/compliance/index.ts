export { checkCompliance } from './check-compliance.ts';
export { preTradeCheck, type ProposedTrade, type TradeEffect, type PreTradeResult, type PreTradeCheckOptions } from './pre-trade-check.ts';
export type {
  ComplianceRule,
  ComplianceCheck,
  ComplianceResult,
  CompliancePortfolio,
  ComplianceHoldings,
  ComplianceHoldingsPosition,
  CompliancePosition,
  InstrumentKind,
  MaxWeightRule,
  MinWeightRule,
  GroupMaxRule,
  GroupMinRule,
  MaxPositionsRule,
  MaxLeverageRule,
  NetExposureRule,
  MinCashRule,
  LiquidityRule,
  RestrictedListRule,
  Ucits51040Rule,
  Diversified75510Rule,
} from './types.ts';
