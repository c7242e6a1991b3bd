/**
 * Internal: the fold's handlers of the events that change the shares or basis of the lots held —
 * `split`, `stock-dividend`, `return-of-capital` — and of the cash-only `fee`.
 *
 * @module
 * @internal
 */
import { InvalidArgumentError } from '../core/errors.ts';
import { allocate } from './fixed.ts';
import { addCash, amountOf, findPool, realize, type LedgerState, type Pool } from './ledger-state.ts';
import { LEDGER_FN as FN } from './ledger-options.ts';
import type { NTx } from './normalize-transactions.ts';

/** Most shares a position may hold after a split (10^200): beyond, `TaxAmount.number` would head for Infinity (null in JSON). */
const MAX_SPLIT_SHARES_DIGITS = 200;

/**
 * A split whose new quantities are not all finite decimals at the ledger's precision (1-for-3):
 * the account's new total, rounded half-even to 10 decimal places, is spread over its lots by
 * largest remainder (each lot gets its exact share rounded down to 10 places, and the units left
 * go one each to the lots with the largest remainders, earlier lots first on ties), so every lot
 * is within 1e-10 of its exact share and the lots add up to the rounded total.
 */
function roundedSplit(st: LedgerState, t: NTx, pool: Pool, num: bigint, den: bigint): void {
  const fx = st.fx;
  const unit = fx.allocUnit;
  const lots = pool.lots;
  const scaled = den * unit;
  const rem: bigint[] = [];
  let floorSum = 0n;
  for (const l of lots) {
    const x = l.qty * num;
    const f = x / scaled;
    rem.push(x - f * scaled);
    l.qty = f * unit;
    floorSum += l.qty;
  }
  const total = allocate(pool.qty, num, den, fx);
  let extra = (total - floorSum) / unit;
  if (extra > 0n) {
    const order = lots.map((_, i) => i).sort((a, b) => (rem[a]! > rem[b]! ? -1 : rem[a]! < rem[b]! ? 1 : a - b));
    for (let k = 0; extra > 0n; k++, extra--) lots[order[k]!]!.qty += unit;
  }
  for (const l of lots) {
    if (l.qty === 0n) {
      const arg = `transactions[${t.index}].ratio`;
      throw new InvalidArgumentError(
        `${FN}: the split \`transactions[${t.index}]\` of ${t.asset} on ${t.date} leaves lot ${JSON.stringify(l.id)} in account ${JSON.stringify(l.account)} with less than 0.0000000001 share: its new quantity is not a finite decimal and rounds to 0 at 10 decimal places. Sell or transfer the remnant before the split.`,
        arg,
        l.id,
      );
    }
  }
  pool.qty = total;
}

/**
 * `split`: every lot of the asset, in every account, gets newShares / oldShares times its
 * quantity; basis and dates unchanged. Exact whenever the new quantities are finite decimals (the
 * build's scale leaves room for every split whose ratio in lowest terms has an old-share count
 * dividing a power of ten); otherwise see {@link roundedSplit}.
 * @internal
 */
export function handleSplit(st: LedgerState, t: NTx): void {
  const [num, den] = t.ratio!;
  const limit = 10n ** BigInt(MAX_SPLIT_SHARES_DIGITS) * st.fx.one;
  for (const pool of st.poolsByAsset.get(t.asset) ?? []) {
    let exact = true;
    for (const l of pool.lots) {
      if ((l.qty * num) % den !== 0n) {
        exact = false;
        break;
      }
    }
    if (exact) {
      let total = 0n;
      for (const l of pool.lots) {
        l.qty = (l.qty * num) / den;
        total += l.qty;
      }
      pool.qty = total;
    } else roundedSplit(st, t, pool, num, den);
    if (pool.qty >= limit) {
      throw new InvalidArgumentError(
        `${FN}: the split \`transactions[${t.index}]\` of ${t.asset} on ${t.date} would make a position of more than 10^${MAX_SPLIT_SHARES_DIGITS} shares.`,
        `transactions[${t.index}].ratio`,
        'too large',
      );
    }
  }
}

/** The pool a stock dividend or return of capital applies to, or a typed error when nothing is held there. */
function heldPool(st: LedgerState, t: NTx): Pool {
  const pool = findPool(st, t.account, t.asset);
  if (pool === undefined || pool.lots.length === 0) {
    throw new InvalidArgumentError(
      `${FN}: \`transactions[${t.index}]\` is a ${t.type} on ${t.asset} in account ${JSON.stringify(t.account)} on ${t.date}, but no shares are held there.`,
      `transactions[${t.index}]`,
      t.type,
    );
  }
  return pool;
}

/** `stock-dividend`: the new shares spread over the account's lots by quantity (the last lot taking the remainder); basis and holding period unchanged. @internal */
export function handleStockDividend(st: LedgerState, t: NTx): void {
  const pool = heldPool(st, t);
  const total = t.qty!;
  const before = pool.qty;
  let leftAmt = total;
  let leftQ = before;
  pool.qty = before + total;
  for (const l of pool.lots) {
    const share = l.qty === leftQ ? leftAmt : allocate(total, l.qty, before, st.fx);
    leftAmt -= share;
    leftQ -= l.qty;
    l.qty += share;
  }
}

/**
 * `return-of-capital`: the cash spread over the account's lots by quantity (the last lot taking
 * the remainder); each share reduces the lot's basis, and any excess over the basis is a capital
 * gain row of kind 'return-of-capital'.
 * @internal
 */
export function handleReturnOfCapital(st: LedgerState, t: NTx): void {
  const pool = heldPool(st, t);
  const total = t.amount!;
  const before = pool.qty;
  let leftAmt = total;
  let leftQ = before;
  st.rocTotal += total;
  addCash(st, t.account, total);
  for (const l of pool.lots) {
    const share = l.qty === leftQ ? leftAmt : allocate(total, l.qty, before, st.fx);
    leftAmt -= share;
    leftQ -= l.qty;
    const reduce = share > l.basis ? l.basis : share;
    const excess = share - reduce;
    l.basis -= reduce;
    st.rocs.push({
      transactionId: t.id,
      date: t.date,
      lotId: l.id,
      account: t.account,
      asset: t.asset,
      amount: amountOf(st, share),
      basisReduction: amountOf(st, reduce),
      excess: amountOf(st, excess),
    });
    if (excess > 0n) {
      realize(st, t, {
        kind: 'return-of-capital',
        lotId: l.id,
        qty: l.qty,
        acquired: l.acquired,
        holdDay: l.holdDay,
        proceeds: excess,
        basis: 0n,
        adjustment: 0n,
      });
    }
  }
}

/** `fee`: an account fee paid in cash (no basis changes). @internal */
export function handleFee(st: LedgerState, t: NTx): void {
  st.fees += t.amount!;
  addCash(st, t.account, -t.amount!);
}
