/**
 * Internal: the wash-sale rule in the fold (IRC §1091; see `buildLedger` for the rules). The
 * acquisitions of each substantially identical group are indexed before the fold; a loss piece
 * of a sale is matched against those within 30 days, earliest first, and the disallowed loss is
 * moved onto the replacement lots (or waits for shares bought later).
 *
 * @module
 * @internal
 */
import { allocate } from './fixed.ts';
import { amountOf, compactOpen, dateOf, newLot, pieceId, type Acq, type AcqList, type LedgerState, type Lot } from './ledger-state.ts';
import type { NTx } from './normalize-transactions.ts';
import type { WashSaleAdjustment } from './types.ts';

const WASH_WINDOW_DAYS = 30;

/** The wash-sale group key of a ticker: 'g<index>' for a group, 'a<ticker>' for a lone ticker (no ticker can collide with a group). @internal */
export function groupKey(st: LedgerState, asset: string): string {
  return st.groupOf.get(asset) ?? `a${asset}`;
}

/** Index the acquisitions (purchases and reinvested dividends) of each group, in order, when wash sales apply. @internal */
export function indexAcquisitions(st: LedgerState): void {
  st.opts.substantiallyIdentical.forEach((g, gi) => {
    for (const t of g) st.groupOf.set(t, `g${gi}`);
  });
  if (!st.opts.washSales) return;
  for (const t of st.txs) {
    const q = t.type === 'buy' ? t.qty : t.type === 'dividend' ? t.reinvestQty : undefined;
    if (q === undefined) continue;
    const a: Acq = { txIndex: t.index, day: t.day, qty: q, absorbed: 0n, pending: [], lots: [] };
    st.acqAt[t.index] = a;
    const g = groupKey(st, t.asset);
    let list = st.acqByGroup.get(g);
    if (list === undefined) st.acqByGroup.set(g, (list = { acqs: [], days: [] }));
    list.acqs.push(a);
    list.days.push(t.day);
  }
}

/** Index of the first element of the ascending `days` that is >= `day` (days.length if none). */
function firstOnOrAfter(days: number[], day: number): number {
  let a = 0;
  let b = days.length;
  while (a < b) {
    const m = (a + b) >>> 1;
    if (days[m]! < day) a = m + 1;
    else b = m;
  }
  return a;
}

/**
 * The replacement chunks for `q` shares sold by `t`, from the acquisitions `list.acqs[from..]`
 * within the window: still-held shares of earlier acquisitions not yet used, and not-yet-promised
 * shares of later ones; never the rest of the sold shares' own purchase (Rev. Rul. 56-602).
 * Returns the number of chunks and the shares left unreplaced.
 */
function collectChunks(st: LedgerState, t: NTx, list: AcqList, from: number, q: bigint, own: Acq | undefined): [number, bigint] {
  const c = st.chunks;
  const acqs = list.acqs;
  const days = list.days;
  const hi = t.day + WASH_WINDOW_DAYS;
  let need = q;
  let nc = 0;
  for (let k = from; k < acqs.length && days[k]! <= hi && need > 0n; k++) {
    const acq = acqs[k]!;
    if (acq === own) continue; // the rest of the loss shares' own purchase (Rev. Rul. 56-602)
    if (acq.txIndex < t.index) {
      compactOpen(acq.lots);
      for (const lot of acq.lots) {
        if (need <= 0n) break;
        if (lot.used || lot.qty <= 0n) continue;
        const r = need < lot.qty ? need : lot.qty;
        need -= r;
        c.qty[nc] = r;
        c.lot[nc] = lot;
        c.acq[nc] = undefined;
        nc++;
      }
    } else if (acq.txIndex > t.index) {
      const avail = acq.qty - acq.absorbed;
      if (avail <= 0n) continue;
      const r = need < avail ? need : avail;
      need -= r;
      acq.absorbed += r;
      c.qty[nc] = r;
      c.lot[nc] = undefined;
      c.acq[nc] = acq;
      nc++;
    }
  }
  return [nc, need];
}

/** Shares bought before the sale (and still held): `r` of them (split off `lot` if fewer) absorb `d` now. */
function washOntoLot(st: LedgerState, t: NTx, lot: Lot, r: bigint, d: bigint, lotId: string, heldDays: number): void {
  let target = lot;
  if (r < lot.qty) {
    const part = allocate(lot.basis, r, lot.qty, st.fx);
    lot.basis -= part;
    lot.qty -= r;
    target = newLot(st, {
      pool: lot.pool,
      id: pieceId(st, lot.sourceId),
      sourceId: lot.sourceId,
      acq: lot.acq,
      account: lot.account,
      asset: lot.asset,
      qty: r,
      basis: part,
      acquired: lot.acquired,
      acqDay: lot.acqDay,
      holdDay: lot.holdDay,
      origin: lot.origin,
      currency: lot.currency,
      used: false,
      wash: 0n,
    });
  }
  target.used = true;
  target.basis += d;
  target.wash += d;
  target.holdDay = target.acqDay - heldDays;
  st.washSales.push({
    code: 'W',
    saleId: t.id,
    dateSold: t.date,
    asset: t.asset,
    fromLot: lotId,
    toLot: target.id,
    replacementAsset: target.asset,
    replacementAcquired: target.acquired,
    quantity: amountOf(st, r),
    disallowedLoss: amountOf(st, d),
    tackedDays: heldDays,
    newHoldingDate: dateOf(st.days, target.holdDay),
  });
}

/** Shares bought after the sale: the loss `d` on `r` of them waits for the purchase (see `acquire`). */
function washOntoLater(st: LedgerState, t: NTx, acq: Acq, r: bigint, d: bigint, lotId: string, heldDays: number): void {
  const rt = st.txs[acq.txIndex]!;
  const rec: WashSaleAdjustment = {
    code: 'W',
    saleId: t.id,
    dateSold: t.date,
    asset: t.asset,
    fromLot: lotId,
    toLot: '',
    replacementAsset: rt.asset,
    replacementAcquired: rt.date,
    quantity: amountOf(st, r),
    disallowedLoss: amountOf(st, d),
    tackedDays: heldDays,
    newHoldingDate: '',
  };
  st.washSales.push(rec);
  acq.pending.push({ qty: r, loss: d, heldDays, rec });
}

/**
 * Wash-sale matching of one loss piece (`q` shares sold at a loss of `loss` out of lot `lotId`,
 * held `heldDays`) against the acquisitions `list.acqs[from..]` (the first within the window):
 * the replacement chunks are collected first, then the disallowed loss is spread over them
 * (pro rata, §1.1091-1(c), the last chunk taking the remainder). Returns the disallowed loss (0
 * when there is no replacement).
 */
function washPiece(
  st: LedgerState,
  t: NTx,
  list: AcqList,
  from: number,
  q: bigint,
  loss: bigint,
  lotId: string,
  heldDays: number,
  own: Acq | undefined,
): bigint {
  const [nc, need] = collectChunks(st, t, list, from, q, own);
  if (nc === 0) return 0n;
  const c = st.chunks;
  const replaced = q - need;
  const totalDisallowed = replaced === q ? loss : allocate(loss, replaced, q, st.fx);
  let left = totalDisallowed;
  for (let k = 0; k < nc; k++) {
    const r = c.qty[k]!;
    const d = k === nc - 1 ? left : allocate(totalDisallowed, r, replaced, st.fx);
    left -= d;
    const lot = c.lot[k];
    if (lot !== undefined) washOntoLot(st, t, lot, r, d, lotId, heldDays);
    else washOntoLater(st, t, c.acq[k]!, r, d, lotId, heldDays);
    c.lot[k] = undefined;
    c.acq[k] = undefined;
  }
  return totalDisallowed;
}

/**
 * The wash sales of sale `t`, loss piece by loss piece (its pieces, bases and proceeds in
 * `st.pieces`), into `st.pieces.adjust`: before the rows are written, since a row carries its
 * disallowed loss. The acquisitions in the window are searched once per sale.
 * @internal
 */
export function washSale(st: LedgerState, t: NTx): void {
  const p = st.pieces;
  const n = p.n;
  let list: AcqList | undefined;
  let from = -1;
  for (let k = 0; k < n; k++) {
    const basis = p.basis[k]!;
    const pr = p.proceeds[k]!;
    p.adjust[k] = 0n;
    if (!st.opts.washSales || basis <= pr) continue;
    if (from === -1) {
      list = st.acqByGroup.get(groupKey(st, t.asset));
      from = list === undefined ? 0 : firstOnOrAfter(list.days, t.day - WASH_WINDOW_DAYS);
    }
    if (list !== undefined) p.adjust[k] = washPiece(st, t, list, from, p.q[k]!, basis - pr, p.id[k]!, t.day - p.hold[k]!, p.lot[k]!.acq);
  }
}
