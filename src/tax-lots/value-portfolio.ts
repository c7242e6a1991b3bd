/**
 * Value a portfolio (a ledger's open lots, or plain positions) in a base currency.
 *
 * @module
 */
import { InvalidArgumentError } from '../core/errors.ts';
import { type Holdings, type HoldingsPosition, isHoldings, readHoldings } from '../core/holdings.ts';
import { checkOptions } from '../core/validate.ts';
import { D, DX, amount, fromAmount, toDec, type Dec } from './decimal.ts';
import { isBuiltLedger, readLedger } from './ledger-check.ts';
import { checkPrices, priceFor } from './ledger-input.ts';
import type { TaxDecimalInput, TaxAmount, TaxLedger } from './types.ts';

/** A plain position (when no ledger is at hand). */
export interface PortfolioPositionInput {
  asset: string;
  quantity: TaxDecimalInput;
  /** Total cost basis in the position's currency (optional: without it there is no P&L). */
  basis?: TaxDecimalInput;
  /** Currency of the price and basis (default: `options.currencies[asset]`, else the base currency). */
  currency?: string;
}

/** Options of {@link valuePortfolio}. */
export interface ValuePortfolioOptions {
  /** Currency of the results, e.g. `'USD'`. */
  baseCurrency: string;
  /** Value of one unit of each other currency in the base currency (e.g. `{ EUR: 1.08 }`). */
  fxRates?: Record<string, TaxDecimalInput>;
  /** Currency per asset, for positions and lots that do not name one. */
  currencies?: Record<string, string>;
  /** Cash in the base currency, carried into the result's `holdings` (whose weights are then of NAV = total value + cash); the other results leave it out. */
  cash?: TaxDecimalInput;
}

/** One valued position. */
export interface ValuedPosition {
  asset: string;
  currency: string;
  quantity: TaxAmount;
  /** Price in the position's currency. */
  price: TaxAmount;
  /** quantity × price, in the position's currency. */
  localValue: TaxAmount;
  /** Base-currency units per unit of the position's currency (1 for the base currency). */
  fxRate: TaxAmount;
  /** Market value in the base currency. */
  marketValue: TaxAmount;
  /** Cost basis converted at today's rate (null when unknown). */
  basis: TaxAmount | null;
  /** marketValue − basis in the base currency (null when the basis is unknown). */
  unrealizedPnl: TaxAmount | null;
  /** Fraction of the total market value (0 when the total is 0). */
  weight: number;
}

/** Result of {@link valuePortfolio}. */
export interface PortfolioValuation {
  baseCurrency: string;
  positions: ValuedPosition[];
  totalValue: TaxAmount;
  /** Sum of the known bases (positions without a basis are left out). */
  totalBasis: TaxAmount;
  totalUnrealizedPnl: TaxAmount;
  /** Market value and weight per currency. */
  currencyExposure: Record<string, { marketValue: TaxAmount; weight: number }>;
  /**
   * The valued positions as core {@link Holdings} in the base currency, ready for `rebalanceTrades`,
   * `preTradeCheck` or `checkCompliance`: per position the quantity, the base-currency price (price ×
   * fxRate; left out when the price is 0), the market value, the weight of NAV and the currency; `cash`
   * when the option gives it. Decimal strings, exact.
   */
  holdings: Holdings;
}

interface Pos {
  asset: string;
  currency: string;
  qty: Dec;
  basis: Dec | null;
}

/** Whether `source` is meant as a ledger: a ledger `buildLedger` built, or an object with any of a ledger's fields (then checked in full). */
function isLedger(x: unknown): boolean {
  if (isBuiltLedger(x)) return true;
  if (x === null || typeof x !== 'object' || Array.isArray(x)) return false;
  return ['lots', 'options', 'transactions', 'realizations'].some((k) => k in x);
}

/** The positions of `source` (ledger lots aggregated per asset, plain positions, or Holdings), in first-seen order. */
function readSource(
  fn: string,
  source: TaxLedger | readonly PortfolioPositionInput[] | Holdings,
  curOf: (asset: string, given: string | undefined) => string,
): { order: string[]; byAsset: Map<string, Pos> } {
  const C = DX();
  const order: string[] = [];
  const byAsset = new Map<string, Pos>();
  if (isLedger(source)) {
    readLedger(fn, source).lots.forEach((lot, i) => {
      const cur = curOf(lot.asset, lot.currency);
      const q = fromAmount(fn, `ledger.lots[${i}].quantity`, lot.quantity, C);
      const b = fromAmount(fn, `ledger.lots[${i}].basis`, lot.basis, C);
      const pos = byAsset.get(lot.asset);
      if (pos === undefined) {
        byAsset.set(lot.asset, { asset: lot.asset, currency: cur, qty: q, basis: b });
        order.push(lot.asset);
      } else {
        if (pos.currency !== cur) {
          throw new InvalidArgumentError(
            `${fn}: lots of ${JSON.stringify(lot.asset)} are in two currencies (${pos.currency}, ${cur}).`,
            `ledger.lots[${i}].currency`,
            cur,
          );
        }
        pos.qty = pos.qty.plus(q);
        pos.basis = pos.basis!.plus(b);
      }
    });
  } else if (Array.isArray(source)) {
    source.forEach((s, i) => {
      const at = `positions[${i}]`;
      if (s === null || typeof s !== 'object') throw new InvalidArgumentError(`${fn}: \`${at}\` must be { asset, quantity, basis?, currency? }.`, at, typeof s);
      checkOptions(fn, s, ['asset', 'quantity', 'basis', 'currency']);
      if (typeof s.asset !== 'string' || s.asset === '')
        throw new InvalidArgumentError(`${fn}: \`${at}.asset\` must be a non-empty string.`, `${at}.asset`, typeof s.asset);
      if (s.currency !== undefined && (typeof s.currency !== 'string' || s.currency === '')) {
        throw new InvalidArgumentError(`${fn}: \`${at}.currency\` must be a non-empty string.`, `${at}.currency`, typeof s.currency);
      }
      if (byAsset.has(s.asset))
        throw new InvalidArgumentError(`${fn}: asset ${JSON.stringify(s.asset)} appears twice in \`positions\`.`, `${at}.asset`, s.asset);
      const q = toDec(fn, `${at}.quantity`, s.quantity, 'nonnegative', C);
      const b = s.basis === undefined ? null : toDec(fn, `${at}.basis`, s.basis, 'nonnegative', C);
      byAsset.set(s.asset, { asset: s.asset, currency: curOf(s.asset, s.currency), qty: q, basis: b });
      order.push(s.asset);
    });
  } else if (isHoldings(source)) {
    readHoldings(fn, 'source', source).positions.forEach((h, i) => {
      const at = `source.positions[${i}]`;
      if (h.quantity === undefined) throw new InvalidArgumentError(`${fn}: \`${at}\` (${h.asset}) has no \`quantity\`.`, `${at}.quantity`, 'undefined');
      const q = toDec(fn, `${at}.quantity`, h.quantity.decimal, 'nonnegative', C);
      byAsset.set(h.asset, { asset: h.asset, currency: curOf(h.asset, h.currency), qty: q, basis: null });
      order.push(h.asset);
    });
  } else {
    throw new InvalidArgumentError(`${fn}: \`source\` must be a ledger, an array of positions or Holdings.`, 'source', typeof source);
  }
  return { order, byAsset };
}

/**
 * Value positions at `prices` in `baseCurrency`: quantity × price in the asset's currency,
 * converted with `fxRates` (base units per unit of currency), with weights, unrealised P&L
 * (basis converted at today's rate, so it mixes price and currency effects) and currency
 * exposures. Accepts a ledger (its open lots, aggregated per asset across accounts: a ledger
 * from `buildLedger` as is, any other object with a ledger's fields after checking every field)
 * an array of {@link PortfolioPositionInput}, or core {@link Holdings} (read by `readHoldings`; every
 * position needs its `quantity`; no basis, so no P&L; valued at `prices` like the others). The result's
 * `holdings` are the valued positions as {@link Holdings} in the base currency (with `cash` when the
 * option gives it), so a ledger's lots flow into rebalancing and compliance without conversion.
 * Exact decimals throughout; weights are numbers (0 when the
 * total value is 0). NaN, ±Infinity or a non-decimal string as a price, quantity, basis or FX rate
 * throws; no result field is ever NaN.
 *
 * @throws {InvalidArgumentError} on a missing, negative or non-finite price, a missing or
 *   non-positive FX rate, an asset whose lots carry different currencies, a malformed ledger (naming
 *   the bad field), a bad position, malformed {@link Holdings} or one without a `quantity`, a bad
 *   `cash`, or an unknown option.
 * @example
 * ```ts
 * import { valuePortfolio } from 'quantivista/tax-lots';
 * const v = valuePortfolio(
 *   [{ asset: 'A', quantity: 10, basis: 900 }, { asset: 'B', quantity: 5, currency: 'EUR' }],
 *   { A: 100, B: 200 },
 *   { baseCurrency: 'USD', fxRates: { EUR: 1.1 } },
 * );
 * console.log(v.totalValue.decimal); // "2100"
 * console.log(v.positions[1].weight); // 0.5238095238095238
 * // the same positions as Holdings in USD (B's price 200 EUR × 1.1 = 220 USD), ready for rebalanceTrades
 * console.log(v.holdings.positions[1].price); // "220"
 * console.log(v.holdings.positions[1].marketValue); // "1100"
 * ```
 */
export function valuePortfolio(
  source: TaxLedger | readonly PortfolioPositionInput[] | Holdings,
  prices: Record<string, TaxDecimalInput>,
  options: ValuePortfolioOptions,
): PortfolioValuation {
  const fn = 'valuePortfolio';
  const p = checkPrices(fn, prices);
  const o = checkOptions(fn, options, ['baseCurrency', 'fxRates', 'currencies', 'cash']);
  if (typeof o.baseCurrency !== 'string' || o.baseCurrency === '') {
    throw new InvalidArgumentError(`${fn}: \`baseCurrency\` must be a non-empty string such as 'USD'.`, 'baseCurrency', typeof o.baseCurrency);
  }
  const base = o.baseCurrency;
  for (const k of ['fxRates', 'currencies'] as const) {
    const v = o[k];
    if (v !== undefined && (v === null || typeof v !== 'object' || Array.isArray(v))) {
      throw new InvalidArgumentError(`${fn}: \`${k}\` must be an object.`, k, typeof v);
    }
  }
  const currencies = o.currencies ?? {};
  const curOf = (asset: string, given: string | undefined): string =>
    given ?? (Object.prototype.hasOwnProperty.call(currencies, asset) ? currencies[asset]! : base);
  const C = DX();
  const { order, byAsset } = readSource(fn, source, curOf);
  const fxCache = new Map<string, Dec>([[base, new C(1)]]);
  const fx = (cur: string): Dec => {
    let r = fxCache.get(cur);
    if (r === undefined) {
      const rates = o.fxRates ?? {};
      if (!Object.prototype.hasOwnProperty.call(rates, cur)) {
        throw new InvalidArgumentError(`${fn}: \`fxRates\` has no rate for ${JSON.stringify(cur)} (base ${base}).`, `fxRates.${cur}`, 'missing');
      }
      r = toDec(fn, `fxRates.${cur}`, rates[cur], 'positive', C);
      fxCache.set(cur, r);
    }
    return r;
  };
  const rows = order.map((asset) => {
    const pos = byAsset.get(asset)!;
    const price = toDec(fn, `prices.${asset}`, priceFor(fn, p, asset), 'nonnegative', C);
    const rate = fx(pos.currency);
    const local = pos.qty.mul(price);
    const mv = local.mul(rate);
    const basis = pos.basis === null ? null : pos.basis.mul(rate);
    return { pos, price, rate, local, mv, basis };
  });
  let total = new C(0);
  let totalBasis = new C(0);
  let totalPnl = new C(0);
  const exposure = new Map<string, Dec>();
  for (const r of rows) {
    total = total.plus(r.mv);
    if (r.basis !== null) {
      totalBasis = totalBasis.plus(r.basis);
      totalPnl = totalPnl.plus(r.mv.minus(r.basis));
    }
    exposure.set(r.pos.currency, (exposure.get(r.pos.currency) ?? new C(0)).plus(r.mv));
  }
  // (the quotient to 40 significant digits, then the nearest double)
  const C40 = D();
  const weight = (v: Dec): number => (total.isZero() ? 0 : new C40(v).div(total).toNumber());
  const positions: ValuedPosition[] = rows.map((r) => ({
    asset: r.pos.asset,
    currency: r.pos.currency,
    quantity: amount(r.pos.qty),
    price: amount(r.price),
    localValue: amount(r.local),
    fxRate: amount(r.rate),
    marketValue: amount(r.mv),
    basis: r.basis === null ? null : amount(r.basis),
    unrealizedPnl: r.basis === null ? null : amount(r.mv.minus(r.basis)),
    weight: weight(r.mv),
  }));
  const currencyExposure = Object.fromEntries([...exposure.entries()].map(([cur, v]) => [cur, { marketValue: amount(v), weight: weight(v) }])) as Record<
    string,
    { marketValue: TaxAmount; weight: number }
  >;
  const cash = o.cash === undefined ? undefined : toDec(fn, 'cash', o.cash, 'any', C);
  const nav = cash === undefined ? total : total.plus(cash);
  const held: HoldingsPosition[] = rows.map((r) => ({
    asset: r.pos.asset,
    quantity: amount(r.pos.qty).decimal,
    ...(r.price.isZero() ? {} : { price: amount(r.price.mul(r.rate)).decimal }),
    marketValue: amount(r.mv).decimal,
    weight: cash === undefined ? weight(r.mv) : nav.isZero() ? 0 : new C40(r.mv).div(nav).toNumber(),
    currency: r.pos.currency,
  }));
  const holdings: Holdings = { baseCurrency: base, ...(cash === undefined ? {} : { cash: amount(cash).decimal }), positions: held };
  return {
    baseCurrency: base,
    positions,
    totalValue: amount(total),
    totalBasis: amount(totalBasis),
    totalUnrealizedPnl: amount(totalPnl),
    currencyExposure,
    holdings,
  };
}
