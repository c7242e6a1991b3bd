/**
 * Internal: the state of one ledger fold — the open lots of each position (account and asset),
 * the wash-sale bookkeeping (acquisitions by substantially identical group, losses waiting for
 * shares bought later), the result rows as they are written, cash and income totals, and the
 * scratch arrays the handlers reuse — with the small operations every handler shares.
 *
 * @module
 * @internal
 */
import { isoFromDayNumber, isoToDayNumber } from '../core/dates.ts';
import { amountOfUnits, type FixedScale } from './fixed.ts';
import { longTermStartDate } from './holding-period.ts';
import type { NormOptions } from './ledger-options.ts';
import type { NTx } from './normalize-transactions.ts';
import type { ReturnOfCapitalRecord, TaxAmount, TaxLot, TaxRealization, TransferredLot, WashSaleAdjustment } from './types.ts';

/** A disallowed loss waiting for shares bought after the sale. @internal */
export interface Pending {
  qty: bigint;
  loss: bigint;
  heldDays: number;
  /** The adjustment as reported; its `toLot` and `newHoldingDate` are filled in when the shares are bought. */
  rec: WashSaleAdjustment;
}

/** An acquisition (purchase or reinvested dividend) that may replace shares sold at a loss. @internal */
export interface Acq {
  txIndex: number;
  day: number;
  qty: bigint;
  /** Shares of a later acquisition already promised to earlier losses. */
  absorbed: bigint;
  pending: Pending[];
  /** The lots the acquisition became (closed ones are dropped lazily). */
  lots: Lot[];
}

/** A wash-sale group's acquisitions in order, with their day numbers alongside (for the window search). @internal */
export interface AcqList {
  acqs: Acq[];
  days: number[];
}

/** An open (or just closed) lot: its {@link LotSpec} and the fold's bookkeeping. @internal */
export interface Lot extends LotSpec {
  seq: number;
  open: boolean;
  /** Basis per share as a double (a sort key), computed from `keyBasis` and `keyQty` (recomputed when they are no longer the lot's). */
  key: number;
  keyBasis: bigint;
  keyQty: bigint;
  /** Tax-optimal category and tax per share for the sale being matched. */
  cat: number;
  tax: number;
}

/** The lots of one account and asset, and their total quantity. @internal */
export interface Pool {
  lots: Lot[];
  qty: bigint;
  /** The same lots in acquisition order (acquisition day, then seq), kept sorted as lots open and close: FIFO, LIFO and average cost take from it without a sort. */
  byAcq: Lot[];
}

/** What a new lot is made of (see {@link newLot}). @internal */
export interface LotSpec {
  pool: Pool;
  id: string;
  sourceId: string;
  acq: Acq | undefined;
  account: string;
  asset: string;
  qty: bigint;
  basis: bigint;
  acquired: string;
  acqDay: number;
  holdDay: number;
  origin: TaxLot['origin'];
  currency: string | undefined;
  /** Already absorbed a disallowed loss (a replacement share absorbs once). */
  used: boolean;
  wash: bigint;
}

/**
 * The pieces of the sale or transfer being processed, in scratch arrays reused from one to the
 * next: the lot, the quantity taken, the lot's id, acquisition date and holding date at the sale
 * (a wash below may move a lot's holding date), then the basis relieved, the proceeds and the
 * disallowed loss. @internal
 */
export interface Pieces {
  n: number;
  lot: Lot[];
  q: bigint[];
  id: string[];
  acquired: string[];
  hold: number[];
  basis: bigint[];
  proceeds: bigint[];
  adjust: bigint[];
}

/** Scratch for the replacement chunks of one wash-sale match: an earlier lot or a later acquisition each. @internal */
export interface WashChunks {
  qty: bigint[];
  lot: (Lot | undefined)[];
  acq: (Acq | undefined)[];
}

/** Dates by day number: arrays over the ledger's years (holding dates may be earlier), maps beyond. @internal */
export interface DayCache {
  base: number;
  span: number;
  str: (string | undefined)[];
  lt: number[];
  strFar: Map<number, string>;
  ltFar: Map<number, number>;
}

/** Everything one fold reads and writes. @internal */
export interface LedgerState {
  readonly opts: NormOptions;
  readonly fx: FixedScale;
  readonly txs: NTx[];
  readonly pools: Map<string, Pool>;
  readonly poolsByAsset: Map<string, Pool[]>;
  /** Creation counter of lots (the tie-break of equal dates, and the output order). */
  seq: number;
  /** Wash-sale pieces split off each acquisition so far (for their ids `<id>/w<k>`). */
  readonly pieceCount: Map<string, number>;
  /** Wash-sale group key of each ticker in a `substantiallyIdentical` group. */
  readonly groupOf: Map<string, string>;
  /** The acquisition record of each transaction (by index), when wash sales apply. */
  readonly acqAt: (Acq | undefined)[];
  readonly acqByGroup: Map<string, AcqList>;
  readonly days: DayCache;
  // Result rows, each final when pushed (except a wash adjustment onto shares bought later,
  // completed when they are bought).
  readonly realizations: TaxRealization[];
  readonly washSales: WashSaleAdjustment[];
  readonly transfers: TransferredLot[];
  readonly rocs: ReturnOfCapitalRecord[];
  readonly cash: Map<string, bigint>;
  dividends: bigint;
  reinvested: bigint;
  rocTotal: bigint;
  fees: bigint;
  readonly pieces: Pieces;
  readonly chunks: WashChunks;
  /** Scratch array of the relief orders. */
  readonly sorted: Lot[];
}

/** Dates are cached in arrays from this many days before the first transaction to the last (at most DAY_CACHE_MAX days). */
const DAY_CACHE_BEFORE = 3660;
const DAY_CACHE_MAX = 65536;

function dayCache(txs: NTx[]): DayCache {
  const base = txs.length === 0 ? 0 : txs[0]!.day - DAY_CACHE_BEFORE;
  const all = txs.length === 0 ? 0 : txs[txs.length - 1]!.day - base + 1;
  const span = all <= DAY_CACHE_MAX ? all : 0;
  return {
    base,
    span,
    str: new Array<string | undefined>(span).fill(undefined),
    lt: new Array<number>(span).fill(NaN),
    strFar: new Map<number, string>(),
    ltFar: new Map<number, number>(),
  };
}

/** A fresh fold state (no lots, no rows); the wash-sale index is filled by the caller. @internal */
export function createState(opts: NormOptions, fx: FixedScale, txs: NTx[]): LedgerState {
  return {
    opts,
    fx,
    txs,
    pools: new Map(),
    poolsByAsset: new Map(),
    seq: 0,
    pieceCount: new Map(),
    groupOf: new Map(),
    acqAt: new Array<Acq | undefined>(txs.length).fill(undefined),
    acqByGroup: new Map(),
    days: dayCache(txs),
    realizations: [],
    washSales: [],
    transfers: [],
    rocs: [],
    cash: new Map(),
    dividends: 0n,
    reinvested: 0n,
    rocTotal: 0n,
    fees: 0n,
    pieces: { n: 0, lot: [], q: [], id: [], acquired: [], hold: [], basis: [], proceeds: [], adjust: [] },
    chunks: { qty: [], lot: [], acq: [] },
    sorted: [],
  };
}

/** The ISO date of a day number. @internal */
export function dateOf(dc: DayCache, day: number): string {
  const i = day - dc.base;
  const inside = i >= 0 && i < dc.span;
  let v = inside ? dc.str[i] : dc.strFar.get(day);
  if (v === undefined) {
    v = isoFromDayNumber(day);
    if (inside) dc.str[i] = v;
    else dc.strFar.set(day, v);
  }
  return v;
}

/** The day number of the first long-term sale day of shares held from `holdDay`. @internal */
export function longTermDay(dc: DayCache, holdDay: number): number {
  const i = holdDay - dc.base;
  const inside = i >= 0 && i < dc.span;
  let v = inside ? dc.lt[i]! : (dc.ltFar.get(holdDay) ?? NaN);
  if (Number.isNaN(v)) {
    v = isoToDayNumber(longTermStartDate(dateOf(dc, holdDay)));
    if (inside) dc.lt[i] = v;
    else dc.ltFar.set(holdDay, v);
  }
  return v;
}

/** A {@link TaxAmount} of a unit value at the fold's scale. @internal */
export function amountOf(st: LedgerState, u: bigint): TaxAmount {
  return amountOfUnits(u, st.fx);
}

/** The decimal string of a unit value (for messages). @internal */
export function fmt(st: LedgerState, u: bigint): string {
  return amountOfUnits(u, st.fx).decimal;
}

// (length-prefixed: injective whatever characters the names contain)
function poolKey(account: string, asset: string): string {
  return `${account.length}:${account}${asset}`;
}

/** The pool of `account` and `asset`, if it was ever opened. @internal */
export function findPool(st: LedgerState, account: string, asset: string): Pool | undefined {
  return st.pools.get(poolKey(account, asset));
}

/** The pool of `account` and `asset`, opened empty when new. @internal */
export function getPool(st: LedgerState, account: string, asset: string): Pool {
  const k = poolKey(account, asset);
  let p = st.pools.get(k);
  if (p === undefined) {
    p = { lots: [], qty: 0n, byAcq: [] };
    st.pools.set(k, p);
    let list = st.poolsByAsset.get(asset);
    if (list === undefined) st.poolsByAsset.set(asset, (list = []));
    list.push(p);
  }
  return p;
}

/** Open a lot in its pool (and its acquisition's list); the pool's quantity is the caller's. @internal */
export function newLot(st: LedgerState, s: LotSpec): Lot {
  const lot: Lot = {
    pool: s.pool,
    id: s.id,
    sourceId: s.sourceId,
    seq: st.seq++,
    acq: s.acq,
    account: s.account,
    asset: s.asset,
    qty: s.qty,
    basis: s.basis,
    acquired: s.acquired,
    acqDay: s.acqDay,
    holdDay: s.holdDay,
    origin: s.origin,
    wash: s.wash,
    used: s.used,
    open: true,
    currency: s.currency,
    key: NaN,
    keyBasis: -1n,
    keyQty: -1n,
    cat: 0,
    tax: NaN,
  };
  s.pool.lots.push(lot);
  insertByAcq(s.pool.byAcq, lot);
  if (s.acq !== undefined) s.acq.lots.push(lot);
  return lot;
}

/** Insert `lot` into `sorted` (by acquisition day, then seq) after every lot that comes before it; usually an append. */
function insertByAcq(sorted: Lot[], lot: Lot): void {
  let hi = sorted.length;
  const last = sorted[hi - 1];
  if (last === undefined || last.acqDay < lot.acqDay || (last.acqDay === lot.acqDay && last.seq < lot.seq)) {
    sorted.push(lot);
    return;
  }
  let lo = 0;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const m = sorted[mid]!;
    if (m.acqDay < lot.acqDay || (m.acqDay === lot.acqDay && m.seq < lot.seq)) lo = mid + 1;
    else hi = mid;
  }
  sorted.splice(lo, 0, lot);
}

/** The id of the next wash-sale piece of acquisition `sourceId`: `<sourceId>/w<k>`. @internal */
export function pieceId(st: LedgerState, sourceId: string): string {
  const k = (st.pieceCount.get(sourceId) ?? 0) + 1;
  st.pieceCount.set(sourceId, k);
  return `${sourceId}/w${k}`;
}

/** Drop closed lots, in place, keeping the order. @internal */
export function compactOpen(lots: Lot[]): void {
  let j = 0;
  for (let i = 0; i < lots.length; i++) {
    const l = lots[i]!;
    if (l.open) lots[j++] = l;
  }
  if (j !== lots.length) lots.length = j;
}

/** Add `d` to the account's net cash flow. @internal */
export function addCash(st: LedgerState, account: string, d: bigint): void {
  st.cash.set(account, (st.cash.get(account) ?? 0n) + d);
}

/** What one realisation row records (see {@link realize}). @internal */
export interface RealizedPiece {
  kind: TaxRealization['kind'];
  lotId: string;
  qty: bigint;
  acquired: string;
  holdDay: number;
  proceeds: bigint;
  basis: bigint;
  adjustment: bigint;
}

/** Push one realisation row of transaction `t` (a sale of a piece of a lot, or a return of capital above basis). @internal */
export function realize(st: LedgerState, t: NTx, r: RealizedPiece): void {
  st.realizations.push({
    kind: r.kind,
    transactionId: t.id,
    lotId: r.lotId,
    account: t.account,
    asset: t.asset,
    quantity: amountOf(st, r.qty),
    dateAcquired: r.acquired,
    holdingDate: dateOf(st.days, r.holdDay),
    dateSold: t.date,
    proceeds: amountOf(st, r.proceeds),
    basis: amountOf(st, r.basis),
    adjustmentCode: r.adjustment > 0n ? 'W' : '',
    adjustment: amountOf(st, r.adjustment),
    gain: amountOf(st, r.proceeds - r.basis + r.adjustment),
    term: t.day >= longTermDay(st.days, r.holdDay) ? 'long' : 'short',
  });
}
