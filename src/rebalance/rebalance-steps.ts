/**
 * Internal: the named steps of {@link rebalanceTrades} — reading the portfolio and settings,
 * the desired lots per asset, cutting the buys to the cash, and the summary of the result.
 *
 * @module
 * @internal
 */
import type Decimal from 'decimal.js';
import { InvalidArgumentError } from '../core/errors.ts';
import { type Holdings, isHoldings, readHoldings } from '../core/holdings.ts';
import { checkOneOf, checkRange } from '../core/validate.ts';
import { D, toDec } from '../tax-lots/decimal.ts';
import { type Band, bandThreshold, checkBand } from './bands.ts';
import { popMax, pushMax } from './max-heap.ts';
import { type CostModel, checkCostModel, costOf } from './transaction-cost.ts';

/** The options the steps read (a structural slice of `RebalanceTradesInput`, kept here so this file does not import its caller). */
export interface RebalanceTradesInput {
  holdings: Record<string, number | string> | Holdings;
  prices?: Record<string, number | string>;
  cash?: number | string;
  mode?: 'to-target' | 'to-band-edge';
  bands?: Band;
  costs?: CostModel;
  costDecimals?: number;
  minTradeValue?: number;
  cashBuffer?: number;
}

/** An asset of a trade list: shares held, price (exact and as a double), trading unit and target weight. */
export interface PricedAsset {
  asset: string;
  q: Decimal;
  p: Decimal;
  pNum: number;
  lot: Decimal;
  target: number;
}

/** One asset of the trade list with the change decided. */
export interface Row extends PricedAsset {
  deltaLots: number;
  /** Sell the whole (possibly odd-lot) position. */
  closeOut: boolean;
}

/** The checked options of {@link rebalanceTrades} other than the portfolio. */
export interface Settings {
  mode: 'to-target' | 'to-band-edge';
  band: Band | undefined;
  costs: CostModel | undefined;
  costDecimals: number;
  minTrade: number;
  buffer: number;
}

/** Read the mode, band, cost model, rounding, minimum trade and cash buffer (in this order). */
export function readSettings(fn: string, opts: RebalanceTradesInput): Settings {
  const mode = checkOneOf(fn, 'mode', opts.mode ?? 'to-target', ['to-target', 'to-band-edge']);
  const band = mode === 'to-band-edge' ? checkBand(fn, 'bands', opts.bands) : undefined;
  if (mode === 'to-target' && opts.bands !== undefined) checkBand(fn, 'bands', opts.bands);
  const costs = opts.costs === undefined ? undefined : checkCostModel(fn, opts.costs, 'costs');
  const costDecimals = opts.costDecimals === undefined ? 2 : checkRange(fn, 'costDecimals', opts.costDecimals, { min: 0, max: 12 });
  if (!Number.isInteger(costDecimals)) throw new InvalidArgumentError(`${fn}: \`costDecimals\` must be an integer.`, 'costDecimals', costDecimals);
  const minTrade = opts.minTradeValue === undefined ? 0 : checkRange(fn, 'minTradeValue', opts.minTradeValue, { min: 0 });
  const buffer = opts.cashBuffer === undefined ? 0 : checkRange(fn, 'cashBuffer', opts.cashBuffer, { min: 0, max: 1, maxOpen: true });
  return { mode, band, costs, costDecimals, minTrade, buffer };
}

/** Holdings, prices and cash as records, from either input form. */
export function readPortfolio(
  fn: string,
  opts: RebalanceTradesInput,
): { holdings: Record<string, number | string>; prices: Record<string, number | string>; cash: unknown } {
  if (!isHoldings(opts.holdings)) {
    for (const k of ['holdings', 'prices'] as const) {
      if (!opts[k] || typeof opts[k] !== 'object' || Array.isArray(opts[k]))
        throw new InvalidArgumentError(`${fn}: \`${k}\` must be a record keyed by asset.`, k, typeof opts[k]);
    }
    return { holdings: opts.holdings, prices: opts.prices as Record<string, number | string>, cash: opts.cash };
  }
  const h = readHoldings(fn, 'holdings', opts.holdings);
  const holdings: Record<string, string> = {};
  const prices: Record<string, string | number> = {};
  h.positions.forEach((p, i) => {
    if (!p.quantity) {
      throw new InvalidArgumentError(
        `${fn}: \`holdings.positions[${i}]\` (${p.asset}) has no \`quantity\`; trades are whole shares, so every position needs its quantity.`,
        `holdings.positions[${i}].quantity`,
        'undefined',
      );
    }
    holdings[p.asset] = p.quantity.decimal;
    if (p.price) prices[p.asset] = p.price.decimal;
  });
  if (opts.prices !== undefined) {
    if (!opts.prices || typeof opts.prices !== 'object' || Array.isArray(opts.prices))
      throw new InvalidArgumentError(`${fn}: \`prices\` must be a record keyed by asset.`, 'prices', typeof opts.prices);
    Object.assign(prices, opts.prices);
  }
  const given = (opts.holdings as Holdings).cash;
  if (opts.cash !== undefined && given !== undefined) {
    throw new InvalidArgumentError(`${fn}: cash is given twice, as \`cash\` and as \`holdings.cash\`; give one.`, 'cash', String(opts.cash));
  }
  return { holdings, prices, cash: opts.cash ?? h.cash.decimal };
}

const has = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** One row per asset (the targets' assets first, then the other held ones), checked; throws when the targets sum above 1. */
export function buildRows(
  fn: string,
  target: Record<string, number>,
  pf: { holdings: Record<string, number | string>; prices: Record<string, number | string> },
  lotSizes: Record<string, number> | undefined,
): Row[] {
  const names: string[] = [];
  for (const a of Object.keys(target)) names.push(a);
  for (const a of Object.keys(pf.holdings)) if (!has(target, a)) names.push(a);
  if (names.length === 0) throw new InvalidArgumentError(`${fn}: no assets: \`target\` and \`holdings\` are both empty.`, 'target', 0);
  let targetSum = 0;
  const rows: Row[] = names.map((asset) => {
    const price = has(pf.prices, asset) ? pf.prices[asset] : undefined;
    if (price === undefined) throw new InvalidArgumentError(`${fn}: \`prices\` has no price for ${JSON.stringify(asset)}.`, 'prices', asset);
    const p = toDec(fn, `prices.${asset}`, price, 'positive');
    const held = has(pf.holdings, asset) ? pf.holdings[asset] : 0;
    const q = toDec(fn, `holdings.${asset}`, held ?? 0, 'nonnegative');
    const t = has(target, asset) ? target[asset] : 0;
    const w = checkRange(fn, `target.${asset}`, t, { min: 0, max: 1 });
    targetSum += w;
    const lotIn = lotSizes && has(lotSizes, asset) ? lotSizes[asset] : 1;
    const lot = toDec(fn, `lotSizes.${asset}`, lotIn, 'positive');
    return { asset, q, p, pNum: p.toNumber(), lot, target: w, deltaLots: 0, closeOut: false };
  });
  if (targetSum > 1 + 1e-9) throw new InvalidArgumentError(`${fn}: target weights sum to ${targetSum}, above 1.`, 'target', targetSum);
  return rows;
}

/** Cost of trading `shares` of a row, rounded half up to the settings' places, cached per row for the last share count. */
export function makeCostFor(
  fn: string,
  s: Settings,
  data: Record<string, { volatility?: number; averageDailyVolume?: number }>,
): (r: Row, shares: Decimal) => Decimal {
  const C = D();
  const zero = new C(0);
  const { costs } = s;
  const cache = new Map<Row, { shares: Decimal; cost: Decimal }>();
  const uncached = (r: Row, shares: Decimal): Decimal => {
    if (!costs) return zero;
    const ad = has(data, r.asset) ? data[r.asset] : undefined;
    const c = costOf(fn, costs, shares.toNumber(), r.pNum, ad?.volatility, ad?.averageDailyVolume);
    return new C(c.total).toDecimalPlaces(s.costDecimals, C.ROUND_HALF_UP);
  };
  return (r: Row, shares: Decimal): Decimal => {
    if (!costs || shares.isZero()) return zero;
    const hit = cache.get(r);
    if (hit && hit.shares.eq(shares)) return hit.cost;
    const cost = uncached(r, shares);
    cache.set(r, { shares, cost });
    return cost;
  };
}

/** Step 1: the desired change in lots of every row (to target, or to the band edge), never selling more than held. */
export function desiredLots(rows: Row[], s: Settings, V: Decimal, investable: Decimal, weightOf: (r: Row, shares: Decimal) => number): void {
  const C = D();
  for (const r of rows) {
    const lotValue = r.lot.times(r.p);
    if (s.mode === 'to-target') {
      if (r.target === 0) {
        r.closeOut = r.q.gt(0);
        continue;
      }
      const gap = investable.times(r.target).minus(r.q.times(r.p));
      r.deltaLots = gap.div(lotValue).toDecimalPlaces(0, C.ROUND_HALF_UP).toNumber();
    } else {
      const w = weightOf(r, r.q);
      const th = bandThreshold(s.band as Band, r.target);
      const drift = w - r.target;
      if (Math.abs(drift) - th <= 1e-12) continue;
      const edge = drift > 0 ? r.target + th : r.target - th;
      // lots needed to reach the edge, rounded so the trade reaches it, then pulled back if it would cross the target
      const toEdge = V.times(edge).minus(r.q.times(r.p)).div(lotValue);
      const toTarget = V.times(r.target).minus(r.q.times(r.p)).div(lotValue);
      // 1e-9 of a lot absorbs the rounding in target ± threshold (e.g. 0.2 − 0.05 = 0.15000000000000002)
      const e = toEdge.toNumber();
      const g = toTarget.toNumber();
      if (drift > 0) {
        // sell at least enough to reach the edge, but not past the target
        r.deltaLots = Math.min(0, Math.max(Math.floor(e + 1e-9), Math.ceil(g - 1e-9)));
        if (r.target === 0) r.closeOut = r.q.gt(0);
      } else {
        r.deltaLots = Math.max(0, Math.min(Math.ceil(e - 1e-9), Math.floor(g + 1e-9)));
      }
    }
    // never sell more than held
    if (r.deltaLots < 0) {
      const maxLots = r.q.div(r.lot).toDecimalPlaces(0, C.ROUND_FLOOR).toNumber();
      if (-r.deltaLots > maxLots) r.deltaLots = -maxLots;
    }
  }
}

/** The signed shares a row trades. */
export const sharesOf = (r: Row): Decimal => (r.closeOut ? r.q.neg() : r.lot.times(r.deltaLots));

/**
 * Step 4: cut the buys one lot at a time, the asset that would end furthest above its target
 * first, until the buys and their costs fit `cash`.
 */
export function cutBuysToCash(rows: Row[], cash: Decimal, V: Decimal, costFor: (r: Row, shares: Decimal) => Decimal): void {
  const C = D();
  const buys = rows.filter((r) => r.deltaLots > 0);
  const buyCost = new Map<Row, Decimal>();
  let required = new C(0);
  for (const r of buys) {
    const sh = r.lot.times(r.deltaLots);
    const c = sh.times(r.p).plus(costFor(r, sh));
    buyCost.set(r, c);
    required = required.plus(c);
  }
  if (!required.gt(cash)) return;
  // A max-heap on how far each buy would end above its target weight; cutting a lot lowers
  // that by lot · price / V, and the asset goes back on the heap while it still buys.
  const Vn = V.toNumber();
  const over = (r: Row): number => ((r.q.toNumber() + r.lot.toNumber() * r.deltaLots) * r.pNum) / Vn - r.target;
  const heap: Array<{ item: Row; key: number; order: number }> = [];
  buys.forEach((r, order) => pushMax(heap, { item: r, key: over(r), order }));
  while (required.gt(cash) && heap.length > 0) {
    const e = popMax(heap) as { item: Row; key: number; order: number };
    const pick = e.item;
    pick.deltaLots -= 1;
    const sh = pick.lot.times(pick.deltaLots);
    const c = pick.deltaLots > 0 ? sh.times(pick.p).plus(costFor(pick, sh)) : new C(0);
    required = required.minus(buyCost.get(pick) as Decimal).plus(c);
    buyCost.set(pick, c);
    if (pick.deltaLots > 0) pushMax(heap, { item: pick, key: over(pick), order: e.order });
  }
}
