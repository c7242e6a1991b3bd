/**
 * Internal: the fold's handlers of the transactions that open lots — `buy`, `dividend` (cash,
 * and a new lot when reinvested) and `transfer-in`.
 *
 * @module
 * @internal
 */
import { isoToDayNumber } from '../core/dates.ts';
import { allocate, mulUnits } from './fixed.ts';
import { addCash, dateOf, getPool, newLot, pieceId, type LedgerState } from './ledger-state.ts';
import type { NTx } from './normalize-transactions.ts';
import type { TaxLot } from './types.ts';

/**
 * Open the lot of acquisition `t` (`qty` shares for `basis`), first splitting off the pieces
 * that absorb disallowed losses waiting for it (each with its share of the basis plus the loss,
 * and the sold shares' holding period tacked on), and completing those adjustments' records.
 */
function acquire(st: LedgerState, t: NTx, qty: bigint, basis: bigint, origin: TaxLot['origin']): void {
  const pool = getPool(st, t.account, t.asset);
  pool.qty += qty;
  const acq = st.acqAt[t.index];
  let remQ = qty;
  let remB = basis;
  if (acq !== undefined) {
    for (const p of acq.pending) {
      const part = p.qty === remQ ? remB : allocate(remB, p.qty, remQ, st.fx);
      remQ -= p.qty;
      remB -= part;
      const holdDay = t.day - p.heldDays;
      const lot = newLot(st, {
        pool,
        id: pieceId(st, t.id),
        sourceId: t.id,
        acq,
        account: t.account,
        asset: t.asset,
        qty: p.qty,
        basis: part + p.loss,
        acquired: t.date,
        acqDay: t.day,
        holdDay,
        origin,
        currency: t.currency,
        used: true,
        wash: p.loss,
      });
      p.rec.toLot = lot.id;
      p.rec.newHoldingDate = dateOf(st.days, holdDay);
    }
  }
  if (remQ > 0n) {
    newLot(st, {
      pool,
      id: t.id,
      sourceId: t.id,
      acq,
      account: t.account,
      asset: t.asset,
      qty: remQ,
      basis: remB,
      acquired: t.date,
      acqDay: t.day,
      holdDay: t.day,
      origin,
      currency: t.currency,
      used: false,
      wash: 0n,
    });
  }
}

/** `buy`: a new lot with basis quantity × price + fee, paid in cash. @internal */
export function handleBuy(st: LedgerState, t: NTx): void {
  const cost = mulUnits(t.qty!, t.price!, st.fx);
  const basis = t.fee === undefined ? cost : cost + t.fee;
  addCash(st, t.account, -basis);
  acquire(st, t, t.qty!, basis, 'buy');
}

/** `dividend`: cash income; with `reinvestQuantity` the cash buys a new lot whose basis is the dividend. @internal */
export function handleDividend(st: LedgerState, t: NTx): void {
  const amount = t.amount!;
  st.dividends += amount;
  addCash(st, t.account, amount);
  if (t.reinvestQty !== undefined) {
    st.reinvested += amount;
    addCash(st, t.account, -amount);
    acquire(st, t, t.reinvestQty, amount, 'reinvested-dividend');
  }
}

/** `transfer-in`: a lot with its original acquisition date (which starts the holding period) and basis; never a wash-sale replacement. @internal */
export function handleTransferIn(st: LedgerState, t: NTx): void {
  const pool = getPool(st, t.account, t.asset);
  pool.qty += t.qty!;
  const day = isoToDayNumber(t.acquired!);
  newLot(st, {
    pool,
    id: t.id,
    sourceId: t.id,
    acq: undefined,
    account: t.account,
    asset: t.asset,
    qty: t.qty!,
    basis: t.basis!,
    acquired: t.acquired!,
    acqDay: day,
    holdDay: day,
    origin: 'transfer-in',
    currency: t.currency,
    used: false,
    wash: 0n,
  });
}
