/**
 * Internal: checks on a ledger passed back into the report functions.
 *
 * @module
 * @internal
 */
import { InvalidArgumentError } from '../core/errors.ts';
import type { TaxLedger } from './types.ts';

/** Check that `ledger` looks like a {@link TaxLedger} (made by `buildLedger`). */
export function checkLedger(fn: string, ledger: unknown): TaxLedger {
  const l = ledger as Partial<TaxLedger> | null;
  if (
    l === null ||
    typeof l !== 'object' ||
    !Array.isArray(l.lots) ||
    !Array.isArray(l.realizations) ||
    !Array.isArray(l.transactions) ||
    l.options === undefined
  ) {
    throw new InvalidArgumentError(`${fn}: \`ledger\` must be a ledger made by buildLedger.`, 'ledger', typeof ledger);
  }
  return l as TaxLedger;
}

/** Check a price map (`asset -> price`) is a plain object. */
export function checkPrices(fn: string, prices: unknown): Record<string, number | string> {
  if (prices === null || typeof prices !== 'object' || Array.isArray(prices)) {
    throw new InvalidArgumentError(`${fn}: \`prices\` must be an object mapping asset to price.`, 'prices', typeof prices);
  }
  return prices as Record<string, number | string>;
}

/** The price of `asset`, or a typed error naming `prices.<asset>`. */
export function priceFor(fn: string, prices: Record<string, number | string>, asset: string): unknown {
  if (!Object.prototype.hasOwnProperty.call(prices, asset)) {
    throw new InvalidArgumentError(`${fn}: \`prices\` has no price for ${JSON.stringify(asset)}, which is held.`, `prices.${asset}`, 'missing');
  }
  return prices[asset];
}
