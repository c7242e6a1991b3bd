/**
 * Internal: the named steps of `taxAwareRebalance` over one explicit state object — the
 * wash-sale window, the positions, the lot choice of a sell, the rebalancing and harvesting
 * sells, the buys (with replacements) cut to the cash, and the orders as ledger transactions.
 *
 * @module
 * @internal
 */
import type Decimal from 'decimal.js';
import { isoAddDays } from '../core/dates.ts';
import { checkSizeCap, SIZE_CAPS } from '../core/limits.ts';
import { amount, D } from '../tax-lots/decimal.ts';
import type { TaxLedger, TaxLot } from '../tax-lots/types.ts';
import { type Band, bandThreshold } from './bands.ts';
import { cutToFit } from './cut-buys.ts';
import { assetLot, assetPrice, has, type PricedAsset, readAssets } from './read-assets.ts';
import type { TaxAwareLotSale, TaxAwareOrder, TaxAwareRebalanceResult } from './tax-aware-types.ts';

/** A held (or targeted) asset with its open lots. */
export interface Position extends PricedAsset {
  lots: TaxLot[];
}

/** An open lot (what is left of it) with its gain per share and holding term at `asOf`. */
type Piece = { lot: TaxLot; left: Decimal; perShareGain: Decimal; term: 'short' | 'long' };

/** A planned buy in whole lots. */
type Buy = { asset: string; lots: number; reason: 'rebalance' | 'replacement'; replaces?: string };

/** Everything the steps read and update. */
export interface TaxAwareState {
  fn: string;
  asOf: string;
  account: string | undefined;
  prices: Record<string, number | string>;
  lotSizes: Record<string, number> | undefined;
  replacements: Record<string, string[]>;
  maxGain: Decimal | undefined;
  /** Wash-sale group key of an asset. */
  key: (a: string) => string;
  /** Groups sold at a loss in the 30 days up to `asOf`. */
  recentLoss: Set<string>;
  /** Groups whose loss sales are unsafe (window purchases gone or changed). */
  unsafeLoss: Set<string>;
  /** Lots of each group acquired in the window (transfers excluded). */
  recentLots: Map<string, TaxLot[]>;
  positions: Map<string, Position>;
  V: Decimal;
  Vn: number;
  cash: Decimal;
  realizedST: Decimal;
  realizedLT: Decimal;
  netGain: Decimal;
  orders: TaxAwareOrder[];
  blocked: TaxAwareRebalanceResult['blocked'];
  /** Shares per asset after the orders so far. */
  after: Map<string, Decimal>;
  soldAtLoss: Set<string>;
  boughtKeys: Set<string>;
  /** Shares of each lot not yet sold by an earlier order of this trade list. */
  lotLeft: Map<string, Decimal>;
}

/** What {@link priceOf} and {@link lotOf} read. */
type PriceSource = Pick<TaxAwareState, 'fn' | 'prices' | 'lotSizes'>;

/** Checked price of `a`. */
export const priceOf = (st: PriceSource, a: string): Decimal => assetPrice(st.fn, st.prices, a);

/** Checked trading unit of `a` (default 1). */
export const lotOf = (st: PriceSource, a: string): Decimal => assetLot(st.fn, st.lotSizes, a);

/**
 * The wash-sale window (30 days up to `asOf`) over the ledger's substantially-identical groups,
 * keyed 'g<index>' for a group and 'a<ticker>' for a lone ticker so no ticker collides with a group.
 */
export function washWindow(
  ledger: TaxLedger,
  asOf: string,
): { key: (a: string) => string; recentLoss: Set<string>; unsafeLoss: Set<string>; recentLots: Map<string, TaxLot[]> } {
  const C = D();
  const groupOf = new Map<string, string>();
  ledger.options.substantiallyIdentical.forEach((g, gi) => {
    for (const a of g) groupOf.set(a, `g${gi}`);
  });
  const key = (a: string): string => groupOf.get(a) ?? `a${a}`;
  const windowStart = isoAddDays(asOf, -30);
  const recentLoss = new Set<string>();
  for (const r of ledger.realizations) {
    if (r.kind === 'sale' && r.dateSold >= windowStart && r.dateSold <= asOf && Number(r.gain.decimal) < 0) recentLoss.add(key(r.asset));
  }
  // Shares of each group acquired in the window: a loss sale is safe only if every such share is
  // sold in that same sale (IRS Pub. 550: shares bought in the window and sold in the same sale are
  // not replacements). Window purchases already gone (sold, moved) or changed by a split make any
  // loss sale of the group unsafe here.
  const windowBought = new Map<string, Decimal>();
  const unsafeLoss = new Set<string>();
  const addBought = (a: string, q: unknown): void => {
    windowBought.set(key(a), (windowBought.get(key(a)) ?? new C(0)).plus(new C(String(q))));
  };
  for (const t of ledger.transactions) {
    if (t.date < windowStart || t.date > asOf || t.asset === undefined) continue;
    if (t.type === 'buy') addBought(t.asset, t.quantity);
    else if (t.type === 'dividend' && t.reinvestQuantity !== undefined) addBought(t.asset, t.reinvestQuantity);
    else if (t.type === 'split' || t.type === 'stock-dividend') unsafeLoss.add(key(t.asset));
  }
  const recentLots = new Map<string, TaxLot[]>();
  for (const lot of ledger.lots) {
    if (lot.origin === 'transfer-in' || lot.dateAcquired < windowStart) continue;
    const list = recentLots.get(key(lot.asset)) ?? [];
    list.push(lot);
    recentLots.set(key(lot.asset), list);
  }
  for (const [g, q] of windowBought) {
    let open = new C(0);
    for (const lot of recentLots.get(g) ?? []) open = open.plus(lot.quantity.decimal);
    if (q.gt(open)) unsafeLoss.add(g);
  }
  return { key, recentLoss, unsafeLoss, recentLots };
}

/** The positions: the targets' assets first, then the other held ones; throws when the targets sum above 1. */
export function readPositions(st: PriceSource, ledger: TaxLedger, target: Record<string, number>, account: string | undefined): Map<string, Position> {
  const C = D();
  const byAsset = new Map<string, TaxLot[]>();
  for (const lot of ledger.lots) {
    if (account !== undefined && lot.account !== account) continue;
    const list = byAsset.get(lot.asset) ?? [];
    list.push(lot);
    byAsset.set(lot.asset, list);
  }
  let count = Object.keys(target).length;
  for (const a of byAsset.keys()) if (!has(target, a)) count++;
  checkSizeCap(st.fn, 'assets (target and holdings)', count, SIZE_CAPS.assets, 'split the book into several calls');
  const held = new Map<string, Decimal>();
  for (const [a, lots] of byAsset)
    held.set(
      a,
      lots.reduce((q, l) => q.plus(l.quantity.decimal), new C(0)),
    );
  const positions = new Map<string, Position>();
  for (const r of readAssets(st.fn, target, held, st.prices, st.lotSizes, new C(0))) positions.set(r.asset, { ...r, lots: byAsset.get(r.asset) ?? [] });
  return positions;
}

/** Weight of `q` shares of a position in the value before the orders. */
export const weightIn = (st: TaxAwareState, pos: Position, q: Decimal): number => q.times(pos.p).toNumber() / st.Vn;

/** Desired changes in whole lots (with a band: only outside it); −Infinity sells a position whose target is 0 entirely. */
export function desiredChanges(st: TaxAwareState, band: Band | undefined, investable: Decimal): Map<string, number> {
  const C = D();
  const desired = new Map<string, number>();
  for (const pos of st.positions.values()) {
    const lotValue = pos.lot.times(pos.p);
    const w = weightIn(st, pos, pos.q);
    if (band) {
      const th = bandThreshold(band, pos.target);
      if (Math.abs(w - pos.target) - th <= 1e-12) continue;
    }
    const gap = investable.times(pos.target).minus(pos.q.times(pos.p)).div(lotValue);
    const k = gap.toDecimalPlaces(0, C.ROUND_HALF_UP).toNumber();
    if (k !== 0) desired.set(pos.asset, k);
    if (pos.target === 0 && pos.q.gt(0)) desired.set(pos.asset, -Infinity);
  }
  return desired;
}

/** The open pieces of a position in relief order: losses (largest per share first), long-term gains, short-term gains (smallest first). */
function piecesFor(st: TaxAwareState, pos: Position): Piece[] {
  const ps = pos.lots
    .filter((lot) => (st.lotLeft.get(lot.id) as Decimal).gt(0))
    .map((lot) => ({
      lot,
      left: st.lotLeft.get(lot.id) as Decimal,
      perShareGain: pos.p.minus(lot.basisPerShare.decimal),
      term: (st.asOf >= lot.longTermDate ? 'long' : 'short') as 'short' | 'long',
    }));
  const rank = (x: Piece): number => (x.perShareGain.isNeg() ? 0 : x.term === 'long' ? 1 : 2);
  return ps.sort((x, y) => rank(x) - rank(y) || x.perShareGain.cmp(y.perShareGain) || (x.lot.id < y.lot.id ? -1 : 1));
}

/** Add (`'plus'`) or take back (`'minus'`) `gain` of `term` in the realised totals. */
function realize(st: TaxAwareState, term: 'short' | 'long', gain: Decimal, op: 'plus' | 'minus' = 'plus'): void {
  if (term === 'short') st.realizedST = st.realizedST[op](gain);
  else st.realizedLT = st.realizedLT[op](gain);
  st.netGain = st.netGain[op](gain);
}

/** Whether a loss sale of `shares` of the position would be a wash sale (see `taxAwareRebalance`). */
function lossBlockedFor(st: TaxAwareState, pos: Position, shares: Decimal): { blocked: boolean; recent: TaxLot[] } {
  const C = D();
  const g = st.key(pos.asset);
  const recent = st.recentLots.get(g) ?? [];
  let recentQty = new C(0);
  for (const l of recent) recentQty = recentQty.plus(l.quantity.decimal);
  const recentElsewhere = recent.some((l) => l.asset !== pos.asset || (st.account !== undefined && l.account !== st.account));
  return { blocked: st.boughtKeys.has(g) || st.unsafeLoss.has(g) || recentElsewhere || recentQty.gt(shares), recent };
}

/** Whole lots only: trim the last pieces so `total` is a multiple of the trading unit; returns the trimmed total. */
function trimToWholeLots(st: TaxAwareState, pos: Position, sold: TaxAwareLotSale[], total: Decimal): Decimal {
  const C = D();
  const whole = total.div(pos.lot).toDecimalPlaces(0, C.ROUND_FLOOR).times(pos.lot);
  let excess = total.minus(whole);
  let t = total;
  for (let i = sold.length - 1; i >= 0 && excess.gt(0); i--) {
    const s = sold[i] as TaxAwareLotSale;
    const q = new C(s.quantity.decimal);
    const cut = C.min(q, excess);
    const per = new C(s.gain.decimal).div(q);
    realize(st, s.term, per.times(cut), 'minus');
    const nq = q.minus(cut);
    if (nq.isZero()) sold.splice(i, 1);
    else {
      const bps = new C(s.basis.decimal).div(q);
      sold[i] = { ...s, quantity: amount(nq), basis: amount(bps.times(nq)), proceeds: amount(nq.times(pos.p)), gain: amount(per.times(nq)) };
    }
    excess = excess.minus(cut);
    t = t.minus(cut);
  }
  return t;
}

/** The lots a sell takes (realised gains already counted in `st`): the pieces, their total and whether any is a loss. */
type Chosen = { sold: TaxAwareLotSale[]; total: Decimal; hasLoss: boolean };

/** Choose the lots of a sell of up to `shares` (losses allowed unless `lossBlocked`), counting their gains in `st`. */
function chooseLots(
  st: TaxAwareState,
  pos: Position,
  shares: Decimal,
  reason: 'rebalance' | 'harvest',
  stLimit: Decimal | undefined,
  lossBlocked: boolean,
  recent: TaxLot[],
): Chosen {
  const C = D();
  const onlyLosses = reason === 'harvest';
  let remaining = shares;
  let stLeft = stLimit;
  const sold: TaxAwareLotSale[] = [];
  let total = new C(0);
  // When a loss may be taken, the window's own purchases go first, so that they leave in this sale.
  const recentIds = new Set(recent.map((l) => l.id));
  const ordered = piecesFor(st, pos);
  if (!lossBlocked && recent.length > 0) ordered.sort((x, y) => Number(recentIds.has(y.lot.id)) - Number(recentIds.has(x.lot.id)));
  for (const pc of ordered) {
    if (!remaining.gt(0)) break;
    const isLoss = pc.perShareGain.isNeg();
    if (!isLoss && onlyLosses) continue;
    if (isLoss && lossBlocked) {
      if (!st.blocked.some((b) => b.asset === pos.asset && b.side === 'sell')) {
        st.blocked.push({
          asset: pos.asset,
          side: 'sell',
          reason: 'a loss sale would be a wash sale: the asset was bought in the last 30 days or is bought in this trade list',
        });
      }
      continue;
    }
    let take = C.min(remaining, pc.left);
    if (!isLoss && pc.term === 'short' && stLeft !== undefined) take = C.min(take, stLeft);
    if (!isLoss && st.maxGain !== undefined && pc.perShareGain.gt(0)) {
      const room = st.maxGain.minus(st.netGain);
      if (!room.gt(0)) break;
      take = C.min(take, room.div(pc.perShareGain).toDecimalPlaces(0, C.ROUND_FLOOR).times(1));
    }
    if (!take.gt(0)) continue;
    const gain = pc.perShareGain.times(take);
    const basis = new C(pc.lot.basisPerShare.decimal).times(take);
    sold.push({ lotId: pc.lot.id, quantity: amount(take), basis: amount(basis), proceeds: amount(take.times(pos.p)), gain: amount(gain), term: pc.term });
    realize(st, pc.term, gain);
    if (!isLoss && pc.term === 'short' && stLeft !== undefined) stLeft = stLeft.minus(take);
    remaining = remaining.minus(take);
    total = total.plus(take);
  }
  // whole lots only (unless closing out)
  const held = st.after.get(pos.asset) as Decimal;
  if (!total.eq(held)) total = trimToWholeLots(st, pos, sold, total);
  return { sold, total, hasLoss: sold.some((x) => new C(x.gain.decimal).isNeg()) };
}

/**
 * Whether a loss sale taking `sold` would be washed by shares bought in the window (IRS Pub.
 * 550): a window lot still held before the sale replaces a loss piece of another lot unless it
 * leaves whole in the same ledger transaction — this sale, in the loss piece's account (a sale is
 * emitted once per account). The rest of a loss piece's own lot never replaces it (Rev. Rul.
 * 56-602), as `buildLedger` rules.
 */
function leavesWindowShares(st: TaxAwareState, pos: Position, sold: TaxAwareLotSale[], recent: TaxLot[]): boolean {
  const C = D();
  const taken = new Map<string, Decimal>();
  for (const x of sold) taken.set(x.lotId, (taken.get(x.lotId) ?? new C(0)).plus(x.quantity.decimal));
  const accountOf = new Map(pos.lots.map((l) => [l.id, l.account]));
  // the distinct lots sold at a loss, and how many of them are in each account: whether some
  // loss lot other than l (in another account, when l leaves whole) exists is then a count,
  // not a scan of the losses per window lot
  const lossIds = new Set<string>();
  for (const x of sold) if (new C(x.gain.decimal).isNeg()) lossIds.add(x.lotId);
  const inAccount = new Map<string | undefined, number>();
  for (const id of lossIds) inAccount.set(accountOf.get(id), (inAccount.get(accountOf.get(id)) ?? 0) + 1);
  for (const l of recent) {
    const left = st.lotLeft.get(l.id) ?? new C(l.quantity.decimal);
    if (!left.gt(0)) continue;
    const stays = left.minus(taken.get(l.id) ?? 0).gt(0);
    const own = lossIds.has(l.id);
    const others = stays ? lossIds.size - (own ? 1 : 0) : lossIds.size - (inAccount.get(l.account) ?? 0) - (own && accountOf.get(l.id) !== l.account ? 1 : 0);
    if (others > 0) return true;
  }
  return false;
}

/**
 * Sell up to `shares` of a position, choosing lots by tax cost, and record the order. A choice
 * that takes a loss while shares bought in the window stay held (a short-term cap, the gain cap,
 * a harvest's loss-only rule or the whole-lot trim can leave them) is dropped for one without
 * losses.
 */
function sell(st: TaxAwareState, pos: Position, shares: Decimal, reason: 'rebalance' | 'harvest', stLimit?: Decimal): void {
  const C = D();
  const { blocked, recent } = lossBlockedFor(st, pos, shares);
  let chosen = chooseLots(st, pos, shares, reason, stLimit, blocked, recent);
  if (!blocked && chosen.hasLoss && leavesWindowShares(st, pos, chosen.sold, recent)) {
    for (const x of chosen.sold) realize(st, x.term, new C(x.gain.decimal), 'minus');
    chosen = chooseLots(st, pos, shares, reason, stLimit, true, recent);
  }
  const { sold, total } = chosen;
  if (!total.gt(0)) return;
  if (chosen.hasLoss) st.soldAtLoss.add(st.key(pos.asset));
  const held = st.after.get(pos.asset) as Decimal;
  for (const x of sold) st.lotLeft.set(x.lotId, (st.lotLeft.get(x.lotId) as Decimal).minus(x.quantity.decimal));
  st.after.set(pos.asset, held.minus(total));
  const value = total.times(pos.p);
  st.cash = st.cash.plus(value);
  st.orders.push({ asset: pos.asset, side: 'sell', quantity: amount(total), price: pos.pNum, value: amount(value), reason, lots: sold });
}

/** Step 1: the rebalancing sells; with a band, short-term gains only as far as the band edge. */
export function rebalancingSells(st: TaxAwareState, desired: Map<string, number>, band: Band | undefined): void {
  const C = D();
  for (const pos of st.positions.values()) {
    const k = desired.get(pos.asset);
    if (k === undefined || k >= 0) continue;
    const shares = k === -Infinity ? pos.q : C.min(pos.q, pos.lot.times(-k));
    let stLimit: Decimal | undefined;
    if (band) {
      // short-term gains only as far as the band edge: shares needed beyond what losses and long-term lots give
      const th = bandThreshold(band, pos.target);
      const edgeShares = pos.q
        .times(pos.p)
        .minus(st.V.times(pos.target + th))
        .div(pos.p);
      let nonST = new C(0);
      for (const pc of piecesFor(st, pos)) if (pc.perShareGain.isNeg() || pc.term === 'long') nonST = nonST.plus(pc.left);
      stLimit = C.max(0, edgeShares.minus(nonST)).div(pos.lot).toDecimalPlaces(0, C.ROUND_CEIL).times(pos.lot);
    }
    sell(st, pos, shares, 'rebalance', stLimit);
  }
}

/** Step 2: sell the loss lots of positions not bought, where the loss reaches `minLoss`; returns the value each harvest raised. */
export function harvestLosses(st: TaxAwareState, desired: Map<string, number>, minLoss: number): Array<{ asset: string; value: Decimal }> {
  const C = D();
  const out: Array<{ asset: string; value: Decimal }> = [];
  for (const pos of st.positions.values()) {
    if ((desired.get(pos.asset) ?? 0) > 0) continue;
    const held = st.after.get(pos.asset) as Decimal;
    if (!held.gt(0)) continue;
    let loss = new C(0);
    let lossShares = new C(0);
    for (const pc of piecesFor(st, pos)) {
      if (!pc.perShareGain.isNeg()) continue;
      const q = pc.left;
      loss = loss.plus(pc.perShareGain.neg().times(q));
      lossShares = lossShares.plus(q);
    }
    if (!lossShares.gt(0) || loss.lt(minLoss)) continue;
    const n0 = st.orders.length;
    sell(st, pos, lossShares, 'harvest');
    if (st.orders.length > n0) out.push({ asset: pos.asset, value: new C((st.orders[st.orders.length - 1] as TaxAwareOrder).value.decimal) });
  }
  return out;
}

/** Whole lots of `sub` worth about `value` (half up). */
const lotsWorth = (st: TaxAwareState, sub: string, value: Decimal): number =>
  value
    .div(lotOf(st, sub).times(priceOf(st, sub)))
    .toDecimalPlaces(0, D().ROUND_HALF_UP)
    .toNumber();

/** Step 3a: the buys (rebalancing, then harvest replacements), never into a wash sale. */
export function planBuys(st: TaxAwareState, desired: Map<string, number>, harvested: Array<{ asset: string; value: Decimal }>): Buy[] {
  const canBuy = (a: string): boolean => !st.recentLoss.has(st.key(a)) && !st.soldAtLoss.has(st.key(a));
  const buys: Buy[] = [];
  const pickReplacement = (a: string): string | undefined =>
    (has(st.replacements, a) ? (st.replacements[a] ?? []) : []).find((r) => st.key(r) !== st.key(a) && canBuy(r) && has(st.prices, r));
  for (const pos of st.positions.values()) {
    const k = desired.get(pos.asset);
    if (k === undefined || k <= 0) continue;
    if (canBuy(pos.asset)) {
      buys.push({ asset: pos.asset, lots: k, reason: 'rebalance' });
      continue;
    }
    const sub = pickReplacement(pos.asset);
    const why = 'buying would be a wash sale: the asset was sold at a loss in the last 30 days or in this trade list';
    if (sub === undefined) {
      st.blocked.push({ asset: pos.asset, side: 'buy', reason: `${why}; no replacement given, drift left` });
      continue;
    }
    st.blocked.push({ asset: pos.asset, side: 'buy', reason: why, substitute: sub });
    const lots = lotsWorth(st, sub, pos.lot.times(pos.p).times(k));
    if (lots > 0) buys.push({ asset: sub, lots, reason: 'replacement', replaces: pos.asset });
  }
  for (const h of harvested) {
    const sub = pickReplacement(h.asset);
    if (sub === undefined) continue;
    const lots = lotsWorth(st, sub, h.value);
    if (lots > 0) buys.push({ asset: sub, lots, reason: 'replacement', replaces: h.asset });
  }
  return buys;
}

/** Step 3b: cut the buys (one lot at a time in effect, furthest above target first) to the cash above the buffer, then place them. */
export function placeBuys(st: TaxAwareState, buys: Buy[], buffer: number): void {
  const C = D();
  const zero = new C(0);
  const costAt = (i: number, lots: number): Decimal => {
    const b = buys[i] as Buy;
    return lots <= 0 ? zero : lotOf(st, b.asset).times(lots).times(priceOf(st, b.asset));
  };
  const keyAt = (i: number, lots: number): number => {
    const b = buys[i] as Buy;
    const q = (st.after.get(b.asset) ?? zero).plus(lotOf(st, b.asset).times(lots));
    return q.times(priceOf(st, b.asset)).toNumber() / st.Vn - (st.positions.get(b.asset)?.target ?? 0);
  };
  // buys keep the cash buffer: they may spend only the cash above buffer · V
  const spendable = st.cash.minus(st.V.times(buffer));
  const kept = cutToFit(
    buys.map((b) => b.lots),
    spendable,
    costAt,
    keyAt,
  );
  buys.forEach((b, i) => {
    b.lots = kept[i] as number;
  });
  for (const b of buys) {
    if (b.lots <= 0) continue;
    const q = lotOf(st, b.asset).times(b.lots);
    const p = priceOf(st, b.asset);
    const value = q.times(p);
    st.cash = st.cash.minus(value);
    st.after.set(b.asset, (st.after.get(b.asset) ?? new C(0)).plus(q));
    st.orders.push({
      asset: b.asset,
      side: 'buy',
      quantity: amount(q),
      price: p.toNumber(),
      value: amount(value),
      reason: b.reason,
      ...(b.replaces ? { replaces: b.replaces } : {}),
    });
  }
}
