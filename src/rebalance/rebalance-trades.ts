import type Decimal from 'decimal.js';
import { InvalidArgumentError } from '../core/errors.ts';
import type { Holdings, Order } from '../core/holdings.ts';
import { checkOptions } from '../core/validate.ts';
import { amount, D, toDec } from '../tax-lots/decimal.ts';
import type { Band } from './bands.ts';
import { cutBuysToCash } from './cut-buys.ts';
import { checkAssetData, checkAssetRecord } from './read-assets.ts';
import { buildRows, desiredLots, makeCostFor, type Row, readPortfolio, readSettings, sharesOf } from './rebalance-steps.ts';
import type { CostModel } from './transaction-cost.ts';

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
 * Size cap: at most `SIZE_CAPS.assets` (20,000) assets (targeted or held). The work is
 * O(n log n) in the number of assets whatever the prices and quantities: when the buys exceed
 * the cash, the lots to cut are found by bisection rather than one lot at a time.
 *
 * @throws {SizeLimitError} with more than `SIZE_CAPS.assets` assets.
 * @throws {InvalidArgumentError} for malformed {@link Holdings} (or a position without `quantity`,
 * or cash given both in them and as `cash`), negative holdings or cash, a missing or non-positive price,
 * targets that are negative or sum above 1, bad lot sizes, `'to-band-edge'` without `bands`,
 * unknown options, records (`prices`, `target`, `lotSizes`, `assetData`) that are not objects
 * keyed by asset, or a cost model that cannot be evaluated or gives a non-finite cost.
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
  const settings = readSettings(fn, opts);
  const pf = readPortfolio(fn, opts);
  checkAssetRecord(fn, 'target', opts.target, false);
  let cash = toDec(fn, 'cash', pf.cash, 'nonnegative');
  const rows = buildRows(fn, opts.target, pf, opts.lotSizes);
  let V = cash;
  for (const r of rows) V = V.plus(r.q.times(r.p));
  if (!V.gt(0)) throw new InvalidArgumentError(`${fn}: the portfolio is worth nothing (no holdings and no cash).`, 'holdings', 0);
  const investable = V.times(new C(1).minus(settings.buffer));
  const costFor = makeCostFor(fn, settings, checkAssetData(fn, opts.assetData));
  const Vnum = V.toNumber();
  // weights are reports and band tests, not money: doubles suffice
  const weightOf = (r: Row, shares: Decimal): number => (shares.toNumber() * r.pNum) / Vnum;

  // 1. Desired change in lots for every asset.
  desiredLots(rows, settings, V, investable, weightOf);
  // 2. Drop small orders.
  for (const r of rows) {
    const s = sharesOf(r);
    if (!s.isZero() && s.abs().times(r.p).lt(settings.minTrade)) {
      r.deltaLots = 0;
      r.closeOut = false;
    }
  }
  // 3. Sells first.
  for (const r of rows) {
    const s = sharesOf(r);
    if (s.isNeg()) {
      const value = s.abs().times(r.p);
      const c = costFor(r, s.abs());
      cash = cash.plus(value).minus(c);
    }
  }
  // 4. Buys, cut one lot at a time (furthest above target first) until they fit the cash.
  cutBuysToCash(rows, cash, V, costFor);
  if (cash.isNeg()) {
    throw new InvalidArgumentError(
      `${fn}: the costs of the sells exceed the cash they raise plus the cash held; check the cost model.`,
      'costs',
      cash.toString(),
    );
  }
  return summarise(rows, cash, V, costFor, weightOf);
}

/** Step 5: the orders (sells, then buys), the holdings, weights and cash after, and the totals. */
function summarise(
  rows: Row[],
  cash: Decimal,
  V: Decimal,
  costFor: (r: Row, shares: Decimal) => Decimal,
  weightOf: (r: Row, shares: Decimal) => number,
): RebalanceTradesResult {
  const C = D();
  let totalCost = new C(0);
  let traded = new C(0);
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
