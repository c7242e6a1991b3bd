/**
 * Internal: a sale or transfer out takes shares from the lots of its position — which pieces
 * (by the relief method, or the lots it names), then the basis each piece carries away.
 *
 * @module
 * @internal
 */
import { InsufficientLotsError, InvalidArgumentError } from '../core/errors.ts';
import { allocate } from './fixed.ts';
import { compactOpen, fmt, type LedgerState, type Lot, type Pieces, type Pool } from './ledger-state.ts';
import { LEDGER_FN as FN } from './ledger-options.ts';
import { orderLots } from './relief-order.ts';
import type { NTx } from './normalize-transactions.ts';
import type { ReliefMethod } from './types.ts';

function addPiece(p: Pieces, l: Lot, q: bigint): void {
  const k = p.n;
  p.lot[k] = l;
  p.q[k] = q;
  p.id[k] = l.id;
  p.acquired[k] = l.acquired;
  p.hold[k] = l.holdDay;
  p.n = k + 1;
}

function push(m: Map<string, Lot[]>, k: string, l: Lot): void {
  const list = m.get(k);
  if (list === undefined) m.set(k, [l]);
  else list.push(l);
}

/** Specific identification: the named lots (by lot id, then the other pieces of an acquisition id), in the order named. */
function selectSpecific(st: LedgerState, t: NTx, lots: Lot[]): void {
  const p = st.pieces;
  // piece index per lot: a lot named twice (or reached by its acquisition id and by its own
  // id) is relieved once, for the sum, as if named once
  const pieceOf = new Map<Lot, number>();
  // the pool's lots by id and by acquisition id, in pool order (one pass, not one per named lot)
  const byId = new Map<string, Lot[]>();
  const bySource = new Map<string, Lot[]>();
  for (const l of lots) {
    push(byId, l.id, l);
    push(bySource, l.sourceId, l);
  }
  for (const sel of t.lots!) {
    // The lot with that id first, then the other pieces of the acquisition with that id.
    const cands = (byId.get(sel.lot) ?? []).concat((bySource.get(sel.lot) ?? []).filter((l) => l.id !== sel.lot));
    if (cands.length === 0) {
      throw new InvalidArgumentError(
        `${FN}: \`${sel.arg}.lot\` names lot ${JSON.stringify(sel.lot)}, which is not an open lot of ${t.asset} in account ${JSON.stringify(t.account)} on ${t.date}; open lots: ${lots.map((l) => l.id).join(', ') || '(none)'}.`,
        `${sel.arg}.lot`,
        sel.lot,
      );
    }
    let need = sel.qty;
    for (const l of cands) {
      if (need === 0n) break;
      const at = pieceOf.get(l);
      const avail = at === undefined ? l.qty : l.qty - p.q[at]!;
      if (avail <= 0n) continue;
      const q = need < avail ? need : avail;
      if (at === undefined) {
        pieceOf.set(l, p.n);
        addPiece(p, l, q);
      } else p.q[at] = p.q[at]! + q;
      need -= q;
    }
    if (need > 0n) {
      throw new InsufficientLotsError(
        `${FN}: \`${sel.arg}.quantity\` asks for ${fmt(st, sel.qty)} of lot ${JSON.stringify(sel.lot)} (${t.asset}) on ${t.date}, which holds less (shortfall ${fmt(st, need)}).`,
        t.asset,
        t.date,
        fmt(st, need),
      );
    }
  }
}

/**
 * Pick the pieces (lot, quantity) sale or transfer `t` relieves from `pool` into `st.pieces`,
 * without changing the lots.
 * @throws {InsufficientLotsError} when the pool holds less than `t` takes.
 * @internal
 */
export function selectPieces(st: LedgerState, t: NTx, pool: Pool, method: ReliefMethod): void {
  st.pieces.n = 0;
  const Q = t.qty!;
  if (Q > pool.qty) {
    const at = `transactions[${t.index}]`;
    const short = fmt(st, Q - pool.qty);
    throw new InsufficientLotsError(
      `${FN}: \`${at}\` ${t.type === 'sell' ? 'sells' : 'transfers out'} ${fmt(st, Q)} ${t.asset} on ${t.date} in account ${JSON.stringify(t.account)} but only ${fmt(st, pool.qty)} are held (shortfall ${short}).`,
      t.asset,
      t.date,
      short,
    );
  }
  const lots = pool.lots;
  if (method === 'specific') {
    selectSpecific(st, t, lots);
    return;
  }
  if (method === 'fifo' || method === 'average-cost' || method === 'lifo') {
    // the pool keeps its lots in acquisition order too: FIFO (and average cost) take from the
    // front, LIFO from the back, in the order a sort by acquisition gives, without sorting
    selectInOrder(st, pool.byAcq, Q, method === 'lifo');
    return;
  }
  const order = orderLots(st, lots, method, t);
  let need = Q;
  for (let k = 0; k < lots.length; k++) {
    if (need === 0n) break;
    const l = order[k]!;
    const q = need < l.qty ? need : l.qty;
    addPiece(st.pieces, l, q);
    need -= q;
  }
}

/** FIFO or LIFO pieces of lots already in acquisition order: from the front, or from the back. */
function selectInOrder(st: LedgerState, lots: Lot[], Q: bigint, fromBack: boolean): void {
  let need = Q;
  const m = lots.length;
  for (let k = 0; k < m && need !== 0n; k++) {
    const l = lots[fromBack ? m - 1 - k : k]!;
    const q = need < l.qty ? need : l.qty;
    addPiece(st.pieces, l, q);
    need -= q;
  }
}

/**
 * Drop the `closed` lots of the pieces just relieved from the pool, keeping the order: a prefix
 * (FIFO) or a suffix (LIFO) of closed lots is cut at once, a few others one by one, many by
 * compacting the list.
 */
function dropClosed(lots: Lot[], closed: number, p: Pieces): void {
  if (closed === 0) return;
  const m = lots.length;
  let front = 0;
  while (front < closed && !lots[front]!.open) front++;
  if (front === closed) {
    lots.splice(0, closed);
    return;
  }
  let back = 0;
  while (back < closed && !lots[m - 1 - back]!.open) back++;
  if (back === closed) {
    lots.length = m - closed;
    return;
  }
  if (closed > 8) {
    compactOpen(lots);
    return;
  }
  for (let k = 0; k < p.n; k++) {
    const l = p.lot[k]!;
    if (!l.open) {
      const at = lots.indexOf(l);
      if (at >= 0) lots.splice(at, 1);
    }
  }
}

/** Average cost: the pieces take the position's average basis; the rest is spread again over the lots left. */
function relieveAverageCost(st: LedgerState, pool: Pool, Q: bigint): void {
  const p = st.pieces;
  const fx = st.fx;
  const np = p.n;
  let B = 0n;
  for (const l of pool.lots) B += l.basis;
  const T = pool.qty;
  const R = Q === T ? B : allocate(B, Q, T, fx);
  let left = R;
  for (let k = 0; k < np; k++) {
    const b = k === np - 1 ? left : allocate(R, p.q[k]!, Q, fx);
    left -= b;
    p.basis[k] = b;
    const l = p.lot[k]!;
    l.qty -= p.q[k]!;
    if (l.qty === 0n) l.open = false;
  }
  compactOpen(pool.lots);
  compactOpen(pool.byAcq);
  pool.qty = T - Q;
  // Spread the remaining basis over the remaining lots by quantity.
  let restB = B - R;
  let restQ = pool.qty;
  for (const l of pool.lots) {
    const b = l.qty === restQ ? restB : allocate(restB, l.qty, restQ, fx);
    l.basis = b;
    restB -= b;
    restQ -= l.qty;
  }
}

/**
 * Relieve the selected pieces: the basis of each into `st.pieces.basis` (a partial lot's share
 * pro rata, rounded half-even to 10 places); lots are reduced or closed.
 * @internal
 */
export function relievePieces(st: LedgerState, pool: Pool, method: ReliefMethod): void {
  const p = st.pieces;
  const np = p.n;
  let Q = 0n;
  for (let k = 0; k < np; k++) Q += p.q[k]!;
  if (method === 'average-cost') {
    relieveAverageCost(st, pool, Q);
    return;
  }
  let closed = 0;
  for (let k = 0; k < np; k++) {
    const l = p.lot[k]!;
    const q = p.q[k]!;
    if (q === l.qty) {
      p.basis[k] = l.basis;
      l.qty = 0n;
      l.basis = 0n;
      if (l.open) closed++;
      l.open = false;
    } else {
      const part = allocate(l.basis, q, l.qty, st.fx);
      p.basis[k] = part;
      l.basis -= part;
      l.qty -= q;
    }
  }
  dropClosed(pool.lots, closed, p);
  dropClosed(pool.byAcq, closed, p);
  pool.qty -= Q;
}
