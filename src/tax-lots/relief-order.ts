/**
 * Internal: which relief method a sale uses, and the order in which each method relieves the
 * lots of a position (the lot comparators).
 *
 * @module
 * @internal
 */
import { longTermDay, type LedgerState, type Lot } from './ledger-state.ts';
import type { NTx } from './normalize-transactions.ts';
import type { ReliefMethod } from './types.ts';

/** The relief method of a sale or transfer: its own, else its account's, else the ledger's. @internal */
export function methodFor(st: LedgerState, t: NTx): ReliefMethod {
  return t.method ?? st.opts.accountMethods[t.account] ?? st.opts.method;
}

// Lot orders (comparators at module scope: no closure per sale). `key` (brought up to date),
// `cat` and `tax` are set on the lots just before a sort that reads them.
function byAcq(a: Lot, b: Lot): number {
  return a.acqDay - b.acqDay || a.seq - b.seq;
}
function byAcqDesc(a: Lot, b: Lot): number {
  return b.acqDay - a.acqDay || b.seq - a.seq;
}
/** Basis per share, a against b: by the double keys unless they are within 1e-9 (relative), then exactly. */
function perShareCmp(a: Lot, b: Lot): number {
  const ka = a.key;
  const kb = b.key;
  if (Math.abs(ka - kb) > 1e-9 * Math.max(Math.abs(ka), Math.abs(kb))) return ka < kb ? -1 : 1;
  const x = a.basis * b.qty;
  const y = b.basis * a.qty;
  return x < y ? -1 : x > y ? 1 : 0;
}
function hifoCmp(a: Lot, b: Lot): number {
  return perShareCmp(b, a) || byAcq(a, b);
}
function lowestCostCmp(a: Lot, b: Lot): number {
  return perShareCmp(a, b) || byAcq(a, b);
}
function taxOptimalCmp(a: Lot, b: Lot): number {
  if (a.cat !== b.cat) return a.cat - b.cat;
  if (Math.abs(a.tax - b.tax) > 1e-9 * Math.max(Math.abs(a.tax), Math.abs(b.tax))) return a.tax < b.tax ? -1 : 1;
  // (near) tie in tax per share: the higher basis per share (the smaller gain) first
  return -perShareCmp(a, b) || byAcq(a, b);
}

/**
 * `lots` sorted by `cmp` into the scratch array `sorted` (by insertion: pools are small, and
 * mostly in order already for FIFO). Only for comparators that are strict total orders, where
 * every sorting algorithm gives the same order.
 */
function sortInto(sorted: Lot[], lots: Lot[], cmp: (a: Lot, b: Lot) => number): Lot[] {
  for (let i = 0; i < lots.length; i++) {
    const x = lots[i]!;
    let j = i - 1;
    while (j >= 0 && cmp(sorted[j]!, x) > 0) {
      sorted[j + 1] = sorted[j]!;
      j--;
    }
    sorted[j + 1] = x;
  }
  return sorted;
}

/** Bring every lot's basis-per-share key up to date; false when a key is not finite or a lot holds no shares. */
function refreshKeys(lots: Lot[]): boolean {
  let finite = true;
  for (const l of lots) {
    if (l.basis !== l.keyBasis || l.qty !== l.keyQty) {
      l.key = Number(l.basis) / Number(l.qty);
      l.keyBasis = l.basis;
      l.keyQty = l.qty;
    }
    if (!Number.isFinite(l.key) || l.qty <= 0n) finite = false;
  }
  return finite;
}

/** Tax-optimal: losses, then long-term gains, then short-term gains; within each, least tax per share. */
function taxOptimalOrder(st: LedgerState, lots: Lot[], t: NTx): Lot[] {
  const rates = st.opts.taxRates!;
  const price = t.price ?? 0n;
  const priceNumber = Number(price) / Number(st.fx.one);
  for (const l of lots) {
    const loss = price * l.qty < l.basis * st.fx.one;
    const long = t.day >= longTermDay(st.days, l.holdDay);
    l.cat = loss ? 0 : long ? 1 : 2;
    l.tax = (priceNumber - l.key) * (long ? rates.longTerm : rates.shortTerm);
  }
  return lots.slice().sort(taxOptimalCmp);
}

/**
 * The lots of a position in the order sale `t` relieves them under `method` (the first
 * `lots.length` entries of the result; not for 'specific'). Ties in date or basis go by
 * acquisition order.
 * @internal
 */
export function orderLots(st: LedgerState, lots: Lot[], method: ReliefMethod, t: NTx): Lot[] {
  // acquisition order: strict (seq breaks ties)
  if (method === 'fifo' || method === 'average-cost') return sortInto(st.sorted, lots, byAcq);
  if (method === 'lifo') return sortInto(st.sorted, lots, byAcqDesc);
  const finite = refreshKeys(lots);
  // Basis per share: with finite keys and positive quantities the double keys decide only when
  // far apart (where they agree with the exact order) and ties go by acquisition, a strict
  // order; otherwise (a lot of no shares, a key out of range) as Array.prototype.sort orders.
  if (method === 'hifo') return finite ? sortInto(st.sorted, lots, hifoCmp) : lots.slice().sort(hifoCmp);
  if (method === 'lowest-cost') return finite ? sortInto(st.sorted, lots, lowestCostCmp) : lots.slice().sort(lowestCostCmp);
  return taxOptimalOrder(st, lots, t);
}
