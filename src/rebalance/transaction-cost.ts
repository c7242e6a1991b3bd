import { InvalidArgumentError } from '../core/errors.ts';
import { checkFinite, checkOptions, checkRange } from '../core/validate.ts';

/**
 * A transaction-cost model (plain data). All parts are optional and add up:
 * - `commission`: `perShare` · |q| + `perTrade` + `bps` · notional / 10⁴, then held within
 *   [`minimum`, `maximum`] (a trade of zero shares costs nothing);
 * - `halfSpreadBps`: half the bid–ask spread, paid on the notional: notional · halfSpreadBps / 10⁴;
 * - `impact`: the square-root law, notional · `coefficient` · σ · sqrt(|q| / ADV) with σ the
 *   asset's daily volatility and ADV its average daily volume in shares (Almgren, Thum,
 *   Hauptmann & Li 2005; Grinold & Kahn 2000). σ and ADV come from the trade, or from the model
 *   as defaults.
 */
export interface CostModel {
  commission?: { perShare?: number; perTrade?: number; bps?: number; minimum?: number; maximum?: number };
  halfSpreadBps?: number;
  impact?: { coefficient: number; volatility?: number; averageDailyVolume?: number };
}

/** A trade to cost. */
export interface CostTrade {
  /** Shares (signed or not: only |quantity| matters). */
  quantity: number;
  /** Price per share (> 0). */
  price: number;
  /** Daily volatility of the asset (decimal), for the impact term. */
  volatility?: number;
  /** Average daily volume in shares, for the impact term. */
  averageDailyVolume?: number;
}

/** Cost of one trade, in currency units. */
export interface CostBreakdown {
  commission: number;
  spread: number;
  impact: number;
  total: number;
  /** The notional |q| · price. */
  notional: number;
  /** total / notional in basis points (0 for an empty trade). */
  bps: number;
}

/** Validate a cost model. @internal */
export function checkCostModel(fn: string, model: unknown, arg = 'model'): CostModel {
  if (!model || typeof model !== 'object') throw new InvalidArgumentError(`${fn}: \`${arg}\` must be a cost model object.`, arg, typeof model);
  const m = checkOptions(fn, model as CostModel, ['commission', 'halfSpreadBps', 'impact']);
  for (const part of ['commission', 'impact'] as const) {
    const v = m[part];
    if (v !== undefined && (!v || typeof v !== 'object' || Array.isArray(v))) {
      throw new InvalidArgumentError(`${fn}: \`${arg}.${part}\` must be an object, got ${v === null ? 'null' : typeof v}.`, `${arg}.${part}`, String(v));
    }
  }
  if (m.commission !== undefined) {
    checkOptions(fn, m.commission, ['perShare', 'perTrade', 'bps', 'minimum', 'maximum']);
    for (const k of ['perShare', 'perTrade', 'bps', 'minimum', 'maximum'] as const) {
      const v = m.commission[k];
      if (v !== undefined) checkRange(fn, `${arg}.commission.${k}`, v, { min: 0 });
    }
    if (m.commission.minimum !== undefined && m.commission.maximum !== undefined && m.commission.minimum > m.commission.maximum) {
      throw new InvalidArgumentError(
        `${fn}: \`${arg}.commission.minimum\` (${m.commission.minimum}) exceeds \`maximum\` (${m.commission.maximum}).`,
        `${arg}.commission.minimum`,
        m.commission.minimum,
      );
    }
  }
  if (m.halfSpreadBps !== undefined) checkRange(fn, `${arg}.halfSpreadBps`, m.halfSpreadBps, { min: 0 });
  if (m.impact !== undefined) {
    checkOptions(fn, m.impact, ['coefficient', 'volatility', 'averageDailyVolume']);
    checkRange(fn, `${arg}.impact.coefficient`, m.impact.coefficient, { min: 0 });
    if (m.impact.volatility !== undefined) checkRange(fn, `${arg}.impact.volatility`, m.impact.volatility, { min: 0 });
    if (m.impact.averageDailyVolume !== undefined) checkRange(fn, `${arg}.impact.averageDailyVolume`, m.impact.averageDailyVolume, { min: 0, minOpen: true });
  }
  return m;
}

/** Kernel: cost of |q| shares at `price` under a validated model. @internal */
export function costOf(fn: string, model: CostModel, q: number, price: number, volatility?: number, adv?: number): CostBreakdown {
  const shares = Math.abs(q);
  const notional = shares * price;
  if (shares === 0) return { commission: 0, spread: 0, impact: 0, total: 0, notional: 0, bps: 0 };
  let commission = 0;
  if (model.commission) {
    const c = model.commission;
    commission = (c.perShare ?? 0) * shares + (c.perTrade ?? 0) + ((c.bps ?? 0) * notional) / 1e4;
    if (c.minimum !== undefined) commission = Math.max(commission, c.minimum);
    if (c.maximum !== undefined) commission = Math.min(commission, c.maximum);
  }
  const spread = ((model.halfSpreadBps ?? 0) * notional) / 1e4;
  let impact = 0;
  if (model.impact && model.impact.coefficient > 0) {
    const sigma = volatility ?? model.impact.volatility;
    const v = adv ?? model.impact.averageDailyVolume;
    if (sigma === undefined || v === undefined) {
      throw new InvalidArgumentError(
        `${fn}: the impact model needs the asset's daily \`volatility\` and \`averageDailyVolume\` (on the trade or in \`model.impact\`).`,
        'averageDailyVolume',
        'missing',
      );
    }
    impact = notional * model.impact.coefficient * sigma * Math.sqrt(shares / v);
  }
  const total = commission + spread + impact;
  return { commission, spread, impact, total, notional, bps: (total / notional) * 1e4 };
}

/**
 * Cost of one trade under a {@link CostModel}: commission (per share, per trade, basis points,
 * with a minimum and maximum), half the bid–ask spread, and square-root market impact
 * coefficient · σ · sqrt(shares / ADV) on the notional. Amounts are in the price's currency.
 *
 * For the optimisers' linear `transactionCost: { current, rate }` option use
 * {@link proportionalCostRate}, which keeps the parts of the model that are proportional to the
 * traded value.
 *
 * Every figure of the result is finite: a trade whose notional, cost or cost in basis points
 * overflows (a huge trade, a subnormal price, quantity or volume) throws instead of returning
 * ±Infinity or NaN.
 *
 * @throws {InvalidArgumentError} on a malformed model, a non-positive price, non-finite
 * quantity, an impact model without volatility and ADV, or a result that is not finite.
 * @example
 * ```ts
 * import { transactionCost } from 'quantivista/rebalance';
 * const c = transactionCost(
 *   { quantity: 10000, price: 50, volatility: 0.02, averageDailyVolume: 1000000 },
 *   { commission: { perShare: 0.005, minimum: 1 }, halfSpreadBps: 5, impact: { coefficient: 1 } },
 * );
 * // commission 50, spread 500000 · 5 bp = 250, impact 500000 · 0.02 · sqrt(0.01) = 1000
 * console.log(c.total); // 1300
 * ```
 */
export function transactionCost(trade: CostTrade, model: CostModel): CostBreakdown {
  const fn = 'transactionCost';
  if (!trade || typeof trade !== 'object') throw new InvalidArgumentError(`${fn}: \`trade\` must be { quantity, price, ... }.`, 'trade', typeof trade);
  checkOptions(fn, trade, ['quantity', 'price', 'volatility', 'averageDailyVolume']);
  const q = checkFinite(fn, 'trade.quantity', trade.quantity);
  const price = checkRange(fn, 'trade.price', trade.price, { min: 0, minOpen: true });
  const vol = trade.volatility === undefined ? undefined : checkRange(fn, 'trade.volatility', trade.volatility, { min: 0 });
  const adv =
    trade.averageDailyVolume === undefined ? undefined : checkRange(fn, 'trade.averageDailyVolume', trade.averageDailyVolume, { min: 0, minOpen: true });
  const c = costOf(fn, checkCostModel(fn, model), q, price, vol, adv);
  for (const k of ['notional', 'commission', 'spread', 'impact', 'total', 'bps'] as const) {
    if (!Number.isFinite(c[k])) {
      throw new InvalidArgumentError(
        `${fn}: the trade's \`${k}\` is not finite (${c[k]}) for quantity ${q} at price ${price}; the trade is too large, or its notional or volume too small (subnormal), to cost.`,
        k === 'impact' ? 'trade.averageDailyVolume' : k === 'notional' || k === 'bps' ? 'trade.price' : 'trade',
        c[k],
      );
    }
  }
  return c;
}

/**
 * The part of a cost model proportional to traded value, as a rate: (commission bps + half
 * spread bps) / 10⁴. Per-share, per-trade and impact terms are not proportional and are left
 * out. Plug it into the optimisers' `transactionCost: { current, rate }`.
 *
 * NaN, ±Infinity or negative rates throw.
 *
 * @throws {InvalidArgumentError} on a malformed model.
 * @example
 * ```ts
 * import { proportionalCostRate } from 'quantivista/rebalance';
 * console.log(proportionalCostRate({ commission: { bps: 2 }, halfSpreadBps: 3 })); // 0.0005
 * ```
 */
export function proportionalCostRate(model: CostModel): number {
  const m = checkCostModel('proportionalCostRate', model);
  return ((m.commission?.bps ?? 0) + (m.halfSpreadBps ?? 0)) / 1e4;
}
