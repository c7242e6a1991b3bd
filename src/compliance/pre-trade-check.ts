import { InvalidArgumentError } from '../core/errors.ts';
import { exactProduct, readOrder, type Holdings, type Order } from '../core/holdings.ts';
import { checkFinite, checkOptions } from '../core/validate.ts';
import { evaluateRuleKeyed, normaliseRules, type KeyedCheck } from './check-compliance.ts';
import { checkComplianceSize, fromParts, normalisePortfolio, type NormalisedPortfolio } from './portfolio.ts';
import type { ComplianceCheck, ComplianceHoldings, CompliancePortfolio, CompliancePosition, ComplianceResult, ComplianceRule } from './types.ts';

/** A proposed trade. */
export interface ProposedTrade {
  /** Asset traded. */
  asset: string;
  /** Money value of the trade: positive buys, negative sells. Cash moves by −value. */
  value: number;
  /** Shares traded (positive buys, negative sells); updates `quantity` when the position has one. */
  quantity?: number;
  /** For an asset not yet held: its static data (issuer, tags, ADV, kind, issuerVotingShares). */
  position?: Omit<CompliancePosition, 'asset' | 'marketValue' | 'quantity'>;
}

/** How one trade (applied alone to the current portfolio) changes one check. */
export interface TradeEffect {
  /** Index of the trade in the input. */
  trade: number;
  asset: string;
  /** `'causes'`: the check passes now and breaks with this trade; `'cures'`: the reverse; `'worsens'` / `'improves'`: breached both ways, headroom smaller / larger. */
  effect: 'causes' | 'cures' | 'worsens' | 'improves';
  ruleId: string;
  subject: string;
  headroomBefore: number;
  headroomAfter: number;
}

/** Result of {@link preTradeCheck}. */
export interface PreTradeResult {
  /** Compliance of the current portfolio. */
  before: ComplianceResult;
  /** Compliance after all trades. */
  after: ComplianceResult;
  /** Checks breached after the trades but not before. */
  newBreaches: ComplianceCheck[];
  /** Checks breached before but not after. */
  curedBreaches: ComplianceCheck[];
  /** Per-trade effects, each trade applied alone to the current portfolio. */
  tradeEffects: TradeEffect[];
  /** True when the trades leave no breach that was not already there and worsen none. */
  approved: boolean;
  /** The portfolio after the trades. */
  portfolioAfter: CompliancePortfolio;
}

/** Options of {@link preTradeCheck}. */
export interface PreTradeCheckOptions {
  /** Allow trades that leave a position short (negative market value or quantity). Default false: such a trade throws. */
  allowShort?: boolean;
}

/** A trade as applied: money value (positive buys) and signed units; `order`: from an {@link Order}, which updates units only where the position has them. */
interface Trade {
  asset: string;
  value: number;
  quantity?: number;
  position?: ProposedTrade['position'];
  order: boolean;
}

function applyTrades(fn: string, portfolio: NormalisedPortfolio, trades: Trade[], allowShort = true): NormalisedPortfolio {
  const positions = new Map<string, CompliancePosition>();
  for (const p of portfolio.positions) positions.set(p.asset, { ...p, ...(p.tags ? { tags: { ...p.tags } } : {}) });
  let cash = portfolio.cash;
  for (const t of trades) {
    const cur = positions.get(t.asset);
    if (cur) {
      const next: CompliancePosition = { ...cur, marketValue: cur.marketValue + t.value };
      if (t.quantity !== undefined) {
        if (cur.quantity !== undefined) next.quantity = cur.quantity + t.quantity;
        else if (!t.order) {
          throw new InvalidArgumentError(
            `${fn}: a trade in ${t.asset} gives \`quantity\` but the position has none; give both or neither.`,
            'quantity',
            t.asset,
          );
        }
      }
      if (!allowShort && (next.marketValue < 0 || (next.quantity !== undefined && next.quantity < 0))) {
        throw new InvalidArgumentError(
          `${fn}: the trade in ${t.asset} (value ${t.value}) sells more than is held (market value ${cur.marketValue}); pass \`allowShort: true\` to allow short positions.`,
          'trades',
          t.asset,
        );
      }
      positions.set(t.asset, next);
    } else {
      if (!allowShort && (t.value < 0 || (t.quantity !== undefined && t.quantity < 0))) {
        throw new InvalidArgumentError(
          `${fn}: the trade sells ${t.asset}, which is not held; pass \`allowShort: true\` to allow short positions.`,
          'trades',
          t.asset,
        );
      }
      positions.set(t.asset, { ...(t.position ?? {}), asset: t.asset, marketValue: t.value, ...(t.quantity !== undefined ? { quantity: t.quantity } : {}) });
    }
    cash -= t.value;
  }
  return fromParts(fn, [...positions.values()], cash, portfolio.basis, portfolio.prices);
}

/** Read the trades: proposed trades by value, or orders by side and quantity (valued at their price, else the holdings' price). */
function readTrades(fn: string, trades: ReadonlyArray<ProposedTrade | Order>, pf: NormalisedPortfolio): Trade[] {
  if (!Array.isArray(trades)) throw new InvalidArgumentError(`${fn}: \`trades\` must be an array.`, 'trades', typeof trades);
  return trades.map((t, i) => {
    const where = `trades[${i}]`;
    if (!t || typeof t !== 'object') throw new InvalidArgumentError(`${fn}: \`${where}\` must be an object.`, where, typeof t);
    if ('side' in t) {
      const o = readOrder(fn, where, t);
      if (pf.basis === 'weights') {
        throw new InvalidArgumentError(
          `${fn}: \`${where}\` is an order (side and quantity), but the holdings give positions by weight only; give quantities and prices or market values, or trades by \`value\` (a fraction of NAV).`,
          where,
          o.asset,
        );
      }
      const price = o.price ?? pf.prices.get(o.asset);
      if (!price)
        throw new InvalidArgumentError(
          `${fn}: \`${where}\` (${o.side} ${o.asset}) has no \`price\` and the holdings give none for ${o.asset}.`,
          `${where}.price`,
          'undefined',
        );
      const sign = o.side === 'buy' ? 1 : -1;
      return { asset: o.asset, value: sign * exactProduct(o.quantity, price).number, quantity: sign * o.quantity.number, order: true };
    }
    checkOptions(fn, t, ['asset', 'value', 'quantity', 'position']);
    if (typeof t.asset !== 'string' || t.asset === '')
      throw new InvalidArgumentError(`${fn}: \`${where}.asset\` must be a non-empty string.`, `${where}.asset`, t.asset);
    checkFinite(fn, `${where}.value`, t.value);
    if (t.quantity !== undefined) checkFinite(fn, `${where}.quantity`, t.quantity);
    return {
      asset: t.asset,
      value: t.value,
      ...(t.quantity !== undefined ? { quantity: t.quantity } : {}),
      ...(t.position ? { position: t.position } : {}),
      order: false,
    };
  });
}

/**
 * Pre-trade compliance: check the portfolio before and after a list of proposed trades, and
 * say which trades would cause or cure which breach. Each trade moves `value` from cash into the
 * asset (a sale moves it back); per-trade effects apply each trade alone to the current
 * portfolio, so a breach caused only by several trades together shows in `newBreaches` but in
 * no single trade's effects.
 *
 * `approved` is true when the trades create no new breach and worsen no existing one. Checks are
 * matched before and after by rule, bound and what they measure (asset, group, issuer, or a
 * rule's aggregate), so a UCITS 40 % aggregate breached before and after is `'worsens'` or
 * `'improves'` even when the issuers above 5 % change.
 *
 * The portfolio is {@link Holdings} (or the older `{ positions: [{ asset, marketValue }], cash }`).
 * Trades are either {@link ProposedTrade}s (a money value) or {@link Order}s `{ asset, side,
 * quantity, price? }` — the orders of `rebalanceTrades` and `taxAwareRebalance` pass unchanged
 * (their `value`, `cost`, `reason`, `replaces` and `lots` are ignored): an order moves quantity ×
 * price (its price, else the position's price in the holdings) between cash and the asset, and
 * its quantity updates the position's where it has one; costs are not charged. On holdings given
 * by weight only, trade values are fractions of NAV and orders are refused (they need prices).
 *
 * The rules are checked as in {@link checkCompliance}: limits of weights and cash are fractions
 * of NAV (a magnitude above 1, e.g. `limit: 20` for 20 %, throws and suggests 0.2), exposure
 * limits multiples of NAV (refused beyond ±10), and a rule measured against a `limit` must have one.
 *
 * Size cap: at most 20,000 positions, 1,000 rules, 1,000 trades, and 200,000 rule-position
 * evaluations in all, (trades + 2) × rules × (positions + trades): each trade is also checked alone.
 *
 * @throws {SizeLimitError} above a size cap.
 * @throws {InvalidArgumentError} for malformed holdings (see `readHoldings`), a market value or NAV that overflows the double range, malformed trades
 * (unknown fields, NaN or ±Infinity values, an order without a price anywhere, an order on
 * weight-only holdings, a quantity for a position held without one), a trade that sells more than is held (unless
 * `allowShort`), and everything {@link checkCompliance} throws (a missing `limit`, a percentage
 * where a fraction belongs, ...).
 * @example
 * ```ts
 * import { preTradeCheck } from 'quantivista/compliance';
 * const r = preTradeCheck(
 *   { positions: [{ asset: 'AAA', marketValue: 40 }, { asset: 'BBB', marketValue: 40 }], cash: 20 },
 *   [{ asset: 'AAA', value: 15 }],
 *   [{ type: 'max-weight', limit: 0.5 }],
 * );
 * console.log(r.approved); // false
 * console.log(r.tradeEffects[0]?.effect); // "causes"
 *
 * // holdings with quantities and prices, and an order as rebalanceTrades emits it
 * const o = preTradeCheck(
 *   { cash: 100, positions: [{ asset: 'AAA', quantity: 10, price: 40 }, { asset: 'BBB', quantity: 5, price: 100 }] },
 *   [{ asset: 'AAA', side: 'sell', quantity: '5', price: 40 }],
 *   [{ type: 'max-weight', limit: 0.5 }],
 * );
 * console.log(o.after.checks.map((c) => c.measured)); // [0.2, 0.5]
 *
 * try {
 *   preTradeCheck({ positions: [{ asset: 'AAA', marketValue: 100 }] }, [], [{ type: 'min-cash' } as never]);
 * } catch (e) {
 *   console.log((e as Error).message); // preTradeCheck: rule 'min-cash#0' (min-cash) has no `limit`; give it as a fraction of portfolio value, e.g. `limit: 0.1` for 10 %.
 * }
 * ```
 */
export function preTradeCheck(
  portfolio: ComplianceHoldings | CompliancePortfolio,
  trades: ReadonlyArray<ProposedTrade | Order>,
  rules: ComplianceRule[],
  options?: PreTradeCheckOptions,
): PreTradeResult {
  const fn = 'preTradeCheck';
  const { allowShort = false } = checkOptions(fn, options, ['allowShort']);
  checkComplianceSize(fn, portfolio, rules, trades);
  const pf = normalisePortfolio(fn, portfolio);
  const rs = normaliseRules(fn, rules);
  const ts = readTrades(fn, trades, pf);
  const evaluate = (n: NormalisedPortfolio): { result: ComplianceResult; keyed: KeyedCheck[] } => {
    const keyed = rs.flatMap(({ id, rule }) => evaluateRuleKeyed(id, rule, n));
    const checks = keyed.map((k) => k.check);
    const breaches = checks.filter((c) => c.breached);
    return { result: { compliant: breaches.length === 0, breaches, checks, nav: n.nav }, keyed };
  };
  const byKey = (keyed: KeyedCheck[]): Map<string, ComplianceCheck> => new Map(keyed.map((k) => [k.key, k.check]));
  const { result: before, keyed: beforeKeyed } = evaluate(pf);
  const pfAfter = applyTrades(fn, pf, ts, allowShort);
  const { result: after, keyed: afterKeyed } = evaluate(pfAfter);
  const beforeByKey = byKey(beforeKeyed);
  const afterByKey = byKey(afterKeyed);
  const newBreaches = afterKeyed.filter((k) => k.check.breached && !beforeByKey.get(k.key)?.breached).map((k) => k.check);
  const curedBreaches = beforeKeyed.filter((k) => k.check.breached && afterByKey.get(k.key)?.breached !== true).map((k) => k.check);
  const tradeEffects: TradeEffect[] = [];
  ts.forEach((t, i) => {
    for (const { key, check: c } of evaluate(applyTrades(fn, pf, [t])).keyed) {
      const b = beforeByKey.get(key);
      const wasBreached = b?.breached ?? false;
      // A check absent before measures something that was 0 then (e.g. the weight of a new asset).
      const headroomBefore = b?.headroom ?? (c.bound === 'max' ? c.limit : -c.limit);
      let effect: TradeEffect['effect'] | undefined;
      if (!wasBreached && c.breached) effect = 'causes';
      else if (wasBreached && !c.breached) effect = 'cures';
      else if (wasBreached && c.breached && c.headroom < headroomBefore) effect = 'worsens';
      else if (wasBreached && c.breached && c.headroom > headroomBefore) effect = 'improves';
      if (effect) tradeEffects.push({ trade: i, asset: t.asset, effect, ruleId: c.ruleId, subject: c.subject, headroomBefore, headroomAfter: c.headroom });
    }
  });
  const worsened = afterKeyed.some(({ key, check: c }) => {
    const b = beforeByKey.get(key);
    return c.breached && b?.breached === true && c.headroom < b.headroom - 1e-12;
  });
  const portfolioAfter: CompliancePortfolio = { positions: pfAfter.positions, cash: pfAfter.cash };
  return { before, after, newBreaches, curedBreaches, tradeEffects, approved: newBreaches.length === 0 && !worsened, portfolioAfter };
}
