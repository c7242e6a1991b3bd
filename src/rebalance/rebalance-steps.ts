/**
 * Internal: the named steps of {@link rebalanceTrades} — reading the portfolio and settings,
 * the desired lots per asset, cutting the buys to the cash, and the summary of the result.
 *
 * @module
 * @internal
 */
import type Decimal from 'decimal.js';
import { InvalidArgumentError } from '../core/errors.ts';
import { checkSizeCap, SIZE_CAPS } from '../core/limits.ts';
import { type Holdings, isHoldings, readHoldings } from '../core/holdings.ts';
import { checkOneOf, checkRange } from '../core/validate.ts';
import { D, toDec } from '../tax-lots/decimal.ts';
import { type Band, bandThreshold, checkBand } from './bands.ts';
import { checkAssetRecord, has, type PricedAsset, readAssets } from './read-assets.ts';
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
    for (const k of ['holdings', 'prices'] as const) checkAssetRecord(fn, k, opts[k], false);
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
  if (opts.prices !== undefined) Object.assign(prices, checkAssetRecord(fn, 'prices', opts.prices, false));
  const given = (opts.holdings as Holdings).cash;
  if (opts.cash !== undefined && given !== undefined) {
    throw new InvalidArgumentError(`${fn}: cash is given twice, as \`cash\` and as \`holdings.cash\`; give one.`, 'cash', String(opts.cash));
  }
  return { holdings, prices, cash: opts.cash ?? h.cash.decimal };
}

/** One row per asset (the targets' assets first, then the other held ones), checked; throws when the targets sum above 1. */
export function buildRows(
  fn: string,
  target: Record<string, number>,
  pf: { holdings: Record<string, number | string>; prices: Record<string, number | string> },
  lotSizes: Record<string, number> | undefined,
): Row[] {
  const C = D();
  const held = new Map<string, Decimal>();
  let count = Object.keys(target).length;
  for (const a of Object.keys(pf.holdings)) if (!has(target, a)) count++;
  checkSizeCap(fn, 'assets (target and holdings)', count, SIZE_CAPS.assets, 'split the book into several calls');
  if (count === 0) {
    throw new InvalidArgumentError(`${fn}: no assets: \`target\` and \`holdings\` are both empty.`, 'target', 0);
  }
  for (const a of Object.keys(pf.holdings)) held.set(a, toDec(fn, `holdings.${a}`, pf.holdings[a] ?? 0, 'nonnegative'));
  const lots = checkAssetRecord<number>(fn, 'lotSizes', lotSizes, true);
  return readAssets(fn, target, held, pf.prices, lots, new C(0)).map((r) => ({ ...r, deltaLots: 0, closeOut: false }));
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
    if (!Number.isFinite(c.total)) {
      throw new InvalidArgumentError(
        `${fn}: the cost model gives a cost of ${c.total} for ${shares.toString()} ${r.asset} at ${r.pNum}; the trade is too large (or the volume too small) to cost.`,
        'costs',
        c.total,
      );
    }
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
