import type Decimal from 'decimal.js';
import { InvalidArgumentError } from '../core/errors.ts';
import { isHoldings, readHoldings, type Holdings, type Order } from '../core/holdings.ts';
import { checkOneOf, checkOptions, checkRange } from '../core/validate.ts';
import { amount, D, toDec } from '../tax-lots/decimal.ts';
import { bandThreshold, checkBand, type Band } from './bands.ts';
import { checkCostModel, costOf, type CostModel } from './transaction-cost.ts';

/** An exact money amount: the decimal string and the nearest double. */
export interface MoneyAmount {
  decimal: string;
  number: number;
}

/** Input of {@link rebalanceTrades}. Assets are named; records are keyed by asset. */
export interface RebalanceTradesInput {
  /** Shares held per asset (numbers or decimal strings, ≥ 0), or {@link Holdings} whose positions give `quantity` (and may give `price` and `cash`). */
  holdings: Record<string, number | string> | Holdings;
  /** Price per share for every asset held or targeted (> 0). With {@link Holdings}, defaults to the positions' prices (an entry here overrides one). */
  prices?: Record<string, number | string>;
  /** Target weights (≥ 0, summing to at most 1; the rest is a cash target). Held assets missing here have target 0. */
  target: Record<string, number>;
  /** Cash available (≥ 0). Required with a record of holdings; with {@link Holdings}, defaults to their `cash` (give one or the other). */
  cash?: number | string;
  /** Trading unit per asset in shares (default 1). Orders are whole multiples of it. */
  lotSizes?: Record<string, number>;
  /** Orders worth less than this are dropped. Default 0. */
  minTradeValue?: number;
  /** Fraction of total value to keep in cash on top of the target's own cash share. Default 0. */
  cashBuffer?: number;
  /** `'to-target'` (default) trades every asset to its target; `'to-band-edge'` trades only assets outside their band, and only to the nearest band edge. */
  mode?: 'to-target' | 'to-band-edge';
  /** Tolerance band, required by `'to-band-edge'`. */
  bands?: Band;
  /** Transaction-cost model; costs are paid from cash, rounded to `costDecimals` places. */
  costs?: CostModel;
  /** Per-asset data for the impact model. */
  assetData?: Record<string, { volatility?: number; averageDailyVolume?: number }>;
  /** Decimal places costs are rounded to (half up). Default 2 (cents). */
  costDecimals?: number;
}

/** One order: an {@link Order} (so it passes to `preTradeCheck` unchanged) with its value and cost. */
export interface RebalanceOrder extends Order {
  asset: string;
  side: 'buy' | 'sell';
  /** Shares (positive), an exact decimal string. */
  quantity: string;
  /** Number of trading lots (`lotSizes`). */
  lots: number;
  price: number;
  /** Traded value |quantity| · price. */
  value: MoneyAmount;
  /** Estimated cost. */
  cost: MoneyAmount;
}

/** Result of {@link rebalanceTrades}. */
export interface RebalanceTradesResult {
  /** Orders, sells first, then buys, each in asset order. */
  orders: RebalanceOrder[];
  /** Shares per asset after the orders (decimal strings). */
  holdingsAfter: Record<string, string>;
  /** Weights per asset after the orders (value / total value after costs). */
  weightsAfter: Record<string, number>;
  /** Weights per asset before. */
  weightsBefore: Record<string, number>;
  /** Cash after the orders and costs (never negative). */
  cashAfter: MoneyAmount;
  /** Total value before the orders. */
  totalValue: MoneyAmount;
  /** Sum of the costs. */
  totalCost: MoneyAmount;
  /** Two-sided turnover Σ |order value| / total value (the optimisers' Σ|w − w₀|). */
  turnover: number;
  /** Largest |weight after − target| over the assets. */
  maxWeightError: number;
}

interface Row {
  asset: string;
  q: Decimal;
  p: Decimal;
  pNum: number;
  lot: Decimal;
  target: number;
  deltaLots: number;
  /** Sell the whole (possibly odd-lot) position. */
  closeOut: boolean;
}

/** Holdings, prices and cash as records, from either input form. */
function readPortfolio(
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

/**
 * Whole-share (or whole-lot) orders that bring a portfolio as close to its target weights as
 * the lots, the cash and the costs allow, without overdrawing cash and without selling more than
 * is held. Money and quantities are exact decimals (decimal.js).
 *
 * `'to-target'`: total value V = Σ shares · price + cash; the value to hold in asset i is
 * target_i · V · (1 − cashBuffer); each order is the whole number of lots nearest to the
 * difference (so every weight lands within half a lot of target when cash allows), a position
 * whose target is 0 is sold entirely (odd lots included). Sells are done first; if the buys and
 * costs then exceed the cash, buys are cut one lot at a time, starting with the asset that
 * would end furthest above its target, until they fit.
 *
 * `'to-band-edge'`: only assets outside their band trade, and only as far as the nearest edge
 * of the band (target ± threshold), never past the target; lots are rounded towards the target.
 *
 * Orders below `minTradeValue` are dropped. Costs follow {@link transactionCost}, rounded half up
 * to `costDecimals` places, and are paid from cash.
 *
 * Holdings, prices and cash may be numbers or decimal strings; NaN, ±Infinity or a malformed
 * string throws. `holdings` is a record of shares keyed by asset, or {@link Holdings} (read by
 * `readHoldings`; every position needs its `quantity`), whose prices and cash then serve as
 * defaults for `prices` and `cash`. The orders are {@link Order}s: pass them to `preTradeCheck`
 * unchanged.
 *
 * @throws {InvalidArgumentError} for malformed {@link Holdings} (or a position without `quantity`,
 * or cash given both in them and as `cash`), negative holdings or cash, a missing or non-positive price,
 * targets that are negative or sum above 1, bad lot sizes, `'to-band-edge'` without `bands`,
 * unknown options, or a cost model that cannot be evaluated.
 * @example
 * ```ts
 * import { rebalanceTrades } from 'quantivista/rebalance';
 * const r = rebalanceTrades({
 *   holdings: { AAA: 100, BBB: 0 }, prices: { AAA: 10, BBB: 20 },
 *   target: { AAA: 0.5, BBB: 0.5 }, cash: 0,
 * });
 * console.log(r.orders.map((o) => `${o.side} ${o.quantity} ${o.asset}`)); // ["sell 50 AAA", "buy 25 BBB"]
 *
 * // the same portfolio as Holdings (prices and cash taken from it)
 * const h = rebalanceTrades({
 *   holdings: { cash: 0, positions: [{ asset: 'AAA', quantity: 100, price: 10 }] },
 *   prices: { BBB: 20 }, target: { AAA: 0.5, BBB: 0.5 },
 * });
 * console.log(h.orders.map((o) => `${o.side} ${o.quantity} ${o.asset}`)); // ["sell 50 AAA", "buy 25 BBB"]
 * ```
 */
export function rebalanceTrades(input: RebalanceTradesInput): RebalanceTradesResult {
  const fn = 'rebalanceTrades';
  const opts = checkOptions(fn, input, [
    'holdings',
    'prices',
    'target',
    'cash',
    'lotSizes',
    'minTradeValue',
    'cashBuffer',
    'mode',
    'bands',
    'costs',
    'assetData',
    'costDecimals',
  ]);
  const C = D();
  const mode = checkOneOf(fn, 'mode', opts.mode ?? 'to-target', ['to-target', 'to-band-edge']);
  const band = mode === 'to-band-edge' ? checkBand(fn, 'bands', opts.bands) : undefined;
  if (mode === 'to-target' && opts.bands !== undefined) checkBand(fn, 'bands', opts.bands);
  const costs = opts.costs === undefined ? undefined : checkCostModel(fn, opts.costs, 'costs');
  const costDecimals = opts.costDecimals === undefined ? 2 : checkRange(fn, 'costDecimals', opts.costDecimals, { min: 0, max: 12 });
  if (!Number.isInteger(costDecimals)) throw new InvalidArgumentError(`${fn}: \`costDecimals\` must be an integer.`, 'costDecimals', costDecimals);
  const minTrade = opts.minTradeValue === undefined ? 0 : checkRange(fn, 'minTradeValue', opts.minTradeValue, { min: 0 });
  const buffer = opts.cashBuffer === undefined ? 0 : checkRange(fn, 'cashBuffer', opts.cashBuffer, { min: 0, max: 1, maxOpen: true });
  const pf = readPortfolio(fn, opts);
  if (!opts.target || typeof opts.target !== 'object' || Array.isArray(opts.target))
    throw new InvalidArgumentError(`${fn}: \`target\` must be a record keyed by asset.`, 'target', typeof opts.target);
  let cash = toDec(fn, 'cash', pf.cash, 'nonnegative');
  const names: string[] = [];
  for (const a of Object.keys(opts.target)) names.push(a);
  for (const a of Object.keys(pf.holdings)) if (!Object.prototype.hasOwnProperty.call(opts.target, a)) names.push(a);
  if (names.length === 0) throw new InvalidArgumentError(`${fn}: no assets: \`target\` and \`holdings\` are both empty.`, 'target', 0);
  let targetSum = 0;
  const rows: Row[] = names.map((asset) => {
    const price = Object.prototype.hasOwnProperty.call(pf.prices, asset) ? pf.prices[asset] : undefined;
    if (price === undefined) throw new InvalidArgumentError(`${fn}: \`prices\` has no price for ${JSON.stringify(asset)}.`, 'prices', asset);
    const p = toDec(fn, `prices.${asset}`, price, 'positive');
    const held = Object.prototype.hasOwnProperty.call(pf.holdings, asset) ? pf.holdings[asset] : 0;
    const q = toDec(fn, `holdings.${asset}`, held ?? 0, 'nonnegative');
    const t = Object.prototype.hasOwnProperty.call(opts.target, asset) ? opts.target[asset] : 0;
    const target = checkRange(fn, `target.${asset}`, t, { min: 0, max: 1 });
    targetSum += target;
    const lotIn = opts.lotSizes && Object.prototype.hasOwnProperty.call(opts.lotSizes, asset) ? opts.lotSizes[asset] : 1;
    const lot = toDec(fn, `lotSizes.${asset}`, lotIn, 'positive');
    return { asset, q, p, pNum: p.toNumber(), lot, target, deltaLots: 0, closeOut: false };
  });
  if (targetSum > 1 + 1e-9) throw new InvalidArgumentError(`${fn}: target weights sum to ${targetSum}, above 1.`, 'target', targetSum);
  let V = cash;
  for (const r of rows) V = V.plus(r.q.times(r.p));
  if (!V.gt(0)) throw new InvalidArgumentError(`${fn}: the portfolio is worth nothing (no holdings and no cash).`, 'holdings', 0);
  const investable = V.times(new C(1).minus(buffer));
  const data = opts.assetData ?? {};
  const zero = new C(0);
  const costCache = new Map<Row, { shares: Decimal; cost: Decimal }>();
  const costFor = (r: Row, shares: Decimal): Decimal => {
    if (!costs || shares.isZero()) return zero;
    const hit = costCache.get(r);
    if (hit && hit.shares.eq(shares)) return hit.cost;
    const cost = costUncached(r, shares);
    costCache.set(r, { shares, cost });
    return cost;
  };
  const costUncached = (r: Row, shares: Decimal): Decimal => {
    if (!costs) return zero;
    const ad = Object.prototype.hasOwnProperty.call(data, r.asset) ? data[r.asset] : undefined;
    const c = costOf(fn, costs, shares.toNumber(), r.pNum, ad?.volatility, ad?.averageDailyVolume);
    return new C(c.total).toDecimalPlaces(costDecimals, C.ROUND_HALF_UP);
  };
  const Vnum = V.toNumber();
  // weights are reports and band tests, not money: doubles suffice
  const weightOf = (r: Row, shares: Decimal): number => (shares.toNumber() * r.pNum) / Vnum;

  // 1. Desired change in lots for every asset.
  for (const r of rows) {
    const lotValue = r.lot.times(r.p);
    if (mode === 'to-target') {
      if (r.target === 0) {
        r.closeOut = r.q.gt(0);
        continue;
      }
      const gap = investable.times(r.target).minus(r.q.times(r.p));
      r.deltaLots = gap.div(lotValue).toDecimalPlaces(0, C.ROUND_HALF_UP).toNumber();
    } else {
      const w = weightOf(r, r.q);
      const th = bandThreshold(band as Band, r.target);
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
  const sharesOf = (r: Row): Decimal => (r.closeOut ? r.q.neg() : r.lot.times(r.deltaLots));
  // 2. Drop small orders.
  for (const r of rows) {
    const s = sharesOf(r);
    if (!s.isZero() && s.abs().times(r.p).lt(minTrade)) {
      r.deltaLots = 0;
      r.closeOut = false;
    }
  }
  // 3. Sells first.
  let totalCost = new C(0);
  let traded = new C(0);
  for (const r of rows) {
    const s = sharesOf(r);
    if (s.isNeg()) {
      const value = s.abs().times(r.p);
      const c = costFor(r, s.abs());
      cash = cash.plus(value).minus(c);
    }
  }
  // 4. Buys, cut one lot at a time (furthest above target first) until they fit the cash.
  const buys = rows.filter((r) => r.deltaLots > 0);
  const buyCost = new Map<Row, Decimal>();
  let required = new C(0);
  for (const r of buys) {
    const sh = r.lot.times(r.deltaLots);
    const c = sh.times(r.p).plus(costFor(r, sh));
    buyCost.set(r, c);
    required = required.plus(c);
  }
  if (required.gt(cash)) {
    // A max-heap on how far each buy would end above its target weight; cutting a lot lowers
    // that by lot · price / V, and the asset goes back on the heap while it still buys.
    const Vn = V.toNumber();
    const over = (r: Row): number => ((r.q.toNumber() + r.lot.toNumber() * r.deltaLots) * r.pNum) / Vn - r.target;
    const heap: Array<{ r: Row; key: number; order: number }> = [];
    const less = (a: { key: number; order: number }, b: { key: number; order: number }): boolean => a.key > b.key || (a.key === b.key && a.order < b.order);
    const push = (e: { r: Row; key: number; order: number }): void => {
      heap.push(e);
      let i = heap.length - 1;
      while (i > 0) {
        const up = (i - 1) >> 1;
        if (!less(heap[i] as typeof e, heap[up] as typeof e)) break;
        [heap[i], heap[up]] = [heap[up] as typeof e, heap[i] as typeof e];
        i = up;
      }
    };
    const pop = (): { r: Row; key: number; order: number } | undefined => {
      const top = heap[0];
      const last = heap.pop();
      if (heap.length > 0 && last) {
        heap[0] = last;
        let i = 0;
        for (;;) {
          const l = 2 * i + 1;
          const rr = l + 1;
          let m = i;
          if (l < heap.length && less(heap[l] as typeof last, heap[m] as typeof last)) m = l;
          if (rr < heap.length && less(heap[rr] as typeof last, heap[m] as typeof last)) m = rr;
          if (m === i) break;
          [heap[i], heap[m]] = [heap[m] as typeof last, heap[i] as typeof last];
          i = m;
        }
      }
      return top;
    };
    buys.forEach((r, order) => push({ r, key: over(r), order }));
    while (required.gt(cash) && heap.length > 0) {
      const e = pop() as { r: Row; key: number; order: number };
      const pick = e.r;
      pick.deltaLots -= 1;
      const sh = pick.lot.times(pick.deltaLots);
      const c = pick.deltaLots > 0 ? sh.times(pick.p).plus(costFor(pick, sh)) : new C(0);
      required = required.minus(buyCost.get(pick) as Decimal).plus(c);
      buyCost.set(pick, c);
      if (pick.deltaLots > 0) push({ r: pick, key: over(pick), order: e.order });
    }
  }
  if (cash.isNeg()) {
    throw new InvalidArgumentError(
      `${fn}: the costs of the sells exceed the cash they raise plus the cash held; check the cost model.`,
      'costs',
      cash.toString(),
    );
  }
  const orders: RebalanceOrder[] = [];
  const after = new Map<string, Decimal>();
  for (const r of rows) after.set(r.asset, r.q);
  const emit = (r: Row) => {
    const s = sharesOf(r);
    if (s.isZero()) return;
    const value = s.abs().times(r.p);
    const c = costFor(r, s.abs());
    totalCost = totalCost.plus(c);
    traded = traded.plus(value);
    after.set(r.asset, r.q.plus(s));
    orders.push({
      asset: r.asset,
      side: s.isNeg() ? 'sell' : 'buy',
      quantity: s.abs().toString(),
      lots: r.closeOut ? s.abs().div(r.lot).toNumber() : Math.abs(r.deltaLots),
      price: r.pNum,
      value: amount(value),
      cost: amount(c),
    });
  };
  for (const r of rows) if (sharesOf(r).isNeg()) emit(r);
  let cashAfter = cash;
  for (const r of rows) {
    if (sharesOf(r).gt(0)) {
      const sh = sharesOf(r);
      cashAfter = cashAfter.minus(sh.times(r.p)).minus(costFor(r, sh));
      emit(r);
    }
  }
  let Vafter = cashAfter;
  for (const r of rows) Vafter = Vafter.plus((after.get(r.asset) as Decimal).times(r.p));
  const VafterNum = Vafter.toNumber();
  const holdingsAfter: Array<[string, string]> = [];
  const weightsAfter: Array<[string, number]> = [];
  const weightsBefore: Array<[string, number]> = [];
  let maxWeightError = 0;
  for (const r of rows) {
    const q = after.get(r.asset) as Decimal;
    const w = (q.toNumber() * r.pNum) / VafterNum;
    maxWeightError = Math.max(maxWeightError, Math.abs(w - r.target));
    holdingsAfter.push([r.asset, q.toString()]);
    weightsAfter.push([r.asset, w]);
    weightsBefore.push([r.asset, weightOf(r, r.q)]);
  }
  return {
    orders,
    holdingsAfter: Object.fromEntries(holdingsAfter),
    weightsAfter: Object.fromEntries(weightsAfter),
    weightsBefore: Object.fromEntries(weightsBefore),
    cashAfter: amount(cashAfter),
    totalValue: amount(V),
    totalCost: amount(totalCost),
    turnover: traded.div(V).toNumber(),
    maxWeightError,
  };
}
