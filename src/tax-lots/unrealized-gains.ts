/**
 * Unrealised gains of the open lots at given prices, per lot and per asset.
 *
 * @module
 */
import { InvalidArgumentError } from '../core/errors.ts';
import { checkIsoDate } from '../core/dates.ts';
import { checkOptions } from '../core/validate.ts';
import { DX, amount, fromAmount, toDec, type Dec } from './decimal.ts';
import { holdingPeriodTerm } from './holding-period.ts';
import { checkLedger, checkPrices, priceFor } from './ledger-input.ts';
import type { TaxDecimalInput, TaxAmount, TaxLedger } from './types.ts';

/** Options of {@link unrealizedGains}. */
export interface UnrealizedGainsOptions {
  /** Valuation date (ISO); not before the ledger's last transaction. Sets each lot's term. */
  asOf: string;
}

/** Unrealised gain of one open lot. */
export interface UnrealizedLot {
  lotId: string;
  account: string;
  asset: string;
  quantity: TaxAmount;
  basis: TaxAmount;
  price: TaxAmount;
  marketValue: TaxAmount;
  /** marketValue − basis (negative for a loss). */
  gain: TaxAmount;
  /** Term if sold on `asOf`. */
  term: 'short' | 'long';
  dateAcquired: string;
  holdingDate: string;
  longTermDate: string;
}

/** Unrealised gains of one asset (all accounts). */
export interface UnrealizedAsset {
  asset: string;
  quantity: TaxAmount;
  basis: TaxAmount;
  marketValue: TaxAmount;
  gain: TaxAmount;
  shortTermGain: TaxAmount;
  longTermGain: TaxAmount;
}

/** Result of {@link unrealizedGains}. */
export interface UnrealizedGainsResult {
  asOf: string;
  lots: UnrealizedLot[];
  /** Per asset, in order of first appearance among the lots. */
  assets: UnrealizedAsset[];
  totals: { basis: TaxAmount; marketValue: TaxAmount; gain: TaxAmount; shortTermGain: TaxAmount; longTermGain: TaxAmount };
}

interface AssetAcc {
  qty: Dec;
  basis: Dec;
  mv: Dec;
  st: Dec;
  lt: Dec;
}

/**
 * Unrealised gains and losses of every open lot of a ledger at `prices` on `asOf`: market value
 * (quantity × price, exact), gain = market value − adjusted basis, and the term a sale on `asOf`
 * would have (see `longTermStartDate`); aggregated per asset and in total, split by term.
 *
 * @param ledger a ledger from `buildLedger` (taken as is: it is frozen), or a copy of one
 *   (JSON round trip, structured clone, stored by a service), checked field by field first.
 * @param prices price per share of every held asset (number or decimal string, ≥ 0).
 * @param options `asOf` (required).
 * @throws {InvalidArgumentError} when a held asset has no price, a price is negative or not finite,
 *   `asOf` is not an ISO date or is before the ledger's last transaction, or the ledger is malformed
 *   (naming the bad field, e.g. `ledger.lots[0].quantity.decimal`).
 * @example
 * ```ts
 * import { buildLedger, unrealizedGains } from 'quantivista/tax-lots';
 * const ledger = buildLedger([
 *   { type: 'buy', date: '2024-01-02', asset: 'X', quantity: 10, price: 20 },
 *   { type: 'buy', date: '2024-06-03', asset: 'X', quantity: 5, price: 30 },
 * ]);
 * const u = unrealizedGains(ledger, { X: 25 }, { asOf: '2024-12-31' });
 * console.log(u.assets[0].gain.decimal); // "25"
 * ```
 */
export function unrealizedGains(ledger: TaxLedger, prices: Record<string, TaxDecimalInput>, options: UnrealizedGainsOptions): UnrealizedGainsResult {
  const fn = 'unrealizedGains';
  return unrealizedOf(fn, checkLedger(fn, ledger), prices, options);
}

/** {@link unrealizedGains} of a ledger already checked, with `fn` named in error messages. @internal */
export function unrealizedOf(fn: string, l: TaxLedger, prices: Record<string, TaxDecimalInput>, options: UnrealizedGainsOptions): UnrealizedGainsResult {
  const p = checkPrices(fn, prices);
  const o = checkOptions(fn, options, ['asOf']);
  const asOf = checkIsoDate(fn, 'asOf', o.asOf);
  if (l.lastDate !== null && asOf < l.lastDate) {
    throw new InvalidArgumentError(`${fn}: \`asOf\` (${asOf}) is before the ledger's last transaction (${l.lastDate}).`, 'asOf', asOf);
  }
  const C = DX();
  const priceCache = new Map<string, Dec>();
  const acc = new Map<string, AssetAcc>();
  const lots: UnrealizedLot[] = [];
  let tb = new C(0);
  let tmv = new C(0);
  let tst = new C(0);
  let tlt = new C(0);
  l.lots.forEach((lot, i) => {
    let price = priceCache.get(lot.asset);
    if (price === undefined) {
      price = toDec(fn, `prices.${lot.asset}`, priceFor(fn, p, lot.asset), 'nonnegative', C);
      priceCache.set(lot.asset, price);
    }
    const q = fromAmount(fn, `ledger.lots[${i}].quantity`, lot.quantity, C);
    const b = fromAmount(fn, `ledger.lots[${i}].basis`, lot.basis, C);
    const mv = q.mul(price);
    const g = mv.minus(b);
    const term = holdingPeriodTerm(lot.holdingDate, asOf);
    lots.push({
      lotId: lot.id,
      account: lot.account,
      asset: lot.asset,
      quantity: amount(q),
      basis: amount(b),
      price: amount(price),
      marketValue: amount(mv),
      gain: amount(g),
      term,
      dateAcquired: lot.dateAcquired,
      holdingDate: lot.holdingDate,
      longTermDate: lot.longTermDate,
    });
    let a = acc.get(lot.asset);
    if (a === undefined) acc.set(lot.asset, (a = { qty: new C(0), basis: new C(0), mv: new C(0), st: new C(0), lt: new C(0) }));
    a.qty = a.qty.plus(q);
    a.basis = a.basis.plus(b);
    a.mv = a.mv.plus(mv);
    if (term === 'long') a.lt = a.lt.plus(g);
    else a.st = a.st.plus(g);
    tb = tb.plus(b);
    tmv = tmv.plus(mv);
    if (term === 'long') tlt = tlt.plus(g);
    else tst = tst.plus(g);
  });
  const assets: UnrealizedAsset[] = [...acc.entries()].map(([asset, a]) => ({
    asset,
    quantity: amount(a.qty),
    basis: amount(a.basis),
    marketValue: amount(a.mv),
    gain: amount(a.mv.minus(a.basis)),
    shortTermGain: amount(a.st),
    longTermGain: amount(a.lt),
  }));
  return {
    asOf,
    lots,
    assets,
    totals: { basis: amount(tb), marketValue: amount(tmv), gain: amount(tmv.minus(tb)), shortTermGain: amount(tst), longTermGain: amount(tlt) },
  };
}
