/**
 * Internal: the compliance domain's view of a portfolio, read from {@link Holdings} (or the
 * older `CompliancePortfolio`, which is a subset of it plus `kind` and `issuerVotingShares`).
 * @module
 * @internal
 */
import { InvalidArgumentError } from '../core/errors.ts';
import { checkSizeCap, SIZE_CAPS } from '../core/limits.ts';
import { readHoldings, type ExactAmount, type Holdings } from '../core/holdings.ts';
import { checkOneOf, checkRange } from '../core/validate.ts';
import type { ComplianceHoldings, CompliancePortfolio, CompliancePosition, InstrumentKind } from './types.ts';

/** A validated portfolio with weights. @internal */
export interface NormalisedPortfolio {
  positions: CompliancePosition[];
  cash: number;
  nav: number;
  weights: Map<string, number>;
  /** `'weights'`: positions were given by weight only; market values are then fractions of NAV (NAV = 1). */
  basis: 'values' | 'weights';
  /** Price per asset where the holdings give one (orders without a price use it). */
  prices: Map<string, ExactAmount>;
}

/**
 * Size caps of the compliance checks: at most 20,000 positions (`SIZE_CAPS.assets`), 1,000
 * rules, 1,000 trades, and at most 200,000 rule-position evaluations in all
 * ((trades + 2) × rules × (positions + trades) for preTradeCheck, rules × positions for
 * checkCompliance). Checked on the raw array lengths before anything is read. @internal
 */
export const COMPLIANCE_CAPS = Object.freeze({ positions: SIZE_CAPS.assets, rules: 1_000, trades: 1_000, evaluations: 200_000 });

/** Refuse inputs above {@link COMPLIANCE_CAPS} with a `SizeLimitError`. @internal */
export function checkComplianceSize(fn: string, portfolio: unknown, rules: unknown, trades?: unknown): void {
  const len = (v: unknown): number => (Array.isArray(v) ? v.length : 0);
  const positions = portfolio !== null && typeof portfolio === 'object' ? len((portfolio as { positions?: unknown }).positions) : 0;
  const nRules = len(rules);
  const nTrades = len(trades);
  checkSizeCap(fn, 'portfolio.positions', positions, COMPLIANCE_CAPS.positions, 'split the book into sub-portfolios');
  checkSizeCap(fn, 'rules', nRules, COMPLIANCE_CAPS.rules, 'check the rule book in parts');
  if (trades !== undefined) checkSizeCap(fn, 'trades', nTrades, COMPLIANCE_CAPS.trades, 'check the trades in batches');
  const work = trades === undefined ? nRules * positions : (nTrades + 2) * nRules * (positions + nTrades);
  checkSizeCap(
    fn,
    trades === undefined ? 'rules' : 'trades',
    work,
    COMPLIANCE_CAPS.evaluations,
    'fewer rules, positions or trades per call (rule-position evaluations)',
  );
}

/** NAV and weights of positions and cash (NAV = 1 on the weights basis). @internal */
export function fromParts(
  fn: string,
  positions: CompliancePosition[],
  cash: number,
  basis: 'values' | 'weights',
  prices: Map<string, ExactAmount>,
): NormalisedPortfolio {
  let nav = cash;
  for (const p of positions) {
    if (!Number.isFinite(p.marketValue)) {
      throw new InvalidArgumentError(
        `${fn}: the market value of ${p.asset} overflows the double range (${p.marketValue}); quantities and prices must be real amounts, far below 1e300.`,
        'portfolio',
        p.asset,
      );
    }
    nav += p.marketValue;
  }
  if (basis === 'weights') nav = 1;
  if (!Number.isFinite(nav)) {
    throw new InvalidArgumentError(
      `${fn}: the portfolio's net asset value overflows the double range; amounts must be far below 1e300.`,
      'portfolio',
      String(nav),
    );
  }
  if (!(nav > 0)) {
    throw new InvalidArgumentError(`${fn}: the portfolio's net asset value (positions + cash) must be positive, got ${nav}.`, 'portfolio', nav);
  }
  const weights = new Map<string, number>();
  for (const p of positions) weights.set(p.asset, p.marketValue / nav);
  return { positions, cash, nav, weights, basis, prices };
}

/** Validate a portfolio (Holdings, or the older compliance shape) and compute NAV and weights. @internal */
export function normalisePortfolio(fn: string, portfolio: ComplianceHoldings | CompliancePortfolio): NormalisedPortfolio {
  const h = readHoldings(fn, 'portfolio', portfolio as Holdings, { extraKeys: ['kind', 'issuerVotingShares'] });
  const prices = new Map<string, ExactAmount>();
  const positions = h.positions.map((p, i) => {
    const where = `portfolio.positions[${i}]`;
    const { kind, issuerVotingShares } = p.extra as { kind?: unknown; issuerVotingShares?: unknown };
    if (issuerVotingShares !== undefined) checkRange(fn, `${where}.issuerVotingShares`, issuerVotingShares, { min: 0, minOpen: true });
    if (kind !== undefined) checkOneOf(fn, `${where}.kind`, kind, ['security', 'government', 'investment-company', 'cash-item']);
    if (p.price) prices.set(p.asset, p.price);
    const out: CompliancePosition = { asset: p.asset, marketValue: h.basis === 'weights' ? (p.weight as number) : (p.marketValue as ExactAmount).number };
    if (p.quantity) out.quantity = p.quantity.number;
    if (p.issuer !== undefined) out.issuer = p.issuer;
    if (Object.keys(p.tags).length > 0) out.tags = { ...p.tags };
    if (p.averageDailyVolume !== undefined) out.averageDailyVolume = p.averageDailyVolume;
    if (kind !== undefined) out.kind = kind as InstrumentKind;
    if (issuerVotingShares !== undefined) out.issuerVotingShares = issuerVotingShares as number;
    return out;
  });
  return fromParts(fn, positions, h.cash.number, h.basis, prices);
}

/** Refuse a rule that needs money values on weight-only holdings. @internal */
export function needValues(pf: NormalisedPortfolio, id: string, type: string, what: string): void {
  if (pf.basis !== 'weights') return;
  throw new InvalidArgumentError(
    `checkCompliance: rule '${id}' (${type}) needs position values (${what}), but the holdings give positions by weight only; give quantities and prices or market values.`,
    'portfolio',
    id,
  );
}
