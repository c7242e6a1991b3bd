/**
 * Data types of the compliance domain: portfolios, positions, rules (rules are plain data, so
 * they can be stored, sent and versioned), and the results of a check.
 * @module
 */
import type { Holdings, HoldingsPosition } from '../core/holdings.ts';

/** Instrument categories that matter to the rule sets (the 75-5-10 test treats some specially). */
export type InstrumentKind = 'security' | 'government' | 'investment-company' | 'cash-item';

/** A position of a portfolio under compliance checks. */
export interface CompliancePosition {
  /** Asset identifier (ticker, ISIN, ...). Unique within the portfolio. */
  asset: string;
  /** Market value in the portfolio's currency; negative for a short. */
  marketValue: number;
  /** Number of shares (units); needed by the liquidity rule and the 10 %-of-voting-securities test. */
  quantity?: number;
  /** Issuer (for the UCITS and 75-5-10 issuer-concentration rules). Default: the asset itself. */
  issuer?: string;
  /** Group tags, e.g. `{ sector: 'Energy', country: 'DE', assetClass: 'Equity' }`. */
  tags?: Record<string, string>;
  /** Average daily volume in shares (liquidity rule). */
  averageDailyVolume?: number;
  /** Instrument kind (75-5-10 test). Default `'security'`. */
  kind?: InstrumentKind;
  /** Outstanding voting securities of the issuer, in shares (75-5-10 test's 10 % limit). */
  issuerVotingShares?: number;
}

/** A position of {@link ComplianceHoldings}: a `Holdings` position with the compliance fields. */
export interface ComplianceHoldingsPosition extends HoldingsPosition {
  /** Instrument kind (75-5-10 test). Default `'security'`. */
  kind?: InstrumentKind;
  /** Outstanding voting securities of the issuer, in shares (75-5-10 test's 10 % limit). */
  issuerVotingShares?: number;
}

/** `Holdings` whose positions may carry the compliance fields `kind` and `issuerVotingShares`. */
export interface ComplianceHoldings extends Holdings {
  positions: ComplianceHoldingsPosition[];
}

/** A portfolio by market values (the older form; {@link ComplianceHoldings} is accepted too). Net asset value (NAV) = Σ marketValue + cash. */
export interface CompliancePortfolio {
  positions: CompliancePosition[];
  /** Cash (and cash items) in the portfolio's currency. Default 0. */
  cash?: number;
}

interface RuleBase {
  /** Identifier used in results; default `<type>#<index>`. */
  id?: string;
}

/** Each asset's weight (market value / NAV) at most `limit`, a fraction of NAV (0.1 = 10 %; above 1 in magnitude is refused as a percentage); `assets` restricts the rule to some assets (default: all). */
export interface MaxWeightRule extends RuleBase {
  type: 'max-weight';
  limit: number;
  assets?: string[];
}
/** Each listed asset's weight at least `limit`, a fraction of NAV (a missing asset has weight 0). */
export interface MinWeightRule extends RuleBase {
  type: 'min-weight';
  limit: number;
  assets: string[];
}
/** Each group's total weight (positions whose `tags[tag]` equals the group) at most `limit`, a fraction of NAV; `groups` restricts to some groups (default: every group present). */
export interface GroupMaxRule extends RuleBase {
  type: 'group-max';
  tag: string;
  limit: number;
  groups?: string[];
}
/** Each listed group's total weight at least `limit`, a fraction of NAV. */
export interface GroupMinRule extends RuleBase {
  type: 'group-min';
  tag: string;
  limit: number;
  groups: string[];
}
/** At most `limit` positions with non-zero market value (a count). */
export interface MaxPositionsRule extends RuleBase {
  type: 'max-positions';
  limit: number;
}
/** Leverage = gross exposure Σ|marketValue| / NAV at most `limit`, a multiple of NAV (1.5 = 150 %; beyond 10 is refused as a percentage). */
export interface MaxLeverageRule extends RuleBase {
  type: 'max-leverage';
  limit: number;
}
/** Net exposure Σ marketValue / NAV within [`min`, `max`], multiples of NAV (1 = 100 %; beyond ±10 is refused as a percentage). */
export interface NetExposureRule extends RuleBase {
  type: 'net-exposure';
  min?: number;
  max?: number;
}
/** Cash / NAV at least `limit`, a fraction of NAV. */
export interface MinCashRule extends RuleBase {
  type: 'min-cash';
  limit: number;
}
/** Each position can be liquidated within `maxDays` trading at `participation` (default 0.2) of its average daily volume: |quantity| / (participation · ADV) ≤ maxDays. */
export interface LiquidityRule extends RuleBase {
  type: 'liquidity';
  maxDays: number;
  participation?: number;
}
/** No position in any of `assets` (by asset or issuer). */
export interface RestrictedListRule extends RuleBase {
  type: 'restricted';
  assets: string[];
}
/**
 * UCITS issuer concentration, Directive 2009/65/EC Art. 52(1)(a) and 52(2): at most 5 % of NAV
 * in transferable securities of one issuer, raised to 10 % provided the issuers above 5 %
 * together make at most 40 %. `limits` overrides `{ single: 0.05, raised: 0.10, aggregate: 0.40 }`.
 * Government and cash-item positions are outside this rule (Art. 52(3) raises their limit to 35 %;
 * not modelled).
 */
export interface Ucits51040Rule extends RuleBase {
  type: 'ucits-5-10-40';
  limits?: { single?: number; raised?: number; aggregate?: number };
}
/**
 * The US Investment Company Act §5(b)(1) "diversified company" test (75-5-10): at least 75 % of
 * total assets in cash items, government securities, securities of other investment companies,
 * and other securities limited per issuer to 5 % of total assets and 10 % of the issuer's
 * outstanding voting securities. `interpretation: 'exclude'` (default, the conservative
 * reading) puts every issuer over either limit wholly outside the 75 % basket; `'cap'` counts
 * such an issuer in the basket up to the limits ("limited ... to an amount not greater than").
 */
export interface Diversified75510Rule extends RuleBase {
  type: 'diversified-75-5-10';
  interpretation?: 'exclude' | 'cap';
}

/** A compliance rule (plain data). */
export type ComplianceRule =
  | MaxWeightRule
  | MinWeightRule
  | GroupMaxRule
  | GroupMinRule
  | MaxPositionsRule
  | MaxLeverageRule
  | NetExposureRule
  | MinCashRule
  | LiquidityRule
  | RestrictedListRule
  | Ucits51040Rule
  | Diversified75510Rule;

/** One measured limit of one rule. */
export interface ComplianceCheck {
  /** The rule's id. */
  ruleId: string;
  /** The rule's type. */
  ruleType: ComplianceRule['type'];
  /** What was measured, in words (e.g. "weight of AAA", "issuers above 5 % together"). */
  subject: string;
  /** The measured value (a fraction of NAV, a count or days). */
  measured: number;
  /** The limit it is held against. */
  limit: number;
  /** `'max'` when measured must be ≤ limit, `'min'` when ≥ limit. */
  bound: 'max' | 'min';
  /** Room left before a breach: limit − measured for a max, measured − limit for a min. Negative in a breach. */
  headroom: number;
  /** Whether the limit is broken. */
  breached: boolean;
  /** Assets involved. */
  assets: string[];
}

/** Result of {@link checkCompliance}. */
export interface ComplianceResult {
  /** True when no check is breached. */
  compliant: boolean;
  /** The breached checks. */
  breaches: ComplianceCheck[];
  /** Every check made, breached or not. */
  checks: ComplianceCheck[];
  /** Net asset value used for the weights. */
  nav: number;
}
