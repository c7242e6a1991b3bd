/**
 * Internal: the result shapes of `taxAwareRebalance` (re-exported from tax-aware-rebalance.ts),
 * kept apart so its steps can use them without an import cycle.
 *
 * @module
 * @internal
 */
import type { Order } from '../core/holdings.ts';
import type { TaxAmount, TaxTransaction } from '../tax-lots/types.ts';

/** One lot (part) a sell relieves. */
export interface TaxAwareLotSale {
  lotId: string;
  quantity: TaxAmount;
  basis: TaxAmount;
  proceeds: TaxAmount;
  gain: TaxAmount;
  term: 'short' | 'long';
}

/** One order of `taxAwareRebalance`: an {@link Order} (so it passes to `preTradeCheck` unchanged) with its value, reason and the lots a sell relieves. */
export interface TaxAwareOrder extends Order {
  asset: string;
  side: 'buy' | 'sell';
  quantity: TaxAmount;
  price: number;
  value: TaxAmount;
  /** Why: `'rebalance'`, `'harvest'`, or `'replacement'` (bought instead of a blocked asset). */
  reason: 'rebalance' | 'harvest' | 'replacement';
  /** For sells: the lots relieved (specific identification). */
  lots?: TaxAwareLotSale[];
  /** For a replacement buy: the asset it stands in for. */
  replaces?: string;
}

/** Result of `taxAwareRebalance`. */
export interface TaxAwareRebalanceResult {
  orders: TaxAwareOrder[];
  /**
   * The orders as ledger transactions (sells name their lots), ready to append to the ledger's
   * transactions: a sell carries the `account` of its lots (the default account left implicit)
   * and is split into one transaction per account when its lots sit in several.
   */
  transactions: TaxTransaction[];
  /** Realised gains of the sells, by term (losses negative). */
  realized: { shortTerm: TaxAmount; longTerm: TaxAmount; total: TaxAmount };
  /** shortTerm · rate + longTerm · rate (negative: tax saved), assuming losses offset gains at the same rates. */
  estimatedTax: TaxAmount;
  /** Largest |weight − target| before and after the orders. */
  drift: { before: number; after: number };
  /** Weights after the orders. */
  weightsAfter: Record<string, number>;
  /** Cash after the orders. */
  cashAfter: TaxAmount;
  /** Buys not made (or made in a replacement) because they would make a wash sale, and loss sales skipped for the same reason. */
  blocked: Array<{ asset: string; side: 'buy' | 'sell'; reason: string; substitute?: string }>;
}
