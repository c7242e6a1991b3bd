/**
 * The tax-lot ledger: fold dated transactions into open lots, realised gains, wash-sale
 * adjustments and cash, exactly (bigint fixed point; results identical to decimal.js to the
 * string). This file is the entry and the dispatch; the fold's parts live beside it:
 * ledger-options.ts and normalize-transactions.ts (validation), ledger-state.ts (the state),
 * handle-acquisitions.ts, handle-disposals.ts and handle-share-events.ts (one handler per
 * transaction type), relief-order.ts and relieve-lots.ts (relief methods), wash-sales.ts and
 * ledger-output.ts; ledger-check.ts brands and freezes the result.
 *
 * @module
 */
import { handleBuy, handleDividend, handleTransferIn } from './handle-acquisitions.ts';
import { handleSell, handleTransferOut } from './handle-disposals.ts';
import { handleFee, handleReturnOfCapital, handleSplit, handleStockDividend } from './handle-share-events.ts';
import { brandLedger } from './ledger-check.ts';
import { normOptions } from './ledger-options.ts';
import { writeLedger } from './ledger-output.ts';
import { createState, type LedgerState } from './ledger-state.ts';
import { normTransactions, type NTx } from './normalize-transactions.ts';
import { indexAcquisitions } from './wash-sales.ts';
import type { BuildLedgerOptions, SplitTransaction, TaxLedger, TaxTransaction } from './types.ts';

export { RELIEF_METHODS, checkTaxRates } from './ledger-options.ts';
export { TAX_TRANSACTION_TYPES } from './normalize-transactions.ts';

/**
 * Build a tax-lot ledger from dated transactions: open lots (quantity, adjusted basis,
 * acquisition and holding dates), realised gains and losses (Form 8949 rows), wash-sale
 * adjustments, transfers out, returns of capital and net cash per account.
 *
 * **Pure and exact.** The same transactions and options give the same ledger; inputs are never
 * mutated and the result is fresh JSON-safe data, deeply frozen (so the reports can trust it
 * unchecked; copy it with `structuredClone` or JSON to edit). Quantities and money are read
 * exactly (decimal strings, or numbers through their shortest decimal form, as decimal.js reads
 * them) and folded in exact fixed-point arithmetic (bigint counts of 10^-S with S chosen per
 * build so that every input, every quantity × price and every quantity after an exact split is
 * exact; no float ever touches an amount); they come out as {@link TaxAmount} (exact `decimal`
 * string + `number`). Where an amount must be split pro rata (a partial lot's basis, a sale's
 * proceeds over several lots, a stock dividend or return of capital over lots) the share is
 * rounded half-even to 10 decimal places and the last share takes the exact remainder, so totals
 * always reconcile exactly. Splits carry fractional shares exactly whenever the new quantities
 * are finite decimals (every N-for-1 split, and every ratio whose old-share count in lowest terms
 * divides a power of ten: 1-for-2, 1-for-10, 3-for-2…); otherwise (1-for-3…) each account's new
 * total is rounded half-even to 10 decimal places and spread over its lots by largest remainder
 * (see {@link SplitTransaction}); no cash in lieu is recorded.
 *
 * **Transactions** (in non-decreasing date order; same-day transactions in the order given):
 * `buy` (basis = quantity × price + fee), `sell` (proceeds = quantity × price − fee), `split`
 * (all accounts; quantities × newShares/oldShares, basis and dates unchanged; the ratio as
 * `{ newShares, oldShares }`, a number of new shares per old share such as `2`, or `'N:M'` such
 * as `'1:10'`), `stock-dividend`
 * (nontaxable, same class: new shares spread over the account's lots, basis and holding period
 * unchanged, IRS Pub. 550), `dividend` (cash income; with `reinvestQuantity` a new lot whose basis
 * is the dividend), `return-of-capital` (spread over the account's lots by quantity; reduces basis;
 * the excess over a lot's basis is a capital gain row of kind `'return-of-capital'`, Pub. 550
 * "Nondividend Distributions"), `fee` (cash only), `transfer-in` (a lot with its original
 * acquisition date and basis), `transfer-out` (lots leave with their basis; no gain).
 *
 * **Relief methods** ({@link ReliefMethod}): the sale's `method`, else `accountMethods[account]`,
 * else `method` (default `'fifo'`). A sale that names `lots` uses specific identification.
 *
 * **Holding period**: long-term when held more than one year, see {@link longTermStartDate}.
 *
 * **Wash sales** (IRC §1091, Treas. Reg. §1.1091-1 and -2), applied unless `washSales: false`:
 * - a sale of a lot at a loss is a wash sale to the extent substantially identical shares (same
 *   ticker, or a ticker in the same `substantiallyIdentical` group) were acquired by purchase or
 *   dividend reinvestment within 30 days before or after the sale date, in any account;
 * - replacement shares are matched in order of acquisition (earliest first, §1.1091-1(d)), each
 *   share absorbing a disallowed loss only once; shares sold in the same sale are not replacements,
 *   nor are shares already disposed of before the sale, nor the unsold rest of the purchase the
 *   loss shares came from (Rev. Rul. 56-602, 1956-2 C.B. 527: selling part of a lot bought less
 *   than 30 days before reduces the position, it does not replace it); other shares acquired
 *   within the 30 days before and still held are replacements;
 * - with fewer replacement shares than loss shares the loss is disallowed pro rata (§1.1091-1(c));
 * - losses are matched in the order the sales happen (§1.1091-1(b));
 * - the disallowed loss is added to the replacement shares' basis (§1.1091-2; a replacement lot
 *   is split when only part of it absorbs) and their holding date moves earlier by the days the
 *   sold shares were held (IRC §1223(3));
 * - windows cross year ends; a transfer in is not an acquisition; every adjustment is recorded
 *   with code `'W'`, the lots it moved from and to, the quantity and the amount.
 * Sales are matched with replacements acquired later as the fold reaches them, so a loss in
 * December is washed by a January purchase and the January lot carries the adjustment.
 *
 * @param transactions dated transactions ({@link TaxTransaction}).
 * @param options {@link BuildLedgerOptions}.
 * @returns the {@link TaxLedger}.
 * @throws {InsufficientLotsError} when a sale or transfer asks for more than is held, or more of a
 *   named lot than it holds (with the asset, date and shortfall).
 * @throws {InvalidArgumentError} on an unknown transaction type or field, a date out of order or
 *   not ISO, a negative or non-finite quantity, price or amount (or one with more than 100 digits
 *   before or after the decimal point), an unknown lot id, duplicate ids,
 *   lot quantities that do not add up, a stock dividend or return of capital with no shares held,
 *   an unknown option or method, 'tax-optimal' without `taxRates`, a malformed split ratio, a
 *   split that would leave a lot with less than 1e-10 share (a ratio such as 1-for-3 on a lot of
 *   1e-10), splits needing more than 100 decimal places to stay exact, or a split making a
 *   position of more than 10^200 shares. Nothing is returned on error.
 * @example
 * ```ts
 * import { buildLedger } from 'quantivista/tax-lots';
 * // IRS Pub. 550 wash-sale example: buy 100 X for $1,000, sell for $750, rebuy within 30 days for $800.
 * const ledger = buildLedger([
 *   { type: 'buy', date: '2024-01-10', asset: 'X', quantity: 100, price: 10, id: 'old' },
 *   { type: 'sell', date: '2024-06-03', asset: 'X', quantity: 100, price: 7.5, id: 's1' },
 *   { type: 'buy', date: '2024-06-20', asset: 'X', quantity: 100, price: 8, id: 'new' },
 * ]);
 * console.log(ledger.realizations[0].adjustment.decimal); // "250"
 * console.log(ledger.lots[0].basis.decimal); // "1050"
 * // A 1-for-2 reverse split of 0.0000000001 share keeps the half share exactly.
 * const tiny = buildLedger([
 *   { type: 'buy', date: '2024-01-10', asset: 'Y', quantity: '0.0000000001', price: 3 },
 *   { type: 'split', date: '2024-02-01', asset: 'Y', ratio: '1:2' },
 * ]);
 * console.log(tiny.lots[0].quantity.decimal); // "0.00000000005"
 * console.log(tiny.lots[0].basisPerShare.decimal); // "6"
 * ```
 */
export function buildLedger(transactions: readonly TaxTransaction[], options?: BuildLedgerOptions): TaxLedger {
  const opts = normOptions(options);
  const { txs, fx } = normTransactions(transactions, opts);
  const st = createState(opts, fx, txs);
  indexAcquisitions(st);
  for (const t of txs) apply(st, t);
  return brandLedger(writeLedger(st, transactions));
}

/** One transaction folded into the state, by its type's handler. */
function apply(st: LedgerState, t: NTx): void {
  switch (t.type) {
    case 'buy':
      return handleBuy(st, t);
    case 'sell':
      return handleSell(st, t);
    case 'split':
      return handleSplit(st, t);
    case 'stock-dividend':
      return handleStockDividend(st, t);
    case 'dividend':
      return handleDividend(st, t);
    case 'return-of-capital':
      return handleReturnOfCapital(st, t);
    case 'fee':
      return handleFee(st, t);
    case 'transfer-in':
      return handleTransferIn(st, t);
    case 'transfer-out':
      return handleTransferOut(st, t);
  }
}
