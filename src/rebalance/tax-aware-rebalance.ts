import type Decimal from 'decimal.js';
import { InvalidArgumentError } from '../core/errors.ts';
import type { Order } from '../core/holdings.ts';
import { checkIsoDate, isoAddDays } from '../core/dates.ts';
import { checkOptions, checkRange } from '../core/validate.ts';
import { checkTaxRates } from '../tax-lots/build-ledger.ts';
import { amount, D, toDec } from '../tax-lots/decimal.ts';
import { checkLedger } from '../tax-lots/ledger-input.ts';
import type { TaxAmount, TaxLedger, TaxLot, TaxRates, TaxTransaction } from '../tax-lots/types.ts';
import { bandThreshold, checkBand, type Band } from './bands.ts';

/** Input of {@link taxAwareRebalance}. */
export interface TaxAwareRebalanceInput {
  /** The ledger (from `buildLedger`); its open lots are the holdings. */
  ledger: TaxLedger;
  /** Price per share of every asset held, targeted or used as a replacement. */
  prices: Record<string, number | string>;
  /** Target weights (≥ 0, summing to at most 1; the rest is cash). */
  target: Record<string, number>;
  /** Trade date (ISO), on or after the ledger's last transaction. */
  asOf: string;
  /** Tax rates on short- and long-term gains. */
  taxRates: TaxRates;
  /** Cash available. Default 0. */
  cash?: number | string;
  /** Only this account's lots (default: every lot). */
  account?: string;
  /** Tolerance band: only assets outside it trade, and short-term gains are realised only as far as needed to get back inside it. */
  bands?: Band;
  /** Cap on the net realised gain of the trade list (currency); sells stop short (leaving drift) rather than exceed it. */
  maxRealizedGain?: number;
  /** Per asset, similar but not substantially identical assets to buy instead when buying it would make a wash sale, or to keep exposure after harvesting. */
  replacements?: Record<string, string[]>;
  /** Also sell lots with an unrealised loss of at least `minLoss` (currency), buying a replacement when one is given. */
  harvest?: { minLoss: number };
  /** Trading unit per asset (default 1 share). */
  lotSizes?: Record<string, number>;
  /** Fraction of total value to keep in cash: targets apply to the rest, and buys never spend the buffer. Default 0. */
  cashBuffer?: number;
}

/** One lot (part) a sell relieves. */
export interface TaxAwareLotSale {
  lotId: string;
  quantity: TaxAmount;
  basis: TaxAmount;
  proceeds: TaxAmount;
  gain: TaxAmount;
  term: 'short' | 'long';
}

/** One order of {@link taxAwareRebalance}: an {@link Order} (so it passes to `preTradeCheck` unchanged) with its value, reason and the lots a sell relieves. */
export interface TaxAwareOrder extends Order {
  asset: string;
  side: 'buy' | 'sell';
  quantity: TaxAmount;
  price: number;
  value: TaxAmount;
  /** Why: `'rebalance'`, `'harvest'`, or `'replacement'` (bought instead of a blocked asset). */
  reason: 'rebalance' | 'harvest' | 'replacement';
  /** For sells: the lots relieved (specific identification). */
  lots?: TaxAwareLotSale[];
  /** For a replacement buy: the asset it stands in for. */
  replaces?: string;
}

/** Result of {@link taxAwareRebalance}. */
export interface TaxAwareRebalanceResult {
  orders: TaxAwareOrder[];
  /** The orders as ledger transactions (sells name their lots), ready to append to the ledger's transactions. */
  transactions: TaxTransaction[];
  /** Realised gains of the sells, by term (losses negative). */
  realized: { shortTerm: TaxAmount; longTerm: TaxAmount; total: TaxAmount };
  /** shortTerm · rate + longTerm · rate (negative: tax saved), assuming losses offset gains at the same rates. */
  estimatedTax: TaxAmount;
  /** Largest |weight − target| before and after the orders. */
  drift: { before: number; after: number };
  /** Weights after the orders. */
  weightsAfter: Record<string, number>;
  /** Cash after the orders. */
  cashAfter: TaxAmount;
  /** Buys not made (or made in a replacement) because they would make a wash sale, and loss sales skipped for the same reason. */
  blocked: Array<{ asset: string; side: 'buy' | 'sell'; reason: string; substitute?: string }>;
}

interface Position {
  asset: string;
  q: Decimal;
  p: Decimal;
  pNum: number;
  lot: Decimal;
  target: number;
  lots: TaxLot[];
}

/**
 * Tax-aware rebalancing: trades toward target weights choosing which lots to sell by their tax
 * cost, and never creating a wash sale (IRC §1091).
 *
 * Sells relieve lots in this order: losses (largest loss per share first), then long-term gains
 * (smallest gain per share first), then short-term gains (smallest first). With `bands`, only
 * assets outside their band trade, and short-term gains are realised only as far as needed to
 * bring the asset back to its band edge. `maxRealizedGain` caps the net realised gain.
 *
 * Wash-sale guards, over the ledger's substantially-identical groups: an asset sold at a loss in
 * the 30 days up to `asOf` (or at a loss in this trade list) is never bought — a replacement from
 * `replacements` is bought instead, or the drift is left; an asset is sold at a loss only when
 * every share of it bought in the 30 days up to `asOf` leaves in the same sale (such shares are
 * then not replacements, IRS Pub. 550) and it is not bought in this list. Purchases after `asOf` are the user's
 * to avoid: harvest a loss only if you will not buy the asset back within 30 days.
 *
 * Orders are whole lots; sells come first and fund the buys; buys are cut (one lot at a time,
 * furthest above target first) to fit the cash. Money is exact decimal. The result reports the
 * realised gains by term, the estimated tax, and the drift before and after, so the tax cost of
 * the trade list sits next to the drift it removes.
 *
 * Prices and cash may be numbers or decimal strings; NaN, ±Infinity or a malformed string throws.
 *
 * @throws {InvalidArgumentError} for a malformed ledger, an `asOf` before the ledger's last
 * transaction, missing or non-positive prices, targets outside [0, 1] or summing above 1, bad
 * tax rates, bands or options.
 * @example
 * ```ts
 * import { buildLedger } from 'quantivista/tax-lots';
 * import { taxAwareRebalance } from 'quantivista/rebalance';
 * const ledger = buildLedger([
 *   { type: 'buy', date: '2023-01-10', asset: 'AAA', quantity: 10, price: 100, id: 'old' },
 *   { type: 'buy', date: '2024-05-10', asset: 'AAA', quantity: 10, price: 130, id: 'new' },
 * ]);
 * const r = taxAwareRebalance({
 *   ledger, prices: { AAA: 120, BBB: 50 }, target: { AAA: 0.5, BBB: 0.5 },
 *   asOf: '2024-06-03', taxRates: { shortTerm: 0.37, longTerm: 0.2 },
 * });
 * // sells the 10 'new' shares first: a short-term loss of 100, before any long-term gain
 * console.log(r.realized.total.number); // -100
 * ```
 */
export function taxAwareRebalance(input: TaxAwareRebalanceInput): TaxAwareRebalanceResult {
  const fn = 'taxAwareRebalance';
  const opts = checkOptions(fn, input, [
    'ledger',
    'prices',
    'target',
    'asOf',
    'taxRates',
    'cash',
    'account',
    'bands',
    'maxRealizedGain',
    'replacements',
    'harvest',
    'lotSizes',
    'cashBuffer',
  ]);
  const C = D();
  const ledger = checkLedger(fn, opts.ledger);
  const asOf = checkIsoDate(fn, 'asOf', opts.asOf);
  if (ledger.lastDate !== null && asOf < ledger.lastDate) {
    throw new InvalidArgumentError(`${fn}: \`asOf\` (${asOf}) is before the ledger's last transaction (${ledger.lastDate}).`, 'asOf', asOf);
  }
  const rates = checkTaxRates(fn, opts.taxRates);
  const band = opts.bands === undefined ? undefined : checkBand(fn, 'bands', opts.bands);
  const maxGain = opts.maxRealizedGain === undefined ? undefined : new C(checkRange(fn, 'maxRealizedGain', opts.maxRealizedGain, { min: 0 }));
  const minLoss =
    opts.harvest === undefined ? undefined : (checkOptions(fn, opts.harvest, ['minLoss']), checkRange(fn, 'harvest.minLoss', opts.harvest.minLoss, { min: 0 }));
  for (const k of ['prices', 'target'] as const) {
    if (!opts[k] || typeof opts[k] !== 'object' || Array.isArray(opts[k]))
      throw new InvalidArgumentError(`${fn}: \`${k}\` must be a record keyed by asset.`, k, typeof opts[k]);
  }
  const replacements = opts.replacements ?? {};
  const has = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);
  let cash = toDec(fn, 'cash', opts.cash ?? 0, 'nonnegative');

  // Substantially identical groups.
  // Keys 'g<index>' for a group and 'a<ticker>' for a lone ticker, so no ticker collides with a group.
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
  for (const t of ledger.transactions) {
    if (t.date < windowStart || t.date > asOf || t.asset === undefined) continue;
    if (t.type === 'buy') windowBought.set(key(t.asset), (windowBought.get(key(t.asset)) ?? new C(0)).plus(new C(String(t.quantity))));
    else if (t.type === 'dividend' && t.reinvestQuantity !== undefined)
      windowBought.set(key(t.asset), (windowBought.get(key(t.asset)) ?? new C(0)).plus(new C(String(t.reinvestQuantity))));
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
  // Positions.
  const byAsset = new Map<string, TaxLot[]>();
  for (const lot of ledger.lots) {
    if (opts.account !== undefined && lot.account !== opts.account) continue;
    const list = byAsset.get(lot.asset) ?? [];
    list.push(lot);
    byAsset.set(lot.asset, list);
  }
  const names: string[] = [...Object.keys(opts.target)];
  for (const a of byAsset.keys()) if (!has(opts.target, a)) names.push(a);
  const priceOf = (a: string): Decimal => {
    if (!has(opts.prices, a)) throw new InvalidArgumentError(`${fn}: \`prices\` has no price for ${JSON.stringify(a)}.`, `prices.${a}`, 'missing');
    return toDec(fn, `prices.${a}`, opts.prices[a], 'positive');
  };
  const lotOf = (a: string): Decimal => toDec(fn, `lotSizes.${a}`, opts.lotSizes && has(opts.lotSizes, a) ? opts.lotSizes[a] : 1, 'positive');
  let tsum = 0;
  const positions = new Map<string, Position>();
  for (const a of names) {
    const target = has(opts.target, a) ? checkRange(fn, `target.${a}`, opts.target[a], { min: 0, max: 1 }) : 0;
    tsum += target;
    const lots = byAsset.get(a) ?? [];
    let q = new C(0);
    for (const l of lots) q = q.plus(l.quantity.decimal);
    const p = priceOf(a);
    positions.set(a, { asset: a, q, p, pNum: p.toNumber(), lot: lotOf(a), target, lots });
  }
  if (tsum > 1 + 1e-9) throw new InvalidArgumentError(`${fn}: target weights sum to ${tsum}, above 1.`, 'target', tsum);
  let V = cash;
  for (const pos of positions.values()) V = V.plus(pos.q.times(pos.p));
  if (!V.gt(0)) throw new InvalidArgumentError(`${fn}: the portfolio is worth nothing (no lots and no cash).`, 'ledger', 0);
  const buffer = opts.cashBuffer === undefined ? 0 : checkRange(fn, 'cashBuffer', opts.cashBuffer, { min: 0, max: 1, maxOpen: true });
  const investable = V.times(1 - buffer);
  const Vn = V.toNumber();
  const weight = (pos: Position, q: Decimal): number => q.times(pos.p).toNumber() / Vn;
  const driftOf = (qs: Map<string, Decimal>): number => {
    let m = 0;
    for (const pos of positions.values()) m = Math.max(m, Math.abs(weight(pos, qs.get(pos.asset) ?? pos.q) - pos.target));
    return m;
  };
  const before = driftOf(new Map());

  const orders: TaxAwareOrder[] = [];
  const blocked: TaxAwareRebalanceResult['blocked'] = [];
  const after = new Map<string, Decimal>();
  for (const pos of positions.values()) after.set(pos.asset, pos.q);
  let realizedST = new C(0);
  let realizedLT = new C(0);
  const soldAtLoss = new Set<string>();
  const boughtKeys = new Set<string>();

  // Desired changes in whole lots (bands: only outside the band).
  const desired = new Map<string, number>();
  for (const pos of positions.values()) {
    const lotValue = pos.lot.times(pos.p);
    const w = weight(pos, pos.q);
    if (band) {
      const th = bandThreshold(band, pos.target);
      if (Math.abs(w - pos.target) - th <= 1e-12) continue;
    }
    const gap = investable.times(pos.target).minus(pos.q.times(pos.p)).div(lotValue);
    const k = gap.toDecimalPlaces(0, C.ROUND_HALF_UP).toNumber();
    if (k !== 0) desired.set(pos.asset, k);
    if (pos.target === 0 && pos.q.gt(0)) desired.set(pos.asset, -Infinity);
  }
  // Assets to be bought (for the loss-sale guard): rebalancing buys.
  for (const [a, k] of desired) if (k > 0) boughtKeys.add(key(a));

  type Piece = { lot: TaxLot; left: Decimal; perShareGain: Decimal; term: 'short' | 'long' };
  // shares of each lot not yet sold by an earlier order of this trade list
  const lotLeft = new Map<string, Decimal>();
  for (const pos of positions.values()) for (const lot of pos.lots) lotLeft.set(lot.id, new C(lot.quantity.decimal));
  const piecesFor = (pos: Position): Piece[] => {
    const ps = pos.lots
      .filter((lot) => (lotLeft.get(lot.id) as Decimal).gt(0))
      .map((lot) => ({
        lot,
        left: lotLeft.get(lot.id) as Decimal,
        perShareGain: pos.p.minus(lot.basisPerShare.decimal),
        term: (asOf >= lot.longTermDate ? 'long' : 'short') as 'short' | 'long',
      }));
    const rank = (x: Piece): number => (x.perShareGain.isNeg() ? 0 : x.term === 'long' ? 1 : 2);
    return ps.sort(
      (x, y) =>
        rank(x) - rank(y) || (rank(x) === 0 ? x.perShareGain.cmp(y.perShareGain) : x.perShareGain.cmp(y.perShareGain)) || (x.lot.id < y.lot.id ? -1 : 1),
    );
  };
  let netGain = new C(0);
  const sell = (pos: Position, shares: Decimal, reason: 'rebalance' | 'harvest', stLimit?: Decimal): void => {
    const onlyLosses = reason === 'harvest';
    let remaining = shares;
    let stLeft = stLimit;
    const sold: TaxAwareLotSale[] = [];
    let total = new C(0);
    const g = key(pos.asset);
    const recent = recentLots.get(g) ?? [];
    let recentQty = new C(0);
    for (const l of recent) recentQty = recentQty.plus(l.quantity.decimal);
    const recentElsewhere = recent.some((l) => l.asset !== pos.asset || (opts.account !== undefined && l.account !== opts.account));
    const lossBlocked = boughtKeys.has(g) || unsafeLoss.has(g) || recentElsewhere || recentQty.gt(shares);
    // When a loss may be taken, the window's own purchases go first, so that they leave in this sale.
    const recentIds = new Set(recent.map((l) => l.id));
    const ordered = piecesFor(pos);
    if (!lossBlocked && recent.length > 0) ordered.sort((x, y) => Number(recentIds.has(y.lot.id)) - Number(recentIds.has(x.lot.id)));
    for (const pc of ordered) {
      if (!remaining.gt(0)) break;
      const isLoss = pc.perShareGain.isNeg();
      if (!isLoss && onlyLosses) continue;
      if (isLoss && lossBlocked) {
        if (!blocked.some((b) => b.asset === pos.asset && b.side === 'sell')) {
          blocked.push({
            asset: pos.asset,
            side: 'sell',
            reason: 'a loss sale would be a wash sale: the asset was bought in the last 30 days or is bought in this trade list',
          });
        }
        continue;
      }
      let take = C.min(remaining, pc.left);
      if (!isLoss && pc.term === 'short' && stLeft !== undefined) take = C.min(take, stLeft);
      if (!isLoss && maxGain !== undefined && pc.perShareGain.gt(0)) {
        const room = maxGain.minus(netGain);
        if (!room.gt(0)) break;
        take = C.min(take, room.div(pc.perShareGain).toDecimalPlaces(0, C.ROUND_FLOOR).times(1));
      }
      if (!take.gt(0)) continue;
      const gain = pc.perShareGain.times(take);
      const basis = new C(pc.lot.basisPerShare.decimal).times(take);
      sold.push({ lotId: pc.lot.id, quantity: amount(take), basis: amount(basis), proceeds: amount(take.times(pos.p)), gain: amount(gain), term: pc.term });
      if (pc.term === 'short') realizedST = realizedST.plus(gain);
      else realizedLT = realizedLT.plus(gain);
      netGain = netGain.plus(gain);
      if (isLoss) soldAtLoss.add(key(pos.asset));
      if (!isLoss && pc.term === 'short' && stLeft !== undefined) stLeft = stLeft.minus(take);
      remaining = remaining.minus(take);
      total = total.plus(take);
    }
    // whole lots only: trim the last pieces so the order is a multiple of the trading unit (unless closing out)
    const held = after.get(pos.asset) as Decimal;
    if (!total.eq(held)) {
      const whole = total.div(pos.lot).toDecimalPlaces(0, C.ROUND_FLOOR).times(pos.lot);
      let excess = total.minus(whole);
      for (let i = sold.length - 1; i >= 0 && excess.gt(0); i--) {
        const s = sold[i] as TaxAwareLotSale;
        const q = new C(s.quantity.decimal);
        const cut = C.min(q, excess);
        const per = new C(s.gain.decimal).div(q);
        const gainCut = per.times(cut);
        if (s.term === 'short') realizedST = realizedST.minus(gainCut);
        else realizedLT = realizedLT.minus(gainCut);
        netGain = netGain.minus(gainCut);
        const nq = q.minus(cut);
        if (nq.isZero()) sold.splice(i, 1);
        else {
          const bps = new C(s.basis.decimal).div(q);
          sold[i] = { ...s, quantity: amount(nq), basis: amount(bps.times(nq)), proceeds: amount(nq.times(pos.p)), gain: amount(per.times(nq)) };
        }
        excess = excess.minus(cut);
        total = total.minus(cut);
      }
    }
    if (!total.gt(0)) return;
    for (const x of sold) lotLeft.set(x.lotId, (lotLeft.get(x.lotId) as Decimal).minus(x.quantity.decimal));
    after.set(pos.asset, held.minus(total));
    const value = total.times(pos.p);
    cash = cash.plus(value);
    orders.push({ asset: pos.asset, side: 'sell', quantity: amount(total), price: pos.pNum, value: amount(value), reason, lots: sold });
  };

  // 1. Rebalancing sells.
  for (const pos of positions.values()) {
    const k = desired.get(pos.asset);
    if (k === undefined || k >= 0) continue;
    const shares = k === -Infinity ? pos.q : C.min(pos.q, pos.lot.times(-k));
    let stLimit: Decimal | undefined;
    if (band) {
      // short-term gains only as far as the band edge: shares needed beyond what losses and long-term lots give
      const th = bandThreshold(band, pos.target);
      const edgeShares = pos.q
        .times(pos.p)
        .minus(V.times(pos.target + th))
        .div(pos.p);
      let nonST = new C(0);
      for (const pc of piecesFor(pos)) if (pc.perShareGain.isNeg() || pc.term === 'long') nonST = nonST.plus(pc.left);
      stLimit = C.max(0, edgeShares.minus(nonST)).div(pos.lot).toDecimalPlaces(0, C.ROUND_CEIL).times(pos.lot);
    }
    sell(pos, shares, 'rebalance', stLimit);
  }
  // 2. Harvesting.
  const harvestReplacements: Array<{ asset: string; value: Decimal }> = [];
  if (minLoss !== undefined) {
    for (const pos of positions.values()) {
      if ((desired.get(pos.asset) ?? 0) > 0) continue;
      const held = after.get(pos.asset) as Decimal;
      if (!held.gt(0)) continue;
      let loss = new C(0);
      let lossShares = new C(0);
      for (const pc of piecesFor(pos)) {
        if (!pc.perShareGain.isNeg()) continue;
        const q = pc.left;
        loss = loss.plus(pc.perShareGain.neg().times(q));
        lossShares = lossShares.plus(q);
      }
      if (!lossShares.gt(0) || loss.lt(minLoss)) continue;
      const n0 = orders.length;
      sell(pos, lossShares, 'harvest');
      if (orders.length > n0) harvestReplacements.push({ asset: pos.asset, value: new C((orders[orders.length - 1] as TaxAwareOrder).value.decimal) });
    }
  }
  // 3. Buys (rebalancing, then harvest replacements), never into a wash sale.
  const canBuy = (a: string): boolean => !recentLoss.has(key(a)) && !soldAtLoss.has(key(a));
  const buys: Array<{ asset: string; lots: number; reason: 'rebalance' | 'replacement'; replaces?: string }> = [];
  const pickReplacement = (a: string): string | undefined =>
    (has(replacements, a) ? (replacements[a] ?? []) : []).find((r) => key(r) !== key(a) && canBuy(r) && has(opts.prices, r));
  for (const pos of positions.values()) {
    const k = desired.get(pos.asset);
    if (k === undefined || k <= 0) continue;
    if (canBuy(pos.asset)) {
      buys.push({ asset: pos.asset, lots: k, reason: 'rebalance' });
      continue;
    }
    const sub = pickReplacement(pos.asset);
    const why = 'buying would be a wash sale: the asset was sold at a loss in the last 30 days or in this trade list';
    if (sub === undefined) {
      blocked.push({ asset: pos.asset, side: 'buy', reason: `${why}; no replacement given, drift left` });
      continue;
    }
    blocked.push({ asset: pos.asset, side: 'buy', reason: why, substitute: sub });
    const value = pos.lot.times(pos.p).times(k);
    const lots = value
      .div(lotOf(sub).times(priceOf(sub)))
      .toDecimalPlaces(0, C.ROUND_HALF_UP)
      .toNumber();
    if (lots > 0) buys.push({ asset: sub, lots, reason: 'replacement', replaces: pos.asset });
  }
  for (const h of harvestReplacements) {
    const sub = pickReplacement(h.asset);
    if (sub === undefined) continue;
    const lots = h.value
      .div(lotOf(sub).times(priceOf(sub)))
      .toDecimalPlaces(0, C.ROUND_HALF_UP)
      .toNumber();
    if (lots > 0) buys.push({ asset: sub, lots, reason: 'replacement', replaces: h.asset });
  }
  const costOfBuy = (b: { asset: string; lots: number }): Decimal => lotOf(b.asset).times(b.lots).times(priceOf(b.asset));
  let need = buys.reduce((s, b) => s.plus(costOfBuy(b)), new C(0));
  // buys keep the cash buffer: they may spend only the cash above buffer · V
  const spendable = cash.minus(V.times(buffer));
  while (need.gt(spendable)) {
    let pick: (typeof buys)[number] | undefined;
    let worst = -Infinity;
    for (const b of buys) {
      if (b.lots <= 0) continue;
      const pos = positions.get(b.asset);
      const q = (after.get(b.asset) ?? new C(0)).plus(lotOf(b.asset).times(b.lots));
      const over = q.times(priceOf(b.asset)).toNumber() / Vn - (pos?.target ?? 0);
      if (over > worst) {
        worst = over;
        pick = b;
      }
    }
    if (!pick) break;
    need = need.minus(costOfBuy({ asset: pick.asset, lots: 1 }));
    pick.lots -= 1;
  }
  for (const b of buys) {
    if (b.lots <= 0) continue;
    const q = lotOf(b.asset).times(b.lots);
    const p = priceOf(b.asset);
    const value = q.times(p);
    cash = cash.minus(value);
    after.set(b.asset, (after.get(b.asset) ?? new C(0)).plus(q));
    orders.push({
      asset: b.asset,
      side: 'buy',
      quantity: amount(q),
      price: p.toNumber(),
      value: amount(value),
      reason: b.reason,
      ...(b.replaces ? { replaces: b.replaces } : {}),
    });
  }

  const transactions: TaxTransaction[] = orders.map((o, i) =>
    o.side === 'sell'
      ? {
          type: 'sell',
          date: asOf,
          asset: o.asset,
          quantity: o.quantity.decimal,
          price: String(priceOf(o.asset)),
          id: `rebalance-${asOf}-${i}`,
          lots: (o.lots ?? []).map((l) => ({ lot: l.lotId, quantity: l.quantity.decimal })),
          method: 'specific',
          ...(opts.account !== undefined ? { account: opts.account } : {}),
        }
      : {
          type: 'buy',
          date: asOf,
          asset: o.asset,
          quantity: o.quantity.decimal,
          price: String(priceOf(o.asset)),
          id: `rebalance-${asOf}-${i}`,
          ...(opts.account !== undefined ? { account: opts.account } : {}),
        },
  );
  // weights after: only assets in the book (replacements included)
  const weightsAfter: Array<[string, number]> = [];
  for (const [a, q] of after) weightsAfter.push([a, q.times(priceOf(a)).toNumber() / Vn]);
  let driftAfter = 0;
  for (const pos of positions.values()) driftAfter = Math.max(driftAfter, Math.abs(weight(pos, after.get(pos.asset) as Decimal) - pos.target));
  const total = realizedST.plus(realizedLT);
  return {
    orders,
    transactions,
    realized: { shortTerm: amount(realizedST), longTerm: amount(realizedLT), total: amount(total) },
    estimatedTax: amount(realizedST.times(rates.shortTerm).plus(realizedLT.times(rates.longTerm))),
    drift: { before, after: driftAfter },
    weightsAfter: Object.fromEntries(weightsAfter),
    cashAfter: amount(cash),
    blocked,
  };
}
