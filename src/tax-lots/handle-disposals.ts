/**
 * Internal: the fold's handlers of the transactions that take shares away — `sell` (realised
 * gains, wash sales) and `transfer-out` (lots leave with their basis, no gain).
 *
 * @module
 * @internal
 */
import { allocate, mulUnits } from './fixed.ts';
import { addCash, amountOf, dateOf, getPool, realize, type LedgerState } from './ledger-state.ts';
import { methodFor } from './relief-order.ts';
import { relievePieces, selectPieces } from './relieve-lots.ts';
import { washSale } from './wash-sales.ts';
import type { NTx } from './normalize-transactions.ts';

/** Select and relieve the lots of a disposal by the method in force, into `st.pieces`. */
function relieve(st: LedgerState, t: NTx): void {
  const pool = getPool(st, t.account, t.asset);
  const method = methodFor(st, t);
  selectPieces(st, t, pool, method);
  relievePieces(st, pool, method);
}

/**
 * `sell`: relieve the lots by the method in force, spread the proceeds (quantity × price − fee)
 * over the pieces by quantity (the last piece taking the remainder), apply the wash-sale rule,
 * then write one realisation row per piece.
 * @internal
 */
export function handleSell(st: LedgerState, t: NTx): void {
  relieve(st, t);
  const p = st.pieces;
  const n = p.n;
  const gross = mulUnits(t.qty!, t.price!, st.fx);
  const proceeds = t.fee === undefined ? gross : gross - t.fee;
  addCash(st, t.account, proceeds);
  let left = proceeds;
  for (let k = 0; k < n; k++) {
    const pr = k === n - 1 ? left : allocate(proceeds, p.q[k]!, t.qty!, st.fx);
    left -= pr;
    p.proceeds[k] = pr;
  }
  washSale(st, t);
  for (let k = 0; k < n; k++) {
    realize(st, t, {
      kind: 'sale',
      lotId: p.id[k]!,
      qty: p.q[k]!,
      acquired: p.acquired[k]!,
      holdDay: p.hold[k]!,
      proceeds: p.proceeds[k]!,
      basis: p.basis[k]!,
      adjustment: p.adjust[k]!,
    });
  }
}

/** `transfer-out`: relieve the lots by the method in force; each piece leaves with its basis and dates. @internal */
export function handleTransferOut(st: LedgerState, t: NTx): void {
  relieve(st, t);
  const p = st.pieces;
  for (let k = 0; k < p.n; k++) {
    st.transfers.push({
      transactionId: t.id,
      date: t.date,
      lotId: p.id[k]!,
      account: t.account,
      asset: t.asset,
      quantity: amountOf(st, p.q[k]!),
      basis: amountOf(st, p.basis[k]!),
      dateAcquired: p.acquired[k]!,
      holdingDate: dateOf(st.days, p.hold[k]!),
    });
  }
}
