/**
 * Internal: the compliance domain's view of a portfolio, read from {@link Holdings} (or the
 * older `CompliancePortfolio`, which is a subset of it plus `kind` and `issuerVotingShares`).
 * @module
 * @internal
 */
import { InvalidArgumentError } from '../core/errors.ts';
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

/** NAV and weights of positions and cash (NAV = 1 on the weights basis). @internal */
export function fromParts(
  fn: string,
  positions: CompliancePosition[],
  cash: number,
  basis: 'values' | 'weights',
  prices: Map<string, ExactAmount>,
): NormalisedPortfolio {
  let nav = cash;
  for (const p of positions) nav += p.marketValue;
  if (basis === 'weights') nav = 1;
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
