/**
 * Types of the tax-lot domain: transactions in, ledger and reports out.
 *
 * Money and quantities come in as numbers or decimal strings (`'0.1'` is exactly one tenth; the
 * number `0.1` is read through its shortest decimal form, also exactly one tenth) and go out as
 * {@link TaxAmount}: an exact decimal string plus a number for convenience.
 *
 * @module
 */

/**
 * A quantity, price or amount: a finite number or a decimal string such as `'1234.5678'` (an
 * exponent is allowed: `'1.5e3'`). At most 100 digits before and 100 after the decimal point;
 * NaN, ±Infinity and wider values are rejected with an `InvalidArgumentError`.
 */
export type TaxDecimalInput = number | string;

/** An exact decimal result: `decimal` is the exact value as a plain decimal string (no exponent); `number` the nearest double. */
export interface TaxAmount {
  decimal: string;
  number: number;
}

/**
 * How a sale (or transfer out) picks the lots it relieves.
 * - `'fifo'` / `'lifo'`: earliest / latest acquisition date first (ties: order of acquisition).
 * - `'hifo'` / `'lowest-cost'`: highest / lowest basis per share first.
 * - `'specific'`: the sale names lot ids and quantities (`lots`).
 * - `'average-cost'`: single-category average basis of the account's whole position (mutual funds,
 *   Treas. Reg. §1.1012-1(e)); shares leave first-in first-out for the holding period.
 * - `'tax-optimal'`: losses first, then long-term gains, then short-term gains; within each group
 *   the lot whose sale costs the least tax per share (needs `taxRates`).
 */
export type ReliefMethod = 'fifo' | 'lifo' | 'hifo' | 'lowest-cost' | 'specific' | 'average-cost' | 'tax-optimal';

/** Tax rates (decimals, 0.37 = 37 %) on short-term and long-term capital gains. */
export interface TaxRates {
  shortTerm: number;
  longTerm: number;
}

/** Fields every transaction has. */
export interface TaxTransactionBase {
  /** ISO trade date `YYYY-MM-DD`; transactions must be in non-decreasing date order. */
  date: string;
  /** Ticker or other identifier of the security. */
  asset: string;
  /** Optional unique id; a buy's id becomes its lot id (otherwise `t<index>`). */
  id?: string;
  /** Account name (default `'default'`). Wash sales look across all accounts. */
  account?: string;
}

/** A purchase: a new lot with basis `quantity × price + fee`. */
export interface BuyTransaction extends TaxTransactionBase {
  type: 'buy';
  quantity: TaxDecimalInput;
  price: TaxDecimalInput;
  /** Commission, added to basis (IRS Pub. 551). */
  fee?: TaxDecimalInput;
  /** Currency of `price` and `fee` (used by `valuePortfolio`); default: the base currency. */
  currency?: string;
}

/** A named lot and quantity for specific identification. */
export interface LotSelection {
  /**
   * A lot id (`TaxLot.id`) or an acquisition id (`TaxLot.sourceId`): the lot with that id is
   * relieved first, then the other pieces (wash-sale splits) of the acquisition with that id.
   */
  lot: string;
  /** Shares to take. A lot named more than once (or reached both by its own id and by its acquisition id) is relieved once, for the sum. */
  quantity: TaxDecimalInput;
}

/** A sale: proceeds `quantity × price − fee` spread over the relieved lots by quantity. */
export interface SellTransaction extends TaxTransactionBase {
  type: 'sell';
  quantity: TaxDecimalInput;
  price: TaxDecimalInput;
  /** Commission, subtracted from proceeds. */
  fee?: TaxDecimalInput;
  /** Relief method for this sale only (overrides the account's and the ledger's). */
  method?: ReliefMethod;
  /** Lots to relieve (specific identification); quantities must add up to `quantity`. */
  lots?: LotSelection[];
}

/**
 * A stock split: every lot of the asset (in every account) gets `newShares / oldShares` times its
 * quantity; basis and dates unchanged. Quantities stay exact whenever the new quantities are
 * finite decimals: always for an N-for-1 split, and for every ratio whose old-share count in
 * lowest terms divides a power of ten (1-for-2, 1-for-10, 3-for-2, 5-for-4, …), whatever the
 * decimals of the lots. Otherwise (1-for-3, 2-for-3, …) no decimal holds the exact result: each
 * account's new total is rounded half-even to 10 decimal places and spread over its lots by
 * largest remainder (every lot within 1e-10 of its exact share; the lots add up to the account's
 * rounded total), and no cash in lieu is recorded (sell fractional shares cashed out by the
 * broker as an ordinary `sell`). A split of an asset not held anywhere changes nothing (a feed of
 * corporate actions may list splits of every security).
 */
export interface SplitTransaction extends TaxTransactionBase {
  type: 'split';
  /**
   * The ratio, in any of three exact forms (`{ newShares: 2, oldShares: 1 }`, `2` and `'2:1'` are
   * the same 2-for-1 split):
   * - `{ newShares, oldShares }`: a 1-for-10 reverse split is `{ newShares: 1, oldShares: 10 }`;
   * - a number or decimal string: new shares per old share (`0.1` or `'0.1'` is 1-for-10; a number
   *   is read through its shortest decimal string, so `0.1` is exactly one tenth);
   * - a string `'N:M'`: N new shares for M old (`'1:10'`, `'3:2'`), N and M positive decimals.
   */
  ratio: { newShares: TaxDecimalInput; oldShares: TaxDecimalInput } | TaxDecimalInput;
}

/** A nontaxable stock dividend of the same class: `quantity` new shares in total, spread over the account's lots by quantity; basis and holding period unchanged (IRS Pub. 550). */
export interface StockDividendTransaction extends TaxTransactionBase {
  type: 'stock-dividend';
  quantity: TaxDecimalInput;
}

/** A cash dividend of `amount`; with `reinvestQuantity` the cash buys that many shares as a new lot with basis `amount`. */
export interface DividendTransaction extends TaxTransactionBase {
  type: 'dividend';
  amount: TaxDecimalInput;
  reinvestQuantity?: TaxDecimalInput;
}

/** A nondividend distribution: reduces the basis of the account's lots (spread by quantity); any excess over a lot's basis is a capital gain (IRS Pub. 550). */
export interface ReturnOfCapitalTransaction extends TaxTransactionBase {
  type: 'return-of-capital';
  amount: TaxDecimalInput;
}

/** An account fee paid in cash (not added to any basis). `asset` is optional. */
export interface FeeTransaction extends Omit<TaxTransactionBase, 'asset'> {
  type: 'fee';
  asset?: string;
  amount: TaxDecimalInput;
}

/** Shares moved in from elsewhere with their original acquisition date and total basis (not a purchase: never a wash-sale replacement). */
export interface TransferInTransaction extends TaxTransactionBase {
  type: 'transfer-in';
  quantity: TaxDecimalInput;
  /** Total basis of the shares moved in. */
  basis: TaxDecimalInput;
  /** Original acquisition date (on or before `date`); starts the holding period. */
  acquired: string;
  currency?: string;
}

/** Shares moved out (no sale, no gain): lots relieved by the method in force, leaving with their basis. */
export interface TransferOutTransaction extends TaxTransactionBase {
  type: 'transfer-out';
  quantity: TaxDecimalInput;
  method?: ReliefMethod;
  lots?: LotSelection[];
}

/** Any ledger transaction. */
export type TaxTransaction =
  | BuyTransaction
  | SellTransaction
  | SplitTransaction
  | StockDividendTransaction
  | DividendTransaction
  | ReturnOfCapitalTransaction
  | FeeTransaction
  | TransferInTransaction
  | TransferOutTransaction;

/** The transaction types `buildLedger` knows. */
export type TaxTransactionType = TaxTransaction['type'];

/** Options of `buildLedger` (also stored, normalised, in the ledger). */
export interface BuildLedgerOptions {
  /** Default relief method (default `'fifo'`). */
  method?: ReliefMethod;
  /** Relief method per account (overrides `method`; a sale's own `method` overrides both). */
  accountMethods?: Record<string, ReliefMethod>;
  /** Needed by `'tax-optimal'` (null: none, as stored in a ledger). */
  taxRates?: TaxRates | null;
  /** Groups of tickers treated as one security for wash sales, e.g. `[['SPY', 'IVV']]`. */
  substantiallyIdentical?: string[][];
  /** Apply the wash-sale rule (default true). */
  washSales?: boolean;
}

/** An open lot. */
export interface TaxLot {
  /** Unique lot id: the acquisition's id, or `<id>/w<k>` for a piece that absorbed a wash-sale loss. */
  id: string;
  /** Id of the acquisition (buy, reinvested dividend, transfer in) the lot came from. */
  sourceId: string;
  account: string;
  asset: string;
  quantity: TaxAmount;
  /** Adjusted basis of the whole lot (cost + fees + wash-sale additions − returns of capital). */
  basis: TaxAmount;
  /** Basis per share. */
  basisPerShare: TaxAmount;
  /** Date the shares were acquired (trade date). */
  dateAcquired: string;
  /** Date the holding period is counted from: `dateAcquired`, moved earlier by wash-sale tacking. */
  holdingDate: string;
  /** First date a sale is long-term (held more than one year from `holdingDate`). */
  longTermDate: string;
  origin: 'buy' | 'reinvested-dividend' | 'transfer-in';
  /** Disallowed wash-sale losses added to this lot's basis. */
  washSaleAdjustment: TaxAmount;
  /** Currency of the basis, when the acquisition named one. */
  currency?: string;
}

/** One realised disposition (Form 8949 style); `gain = proceeds − basis + adjustment`. */
export interface TaxRealization {
  /** `'sale'` for sold shares; `'return-of-capital'` for a distribution exceeding the lot's basis. */
  kind: 'sale' | 'return-of-capital';
  /** Id of the sale (or distribution) transaction. */
  transactionId: string;
  lotId: string;
  account: string;
  asset: string;
  quantity: TaxAmount;
  dateAcquired: string;
  holdingDate: string;
  dateSold: string;
  proceeds: TaxAmount;
  basis: TaxAmount;
  /** `'W'` when part of the loss is disallowed by the wash-sale rule, else `''`. */
  adjustmentCode: '' | 'W';
  /** Disallowed loss (positive), added back to the gain. */
  adjustment: TaxAmount;
  gain: TaxAmount;
  term: 'short' | 'long';
}

/** A wash-sale adjustment: the disallowed loss moved from a sold lot onto a replacement lot. */
export interface WashSaleAdjustment {
  code: 'W';
  /** The loss sale's transaction id. */
  saleId: string;
  dateSold: string;
  asset: string;
  /** Lot whose loss was (partly) disallowed. */
  fromLot: string;
  /** Replacement lot that received the loss (its id after any split). */
  toLot: string;
  replacementAsset: string;
  replacementAcquired: string;
  /** Replacement shares that absorbed the loss (each absorbs once). */
  quantity: TaxAmount;
  disallowedLoss: TaxAmount;
  /** Days of the sold shares' holding period added to the replacement's (IRC §1223(3)). */
  tackedDays: number;
  /** The replacement's holding date after tacking. */
  newHoldingDate: string;
}

/** One lot (or part of one) moved out by a transfer. */
export interface TransferredLot {
  transactionId: string;
  date: string;
  lotId: string;
  account: string;
  asset: string;
  quantity: TaxAmount;
  basis: TaxAmount;
  dateAcquired: string;
  holdingDate: string;
}

/** A return of capital as applied to one lot. */
export interface ReturnOfCapitalRecord {
  transactionId: string;
  date: string;
  lotId: string;
  account: string;
  asset: string;
  amount: TaxAmount;
  /** Part of `amount` that reduced the basis. */
  basisReduction: TaxAmount;
  /** Part of `amount` above the lot's basis: a capital gain (also a realisation row). */
  excess: TaxAmount;
}

/**
 * The ledger: the result of folding the transactions. JSON-safe plain data, deeply frozen when
 * `buildLedger` returns it (copy it with `structuredClone` or JSON to edit). The report functions
 * take such a ledger as is, and any other object (a JSON round trip, a structured clone, a ledger
 * stored by a service) after checking every field: a missing or extra field, a wrong type, a
 * malformed amount or date is refused with an `InvalidArgumentError` naming it.
 */
export interface TaxLedger {
  /** Options used, normalised (so the ledger can be rebuilt from `transactions` and `options`). */
  options: {
    method: ReliefMethod;
    accountMethods: Record<string, ReliefMethod>;
    taxRates: TaxRates | null;
    substantiallyIdentical: string[][];
    washSales: boolean;
  };
  /** Copies of the input transactions, in order. */
  transactions: TaxTransaction[];
  /** Date of the last transaction (null for none). */
  lastDate: string | null;
  /** Open lots, in order of creation. */
  lots: TaxLot[];
  /** Realised gains and losses, in date order. */
  realizations: TaxRealization[];
  washSales: WashSaleAdjustment[];
  transfersOut: TransferredLot[];
  returnsOfCapital: ReturnOfCapitalRecord[];
  /** Net cash flow per account: − purchases, + sale proceeds, + dividends and distributions, − fees. */
  cash: Record<string, TaxAmount>;
  /** Totals of cash income and costs over the ledger. */
  income: { dividends: TaxAmount; reinvestedDividends: TaxAmount; returnOfCapital: TaxAmount; fees: TaxAmount };
}
